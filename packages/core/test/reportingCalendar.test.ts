import { describe, expect, it } from 'vitest';
import { createEngine, decree09Calendar, manualClock, memoryStore, periodDueAt, periodOpensAt } from '@planlog/core';
import { allEvents, issuedPlan, LEAD, PBGDPL, STP, XDPL } from './fixtures.js';

describe('the Decree 09/2019 reporting calendar', () => {
  it('has the periods of Art. 12', () => {
    expect(decree09Calendar.month(2026)[0]).toMatchObject({ key: '2026-M1', from: '2025-12-15', to: '2026-01-14', label: 'Tháng 1/2026' });
    expect(decree09Calendar.month(2026)[2]).toMatchObject({ from: '2026-02-15', to: '2026-03-14' });
    expect(decree09Calendar.quarter(2026).map((p) => [p.label, p.from, p.to])).toEqual([
      ['Quý I/2026', '2025-12-15', '2026-03-14'],
      ['Quý II/2026', '2026-03-15', '2026-06-14'],
      ['Quý III/2026', '2026-06-15', '2026-09-14'],
      ['Quý IV/2026', '2026-09-15', '2026-12-14'],
    ]);
    expect(decree09Calendar.half(2026)).toEqual([
      { kind: 'half', key: '2026-H1', label: '6 tháng đầu năm 2026', from: '2025-12-15', to: '2026-06-14' },
      { kind: 'half', key: '2026-H2', label: '6 tháng cuối năm 2026', from: '2026-06-15', to: '2026-12-14' },
    ]);
    expect(decree09Calendar['nine-months'](2026)[0]).toMatchObject({ from: '2025-12-15', to: '2026-09-14' });
    expect(decree09Calendar.year(2026)[0]).toMatchObject({ from: '2025-12-15', to: '2026-12-14', label: 'Năm 2026' });
  });

  it('lets the plan own due date override the default one', () => {
    const [half] = decree09Calendar.half(2026);
    const zone = 'Asia/Ho_Chi_Minh';
    expect(periodOpensAt(half!, zone).toISOString()).toBe('2025-12-14T17:00:00.000Z');
    // No due date of its own: five days after the cut-off (end of 14 June), 20 June 00:00 local.
    expect(periodDueAt(half!, {}, zone).toISOString()).toBe('2026-06-19T17:00:00.000Z');
    expect(periodDueAt(half!, {}, zone, { dueLagDays: 0 }).toISOString()).toBe('2026-06-14T17:00:00.000Z');
    // "trước ngày 25 tháng 5": due at 25 May 00:00 local
    expect(periodDueAt(half!, { due: { month: 5, day: 25, before: true } }, zone).toISOString()).toBe('2026-05-24T17:00:00.000Z');
    expect(periodDueAt(half!, { due: { month: 6, day: 20, before: false } }, zone).toISOString()).toBe('2026-06-20T17:00:00.000Z');
  });
});

