import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createEngine,
  decree09Calendar,
  describeDeadline,
  findEarlyDue,
  manualClock,
  memoryStore,
  periodCutOffAt,
  periodDueAt,
  periodsOfRule,
  ReportingRuleSchema,
  eventDataSchemas,
  vietnamWorkingDays,
  type ReportingRule,
} from '@planlog/core';
import { given } from '@planlog/core/testing';
import { LEAD, STP, XDPL } from './fixtures.js';

const ZONE = 'Asia/Ho_Chi_Minh';
const local = (iso: string) => new Date(`${iso}T00:00:00+07:00`).toISOString();
const period = (kind: keyof typeof decree09Calendar, key: string) => Object.values(decree09Calendar[kind](Number(key.slice(0, 4)))).find((p) => p.key === key)!;
const dueOf = (key: string, kind: keyof typeof decree09Calendar, due: ReportingRule['due'], options = {}) =>
  periodDueAt(period(kind, key), due ? { due } : {}, ZONE, options).toISOString();

async function planOf(reporting: unknown[], options: { start?: string; workingDays?: boolean; engine?: Parameters<typeof createEngine>[0] extends infer O ? Partial<O> : never } = {}) {
  const store = memoryStore();
  const clock = manualClock(options.start ?? '2026-01-05T00:00:00Z');
  const engine = createEngine({ store, clock, ...options.engine });
  const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch', reporting: reporting as ReportingRule[], ...(options.workingDays ? { workingDays: true } : {}) });
  const { taskId } = await engine.addTask({ actor: STP, planId, title: 'A', lead: XDPL, deadline: { kind: 'ongoing' } });
  await engine.issuePlan({ actor: STP, planId, number: '1/KH', issuedOn: clock.now().toISOString().slice(0, 10) });
  return { store, clock, engine, planId, taskId };
}

const requested = (events: { type: string; data: unknown }[]) =>
  events.filter((event) => event.type === 'report.requested').map((event) => event.data as { requestId: string; subject: string; dueAt: string });

describe('the reporting calendar across a year boundary and a leap year', () => {
  it('cuts every period kind from the 15th to the 14th, windows running back into the year before', () => {
    const windows = (year: number) =>
      (['month', 'quarter', 'half', 'nine-months', 'year'] as const).flatMap((kind) => decree09Calendar[kind](year).map((p) => `${p.key} ${p.from}..${p.to}`));
    expect(windows(2024)).toEqual([
      '2024-M1 2023-12-15..2024-01-14',
      '2024-M2 2024-01-15..2024-02-14',
      '2024-M3 2024-02-15..2024-03-14', // holds 29 February 2024
      '2024-M4 2024-03-15..2024-04-14',
      '2024-M5 2024-04-15..2024-05-14',
      '2024-M6 2024-05-15..2024-06-14',
      '2024-M7 2024-06-15..2024-07-14',
      '2024-M8 2024-07-15..2024-08-14',
      '2024-M9 2024-08-15..2024-09-14',
      '2024-M10 2024-09-15..2024-10-14',
      '2024-M11 2024-10-15..2024-11-14',
      '2024-M12 2024-11-15..2024-12-14',
      '2024-Q1 2023-12-15..2024-03-14',
      '2024-Q2 2024-03-15..2024-06-14',
      '2024-Q3 2024-06-15..2024-09-14',
      '2024-Q4 2024-09-15..2024-12-14',
      '2024-H1 2023-12-15..2024-06-14',
      '2024-H2 2024-06-15..2024-12-14',
      '2024-9M 2023-12-15..2024-09-14',
      '2024-Y 2023-12-15..2024-12-14',
    ]);
    // Each kind tiles the time line: a period starts the day after the one before it ends, into the next year.
    for (const kind of ['month', 'quarter', 'half'] as const) {
      const all = [2024, 2025].flatMap((year) => decree09Calendar[kind](year));
      for (let i = 1; i < all.length; i++) expect(new Date(`${all[i]!.from}T00:00:00Z`).getTime() - new Date(`${all[i - 1]!.to}T00:00:00Z`).getTime()).toBe(86_400_000);
    }
  });

  it('puts the default due date five days after the cut-off, across the year and on leap days', () => {
    expect(dueOf('2024-M2', 'month', undefined)).toBe(local('2024-02-20'));
    expect(dueOf('2024-M12', 'month', undefined)).toBe(local('2024-12-20'));
    expect(dueOf('2024-Y', 'year', undefined)).toBe(local('2024-12-20'));
    // A lag of 20 days runs over the year's end and over 29 February.
    expect(dueOf('2024-Y', 'year', undefined, { dueLagDays: 20 })).toBe(local('2025-01-04'));
    expect(dueOf('2024-M2', 'month', undefined, { dueLagDays: 15 })).toBe(local('2024-03-01'));
    expect(dueOf('2025-M2', 'month', undefined, { dueLagDays: 15 })).toBe(local('2025-03-02'));
  });
});