describe('periodic report obligations', () => {
  async function planWithRegime() {
    const store = memoryStore();
    const clock = manualClock('2026-03-01T00:00:00Z');
    const engine = createEngine({ store, clock });
    const { planId } = await engine.draftPlan({
      actor: STP,
      title: 'Kế hoạch',
      reporting: [
        { period: 'half', due: { month: 5, day: 25, before: true }, allowEarlyDue: true, to: { name: 'UBND tỉnh' } },
        { period: 'year' },
        { period: 'ad-hoc' },
      ],
    });
    const a = await engine.addTask({ actor: STP, planId, title: 'A', lead: XDPL, deadline: { kind: 'ongoing' } });
    await engine.addTask({ actor: STP, planId, title: 'B', lead: PBGDPL, deadline: { kind: 'year', year: 2026 } });
    await engine.issuePlan({ actor: STP, planId, number: '9/KH', issuedOn: '2026-03-01' });
    return { store, clock, engine, planId, taskA: a.taskId };
  }

  it('opens one request per period for the lead units, and chases those who did not answer', async () => {
    const { engine, clock, planId, taskA, store } = await planWithRegime();
    const opened = await engine.tick();
    expect(opened.map((event) => [event.type, event.data])).toEqual([
      [
        'report.requested',
        { requestId: 'periodic-2026-H1', units: [XDPL, PBGDPL], subject: 'Báo cáo 6 tháng đầu năm 2026', dueAt: '2026-05-24T17:00:00.000Z', period: '2026-H1' },
      ],
      [
        'report.requested',
        { requestId: 'periodic-2026-Y', units: [XDPL, PBGDPL], subject: 'Báo cáo Năm 2026', dueAt: '2026-12-19T17:00:00.000Z', period: '2026-Y' },
      ],
    ]);
    expect(await engine.tick()).toEqual([]);
    clock.set('2026-05-20T00:00:00Z');
    expect((await engine.dueSoon()).reports.map((report) => [report.requestId, report.units.length])).toEqual([['periodic-2026-H1', 2]]);
    await engine.reportTask({ actor: LEAD, taskId: taskA, text: 'Báo cáo 6 tháng', period: '6 tháng đầu năm 2026', requestId: 'periodic-2026-H1' });
    expect((await engine.dueSoon()).reports[0]?.units).toEqual([PBGDPL]);
    clock.set('2026-05-25T00:00:00Z');
    const chased = await engine.tick();
    expect(chased.map((event) => [event.type, event.data])).toEqual([
      ['report.overdue', { requestId: 'periodic-2026-H1', unit: PBGDPL, dueAt: '2026-05-24T17:00:00.000Z' }],
    ]);
    // Next year's periods open on 15 December; the annual report is due on 20 December 00:00.
    clock.set('2026-12-20T00:00:00Z');
    const next = await engine.tick();
    expect(next.filter((event) => event.type === 'report.requested').map((event) => (event.data as { requestId: string }).requestId)).toEqual([
      'periodic-2027-H1',
      'periodic-2027-Y',
    ]);
    expect(next.filter((event) => event.type === 'report.overdue')).toHaveLength(2); // the annual report, from both
    expect(new Set((await allEvents(store)).map((event) => event.id)).size).toBe(await store.headPosition());
    expect(planId).toBeTypeOf('string');
  });

  it('opens nothing for periods that closed before the plan was issued, nor for plans without a regime', async () => {
    const { engine, planId } = await issuedPlan({ start: '2026-08-01T00:00:00Z' });
    expect((await engine.tick()).map((event) => event.type)).toEqual(['task.overdue']);
    const late = createEngine({ store: memoryStore(), clock: manualClock('2026-08-01T00:00:00Z') });
    const plan = await late.draftPlan({ actor: STP, title: 'Muộn', reporting: [{ period: 'half' }, { period: 'quarter' }] });
    await late.addTask({ actor: STP, planId: plan.planId, title: 'A', lead: XDPL, deadline: { kind: 'ongoing' } });
    await late.issuePlan({ actor: STP, planId: plan.planId, number: '1/KH', issuedOn: '2026-08-01' });
    const opened = await late.tick();
    // The 6-month period closed on 14 June; Q3 (15 June – 14 Sep) is open; Q4 opens on 15 September.
    expect(opened.map((event) => (event.data as { requestId: string }).requestId)).toEqual(['periodic-2026-Q3']);
    expect(planId).toBeTypeOf('string');
  });
});

describe('dueSoon', () => {
  it('lists tasks falling due within the horizon and appends nothing', async () => {
    const { engine, clock, taskId, store } = await issuedPlan();
    clock.set('2026-06-26T00:00:00Z');
    expect((await engine.dueSoon()).tasks.map((task) => task.taskId)).toEqual([taskId]);
    expect((await engine.dueSoon({ days: 3 })).tasks).toEqual([]);
    const head = await store.headPosition();
    await engine.reportTask({ actor: LEAD, taskId, text: 'Xong', final: true });
    expect((await engine.dueSoon()).tasks).toEqual([]); // submitted work is not chased
    expect(await store.headPosition()).toBe(head + 1);
    await expect(engine.dueSoon({ days: Number.NaN })).rejects.toMatchObject({ code: 'VALIDATION', field: 'days' });
  });
});

describe('answering report requests', () => {
  it('only the units asked may answer, and a unit awaiting review still can', async () => {
    const { engine, taskId, planId, clock } = await issuedPlan();
    const { taskId: other } = await engine.addTask({ actor: STP, planId, title: 'Khác', lead: PBGDPL, deadline: { kind: 'year', year: 2026 } });
    const { requestId } = await engine.requestReport({ actor: STP, planId, units: [XDPL, PBGDPL], subject: 'Đột xuất', dueAt: '2026-05-20T00:00:00+07:00' });
    await expect(engine.reportTask({ actor: { unitId: PBGDPL.id }, taskId, text: 'x', requestId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'requestId' });
    const { requestId: onlyXdpl } = await engine.requestReport({ actor: STP, planId, units: [XDPL], subject: 'Riêng', dueAt: '2026-05-20T00:00:00+07:00' });
    await expect(engine.reportTask({ actor: { unitId: PBGDPL.id }, taskId: other, text: 'x', requestId: onlyXdpl })).rejects.toMatchObject({ code: 'FORBIDDEN', field: 'actor.unitId' });
    await engine.reportTask({ actor: LEAD, taskId, text: 'Xong', final: true });
    await engine.reportTask({ actor: LEAD, taskId, text: 'Báo cáo đột xuất', requestId });
    expect((await engine.getTask(taskId)).state).toBe('submitted');
    await engine.reportTask({ actor: { unitId: PBGDPL.id }, taskId: other, text: 'Xong', final: true });
    await engine.acceptReport({ actor: STP, taskId: other });
    clock.set('2026-05-21T00:00:00Z');
    const chased = await engine.tick();
    // XDPL answered one ad-hoc request but not the other; PBGDPL answered neither.
    expect(chased.map((event) => [event.type, (event.data as { requestId: string }).requestId, (event.data as { unit: { id: string } }).unit.id])).toEqual([
      ['report.overdue', requestId, PBGDPL.id],
      ['report.overdue', onlyXdpl, XDPL.id],
    ]);
  });

  it('does not chase a periodic obligation from a unit left with no open task', async () => {
    const store = memoryStore();
    const clock = manualClock('2026-03-01T00:00:00Z');
    const engine = createEngine({ store, clock });
    const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch', reporting: [{ period: 'half', due: { month: 6, day: 20, before: true } }] });
    const a = await engine.addTask({ actor: STP, planId, title: 'A', lead: XDPL, deadline: { kind: 'year', year: 2026 } });
    await engine.addTask({ actor: STP, planId, title: 'B', lead: PBGDPL, deadline: { kind: 'year', year: 2026 } });
    await engine.issuePlan({ actor: STP, planId, number: '9/KH', issuedOn: '2026-03-01' });
    expect((await engine.tick()).map((event) => event.type)).toEqual(['report.requested']);
    await engine.reportTask({ actor: LEAD, taskId: a.taskId, text: 'Xong', final: true });
    await engine.acceptReport({ actor: STP, taskId: a.taskId });
    clock.set('2026-06-21T00:00:00Z');
    const chased = await engine.tick();
    expect(chased.map((event) => (event.data as { unit: { id: string } }).unit.id)).toEqual([PBGDPL.id]);
  });
});

describe('tick with reminders', () => {
  it('returns what it appended and what falls due soon, appending nothing for the reminders', async () => {
    const { engine, clock, taskId, store } = await issuedPlan();
    clock.set('2026-06-27T00:00:00Z');
    const { appended, dueSoon } = await engine.tick({ dueSoon: {} });
    expect(appended).toEqual([]);
    expect(dueSoon.tasks.map((task) => task.taskId)).toEqual([taskId]);
    const head = await store.headPosition();
    await expect(engine.tick({ dueSoon: { days: -1 } })).rejects.toMatchObject({ code: 'VALIDATION', field: 'dueSoon.days' });
    expect(await store.headPosition()).toBe(head);
    clock.set('2026-07-01T00:00:00Z');
    const later = await engine.tick({ dueSoon: { days: 2 } });
    expect(later.appended.map((event) => event.type)).toEqual(['task.overdue']);
    expect(later.dueSoon.tasks).toEqual([]);
  });
});