describe('issue 21: dues that follow the law', () => {
  it('1. "báo cáo năm trước ngày 05 tháng 01 năm sau" is due in the next year, after the data window', () => {
    const rule = { period: 'year', due: { month: 1, day: 5, before: true, nextYear: true } } as const;
    expect(ReportingRuleSchema.parse(rule)).toEqual(rule);
    expect(dueOf('2026-Y', 'year', rule.due)).toBe(local('2027-01-05'));
    expect(findEarlyDue(rule, { years: [2026, 2027] })).toBeUndefined();
    // Without "năm sau" the same date is early: eleven months before the window closes.
    expect(findEarlyDue({ period: 'year', due: { month: 1, day: 5, before: true } }, { years: [2026] })?.period.key).toBe('2026-Y');
  });

  it('2. the second half is its own period, labelled "6 tháng cuối năm", with its own window', async () => {
    expect(periodsOfRule(decree09Calendar, { period: 'half', half: 2 }, 2026)).toEqual([
      { kind: 'half', key: '2026-H2', label: '6 tháng cuối năm 2026', from: '2026-06-15', to: '2026-12-14' },
    ]);
    expect(periodsOfRule(decree09Calendar, { period: 'half' }, 2026).map((p) => p.key)).toEqual(['2026-H1']);
    const { engine, clock } = await planOf([{ period: 'half', half: 2, due: { month: 12, day: 15, before: true } }], { start: '2026-07-01T00:00:00Z' });
    expect(requested(await engine.tick())).toEqual([
      { requestId: 'periodic-2026-H2', units: [XDPL], subject: 'Báo cáo 6 tháng cuối năm 2026', dueAt: local('2026-12-15'), period: '2026-H2' },
    ]);
    clock.set('2026-12-16T00:00:00Z');
    expect((await engine.tick()).map((event) => [event.type, (event.data as { requestId: string }).requestId])).toContainEqual(['report.overdue', 'periodic-2026-H2']);
  });

  it('3. nine months is a period a plan can name (provincial rules), from 15 December to 14 September', async () => {
    const { engine } = await planOf([{ period: 'nine-months' }], { start: '2026-01-05T00:00:00Z' });
    expect(requested(await engine.tick())).toEqual([
      { requestId: 'periodic-2026-9M', units: [XDPL], subject: 'Báo cáo 9 tháng năm 2026', dueAt: local('2026-09-20'), period: '2026-9M' },
    ]);
  });

  it('4. without a due date of its own a report is due a configurable lag after the cut-off', async () => {
    const [first] = requested(await (await planOf([{ period: 'quarter' }])).engine.tick());
    expect(first).toMatchObject({ requestId: 'periodic-2026-Q1', dueAt: local('2026-03-20') });
    const [lagged] = requested(await (await planOf([{ period: 'quarter' }], { engine: { reportDueLagDays: 2 } })).engine.tick());
    expect(lagged).toMatchObject({ requestId: 'periodic-2026-Q1', dueAt: local('2026-03-17') });
  });

  it('5. dues relative to the period: a day of the cut-off month, of a later month, working days after the cut-off', () => {
    // "trước ngày 18 của tháng cuối quý"
    const q18 = { day: 18, before: true, monthsAfterCutOff: 0 };
    expect(['2026-Q1', '2026-Q4'].map((key) => dueOf(key, 'quarter', q18))).toEqual([local('2026-03-18'), local('2026-12-18')]);
    // "trước ngày 20 hằng tháng"
    const m20 = { day: 20, before: true, monthsAfterCutOff: 0 };
    expect(['2026-M1', '2026-M2', '2026-M12'].map((key) => dueOf(key, 'month', m20))).toEqual([local('2026-01-20'), local('2026-02-20'), local('2026-12-20')]);
    // "ngày 05 tháng đầu quý sau": into the next year for Q4.
    expect(dueOf('2026-Q4', 'quarter', { day: 5, before: false, monthsAfterCutOff: 1 })).toBe(local('2027-01-06'));
    // "ngày 30 tháng sau": clamped to the month's last day, 29 February in a leap year.
    expect(dueOf('2024-M1', 'month', { day: 30, before: false, monthsAfterCutOff: 1 })).toBe(local('2024-03-01'));
    expect(dueOf('2025-M1', 'month', { day: 30, before: false, monthsAfterCutOff: 1 })).toBe(local('2025-03-01'));
    // "chậm nhất 02 ngày làm việc sau ngày chốt số liệu": Q1 2026 is cut off on Saturday 14 March → end of Tuesday 17 March.
    expect(dueOf('2026-Q1', 'quarter', { daysAfterCutOff: 2, working: true })).toBe(local('2026-03-18'));
    // Q1 2025 is cut off on Friday 14 March 2025 → Monday 17 and Tuesday 18.
    expect(dueOf('2025-Q1', 'quarter', { daysAfterCutOff: 2, working: true })).toBe(local('2025-03-19'));
    expect(dueOf('2026-Q1', 'quarter', { daysAfterCutOff: 2 })).toBe(local('2026-03-17'));
  });

  it('5. the rule\'s due shape grows without breaking the old one, and one form is never read as another', () => {
    const old = { period: 'half', due: { month: 5, day: 25, before: true } };
    expect(ReportingRuleSchema.parse(old)).toEqual(old);
    for (const due of [{ day: 18, before: true, monthsAfterCutOff: 0 }, { daysAfterCutOff: 2, working: true }]) {
      expect(ReportingRuleSchema.parse({ period: 'quarter', due })).toEqual({ period: 'quarter', due });
    }
    expect(ReportingRuleSchema.safeParse({ period: 'quarter', due: { month: 3, day: 18, before: true, monthsAfterCutOff: 0 } }).success).toBe(false);
    expect(ReportingRuleSchema.safeParse({ period: 'quarter', due: { daysAfterCutOff: -1 } }).success).toBe(false);
  });

  it('5. a log written before these shapes still reads: plan.drafted without workingDays, rules with the old due', () => {
    const old = {
      planId: 'kh-1',
      title: 'Kế hoạch',
      issuer: { id: 'so-tu-phap', name: 'Sở Tư pháp' },
      basis: [],
      objectives: [],
      requirements: [],
      reporting: [{ period: 'half', due: { month: 6, day: 20, before: true } }, { period: 'year' }],
      recipients: [],
      timeZone: ZONE,
      parentPlanId: null,
    };
    expect(eventDataSchemas['plan.drafted'].parse(old)).toEqual(old);
    expect(eventDataSchemas['task.added'].parse({ taskId: 't', planId: 'kh-1', ref: null, title: 'A', lead: null, support: [], deadline: { kind: 'ongoing' }, dueAt: null })).toMatchObject({
      deadline: { kind: 'ongoing' },
    });
  });

  it('6. a plan with workingDays moves a time limit that ends on a day off (Civil Code Art. 148(5)); others do not', async () => {
    for (const workingDays of [false, true]) {
      const { engine, planId } = await planOf([{ period: 'year' }], { start: '2026-04-01T00:00:00Z', workingDays });
      expect((await engine.getPlan(planId)).workingDays).toBe(workingDays);
      // Due by the end of Saturday 25 April 2026; 26 (Giỗ Tổ, a Sunday) and 27 (its day in lieu) are off.
      const { taskId } = await engine.addTask({ actor: STP, planId, title: 'B', lead: XDPL, deadline: { kind: 'date', on: '2026-04-25' } });
      expect((await engine.getTask(taskId)).dueAt).toBe(workingDays ? local('2026-04-29') : local('2026-04-26'));
      // The year's report, due by default at 20 December 00:00: its last day, 19 December 2026, is a Saturday.
      const [year] = requested(await engine.tick());
      expect(year!.dueAt).toBe(workingDays ? local('2026-12-22') : local('2026-12-20'));
    }
  });

  it('6. the government\'s announced days change the working days an engine counts', async () => {
    const workingDayCalendar = vietnamWorkingDays({ announced: { 2026: { daysOff: ['2026-04-28'] } } });
    const { engine, planId } = await planOf([], { start: '2026-04-01T00:00:00Z', workingDays: true, engine: { workingDayCalendar } });
    const { taskId } = await engine.addTask({ actor: STP, planId, title: 'B', lead: XDPL, deadline: { kind: 'date', on: '2026-04-25' } });
    expect((await engine.getTask(taskId)).dueAt).toBe(local('2026-04-30'));
  });

  it('6. given facts compute dueAt as the engine would, working days included', async () => {
    const outcome = await given(
      [
        { type: 'plan.drafted', data: { planId: 'kh-1', title: 'Kế hoạch', issuer: { id: STP.unitId, name: 'Sở Tư pháp' }, workingDays: true } },
        { type: 'task.added', data: { taskId: 't-1', planId: 'kh-1', title: 'A', deadline: { kind: 'date', on: '2026-04-25' } } },
      ],
      { at: '2026-04-01T00:00:00Z' },
    )
      .when((engine) => engine.getTask('t-1'))
      .run();
    expect((outcome.result as { dueAt: string }).dueAt).toBe(local('2026-04-29'));
  });

  it('7. draftPlan refuses a report due before its data window closes, naming the rule, unless the rule allows it', async () => {
    const store = memoryStore();
    const engine = createEngine({ store, clock: manualClock('2026-01-05T00:00:00Z') });
    const early = { period: 'half', due: { month: 5, day: 25, before: true } } as const;
    await expect(engine.draftPlan({ actor: STP, title: 'K', reporting: [{ period: 'year' }, early] })).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'reporting.1.due',
      details: { period: '2026-H1', cutOffAt: local('2026-06-15') },
    });
    await expect(engine.draftPlan({ actor: STP, title: 'K', reporting: [{ period: 'month', due: { month: 1, day: 20, before: true } }] })).rejects.toMatchObject({
      field: 'reporting.0.due',
    });
    await expect(engine.draftPlan({ actor: STP, title: 'K', reporting: [{ period: 'year', half: 2 }] })).rejects.toMatchObject({ field: 'reporting.0.half' });
    expect(await store.headPosition()).toBe(0);
    await engine.draftPlan({ actor: STP, title: 'K', reporting: [{ ...early, allowEarlyDue: true }] });
    expect(await store.headPosition()).toBe(1);
  });

  it('8. ongoing work can owe a dated report: the tick asks the lead for it and chases it', async () => {
    const { engine, planId, clock } = await planOf([], { start: '2026-11-01T00:00:00Z' });
    const { taskId } = await engine.addTask({
      actor: STP,
      planId,
      ref: 'II.1',
      title: 'Tuyên truyền',
      lead: XDPL,
      deadline: { kind: 'ongoing', reportBy: { on: '2026-12-15', before: true } },
    });
    expect((await engine.getTask(taskId)).dueAt).toBeNull();
    expect(describeDeadline((await engine.getTask(taskId)).deadline!).vi).toBe('thực hiện thường xuyên; báo cáo trước ngày 15/12/2026');
    expect(requested(await engine.tick())).toEqual([
      { requestId: 'task-report-2-2026-12-15', units: [XDPL], subject: 'Báo cáo kết quả thực hiện nhiệm vụ II.1 Tuyên truyền', dueAt: local('2026-12-15') },
    ]);
    expect(await engine.tick()).toEqual([]);
    await engine.reportTask({ actor: LEAD, taskId, text: 'Đã tuyên truyền', requestId: 'task-report-2-2026-12-15' });
    clock.set('2026-12-16T00:00:00Z');
    expect((await engine.tick()).filter((event) => event.type === 'report.overdue')).toEqual([]);
    expect((await engine.getTask(taskId)).overdue).toBe(false);
  });
});

describe('property: no due date precedes its period\'s cut-off unless the plan says so', () => {
  const day = fc.integer({ min: 1, max: 31 });
  const due = fc.oneof(
    fc.constant(undefined),
    fc.record({ month: fc.integer({ min: 1, max: 12 }), day, before: fc.boolean(), nextYear: fc.boolean() }),
    fc.record({ day, before: fc.boolean(), monthsAfterCutOff: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ daysAfterCutOff: fc.integer({ min: 0, max: 40 }), working: fc.boolean() }),
  );
  const rule = fc
    .record({ period: fc.constantFrom('month', 'quarter', 'half', 'nine-months', 'year'), half: fc.constantFrom(undefined, 1, 2), due, allowEarlyDue: fc.boolean() })
    .map(({ period, half, due: d, allowEarlyDue }) => ({
      period,
      ...(period === 'half' && half ? { half } : {}),
      ...(d ? { due: d } : {}),
      ...(allowEarlyDue ? { allowEarlyDue } : {}),
    })) as fc.Arbitrary<ReportingRule>;

  it('holds for every rule draftPlan accepts, in any year (leap or not), with or without working days', async () => {
    await fc.assert(
      fc.asyncProperty(rule, fc.integer({ min: 1999, max: 2099 }), fc.boolean(), async (r, year, workingDays) => {
        const engine = createEngine({ store: memoryStore(), clock: manualClock(`${year}-03-01T00:00:00Z`) });
        const accepted = await engine.draftPlan({ actor: STP, title: 'K', reporting: [r], workingDays }).then(
          () => true,
          (error: { code?: string; field?: string }) => {
            expect(error).toMatchObject({ code: 'VALIDATION', field: 'reporting.0.due' });
            expect(r.allowEarlyDue).toBeUndefined();
            return false;
          },
        );
        if (!accepted || r.allowEarlyDue) return;
        for (const y of [year, year + 1]) {
          for (const p of periodsOfRule(decree09Calendar, r, y)) {
            const dueAt = periodDueAt(p, r, ZONE, { moveOffDays: workingDays });
            expect(dueAt.getTime()).toBeGreaterThanOrEqual(periodCutOffAt(p, ZONE).getTime());
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('holds for the default due date whatever the lag', () => {
    fc.assert(
      fc.property(fc.constantFrom('month', 'quarter', 'half', 'nine-months', 'year') as fc.Arbitrary<ReportingRule['period']>, fc.integer({ min: 1900, max: 2199 }), fc.nat(60), (kind, year, lag) => {
        for (const p of decree09Calendar[kind as 'month'](year)) {
          expect(periodDueAt(p, {}, ZONE, { dueLagDays: lag }).getTime()).toBeGreaterThanOrEqual(periodCutOffAt(p, ZONE).getTime());
        }
      }),
    );
  });
});
