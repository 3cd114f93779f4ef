import { describe, expect, it } from 'vitest';
import { createEngine, manualClock, memoryStore, PlanlogError, type Policy } from '@planlog/core';
import { allEvents, issuedPlan, LEAD, PBGDPL, STP, SUPPORT, XDPL } from './fixtures.js';

describe('a task through its life', () => {
  it('goes assigned → acknowledged → in_progress → submitted → completed on time', async () => {
    const { engine, taskId, store } = await issuedPlan();
    expect((await engine.getTask(taskId)).state).toBe('assigned');
    await engine.acknowledgeTask({ actor: LEAD, taskId });
    await engine.reportTask({ actor: LEAD, taskId, text: 'Đã rà soát 40%', progress: 40, period: '6 tháng đầu năm' });
    expect(await engine.getTask(taskId)).toMatchObject({ state: 'in_progress', progress: 40 });
    await engine.reportTask({ actor: SUPPORT, taskId, text: 'Phối hợp tuyên truyền', progress: 60 });
    await engine.reportTask({ actor: LEAD, taskId, text: 'Hoàn thành rà soát', final: true });
    expect((await engine.getTask(taskId)).state).toBe('submitted');
    await engine.acceptReport({ actor: STP, taskId, note: 'Đạt yêu cầu' });
    const task = await engine.getTask(taskId);
    expect(task).toMatchObject({ state: 'completed', outcome: 'on_time', overdue: false, progress: 100 });
    expect(task.reports.map((report) => report.status)).toEqual(['progress', 'progress', 'accepted']);
    expect((await allEvents(store)).map((event) => event.type)).toEqual([
      'plan.drafted',
      'task.added',
      'plan.issued',
      'task.assigned',
      'task.acknowledged',
      'task.reported',
      'task.reported',
      'task.reported',
      'task.report_accepted',
    ]);
  });

  it('judges the outcome against the deadline in force when the final report was submitted', async () => {
    const { engine, taskId, clock, planId } = await issuedPlan();
    clock.set('2026-06-30T16:59:59Z');
    await engine.reportTask({ actor: LEAD, taskId, text: 'Xong', final: true });
    clock.set('2026-07-05T00:00:00Z');
    expect(await engine.tick()).toEqual([]); // submitted work is not chased
    await engine.acceptReport({ actor: STP, taskId });
    expect((await engine.getTask(taskId)).outcome).toBe('on_time');
    expect(await engine.getPlanSummary(planId)).toMatchObject({ total: 1, completedOnTime: 1, completionRate: 1 });
  });

  it('puts a returned report back in progress, where the deadline can still fire', async () => {
    const { engine, taskId, clock } = await issuedPlan();
    await engine.reportTask({ actor: LEAD, taskId, text: 'Xong', final: true });
    await engine.returnReport({ actor: STP, taskId, reason: 'Thiếu số liệu' });
    const task = await engine.getTask(taskId);
    expect(task.state).toBe('in_progress');
    expect(task.reports.at(-1)).toMatchObject({ status: 'returned', reviewNote: 'Thiếu số liệu' });
    clock.set('2026-07-01T00:00:00Z');
    expect((await engine.tick()).map((event) => event.type)).toEqual(['task.overdue']);
    await engine.reportTask({ actor: LEAD, taskId, text: 'Bổ sung số liệu', final: true });
    await engine.acceptReport({ actor: STP, taskId });
    expect(await engine.getTask(taskId)).toMatchObject({ state: 'completed', outcome: 'late', overdueEpisodes: ['2026-06-30T17:00:00.000Z'] });
  });

  it('reassigns to a new lead, who must acknowledge again', async () => {
    const { engine, taskId } = await issuedPlan();
    await engine.acknowledgeTask({ actor: LEAD, taskId });
    await engine.reassignTask({ actor: STP, taskId, lead: PBGDPL, reason: 'Điều chỉnh phân công' });
    const task = await engine.getTask(taskId);
    expect(task).toMatchObject({ state: 'assigned', lead: PBGDPL });
    await expect(engine.acknowledgeTask({ actor: LEAD, taskId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await engine.acknowledgeTask({ actor: SUPPORT, taskId });
  });

  it('cancels from any state before completed, and a cancelled task never changes again', async () => {
    const { engine, taskId, store } = await issuedPlan();
    await engine.cancelTask({ actor: STP, taskId, reason: 'Không còn phù hợp' });
    const head = await store.headPosition();
    for (const attempt of [
      () => engine.acknowledgeTask({ actor: LEAD, taskId }),
      () => engine.reportTask({ actor: LEAD, taskId, text: 'x' }),
      () => engine.extendDeadline({ actor: STP, taskId, deadline: { kind: 'year', year: 2026 }, reason: 'x' }),
      () => engine.cancelTask({ actor: STP, taskId, reason: 'again' }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    }
    expect(await store.headPosition()).toBe(head);
  });
});

describe('tick', () => {
  it('appends one task.overdue per deadline, however often it is called', async () => {
    const { engine, taskId, clock } = await issuedPlan();
    clock.set('2026-06-30T16:59:59.999Z');
    expect(await engine.tick()).toEqual([]);
    clock.set('2026-06-30T17:00:00Z');
    const fired = await engine.tick();
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ type: 'task.overdue', streamId: `task-${taskId}`, data: { dueAt: '2026-06-30T17:00:00.000Z' } });
    expect(await engine.tick()).toEqual([]);
    clock.advance(86_400_000);
    expect(await engine.tick()).toEqual([]);
    expect((await engine.getTask(taskId)).overdue).toBe(true);
  });

  it('clears the flag on an extension and fires again at the new deadline', async () => {
    const { engine, taskId, clock } = await issuedPlan();
    clock.set('2026-07-02T00:00:00Z');
    await engine.tick();
    await engine.extendDeadline({ actor: STP, taskId, deadline: { kind: 'date', on: '2026-07-31' }, reason: 'Chờ văn bản hướng dẫn' });
    expect(await engine.getTask(taskId)).toMatchObject({ overdue: false, dueAt: '2026-07-31T17:00:00.000Z' });
    clock.set('2026-08-01T00:00:00Z');
    expect((await engine.tick()).map((event) => event.data)).toEqual([{ dueAt: '2026-07-31T17:00:00.000Z' }]);
    expect((await engine.getTask(taskId)).overdueEpisodes).toEqual(['2026-06-30T17:00:00.000Z', '2026-07-31T17:00:00.000Z']);
  });

  it('never fires for ongoing work or for tasks of an unissued or closed plan', async () => {
    const store = memoryStore();
    const clock = manualClock('2026-01-01T00:00:00Z');
    const engine = createEngine({ store, clock });
    const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch' });
    await engine.addTask({ actor: STP, planId, title: 'Thường xuyên', lead: XDPL, deadline: { kind: 'ongoing' } });
    await engine.addTask({ actor: STP, planId, title: 'Quý I', lead: XDPL, deadline: { kind: 'quarter', year: 2026, quarter: 1 } });
    clock.set('2026-05-01T00:00:00Z');
    expect(await engine.tick()).toEqual([]); // plan still a draft: tasks are only added
    const { planId: other } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch 2' });
    await engine.addTask({ actor: STP, planId: other, title: 'Quý II', lead: XDPL, deadline: { kind: 'quarter', year: 2026, quarter: 2 } });
    await engine.issuePlan({ actor: STP, planId: other, number: '2/KH', issuedOn: '2026-05-01' });
    await engine.closePlan({ actor: STP, planId: other });
    clock.set('2027-01-01T00:00:00Z');
    expect(await engine.tick()).toEqual([]);
  });

  it('appends each overdue once when two engines tick the same moment', async () => {
    const { store, clock, engine, planId } = await issuedPlan();
    for (let i = 0; i < 20; i++) {
      await engine.addTask({ actor: STP, planId, title: `Nhiệm vụ ${i}`, lead: XDPL, deadline: { kind: 'month', year: 2026, month: 4 + (i % 3) } });
    }
    const second = createEngine({ store, clock });
    clock.set('2026-08-01T00:00:00Z');
    const [a, b] = await Promise.all([engine.tick(), second.tick()]);
    const overdue = (await allEvents(store)).filter((event) => event.type === 'task.overdue');
    expect(overdue).toHaveLength(21);
    expect(new Set(overdue.map((event) => event.streamId)).size).toBe(21);
    expect(a.length + b.length).toBe(21);
  });

  it('chases units that did not answer a report request, once each', async () => {
    const { engine, taskId, planId, clock } = await issuedPlan();
    const { requestId } = await engine.requestReport({
      actor: STP,
      planId,
      units: [XDPL, PBGDPL],
      subject: 'Báo cáo đột xuất tình hình mua bán người',
      dueAt: '2026-05-20T00:00:00+07:00',
    });
    expect(requestId).toBeTypeOf('string');
    await engine.reportTask({ actor: LEAD, taskId, text: 'Báo cáo đột xuất', requestId });
    clock.set('2026-05-21T00:00:00Z');
    const fired = await engine.tick();
    expect(fired.map((event) => [event.type, event.data])).toEqual([
      ['report.overdue', { requestId, unit: PBGDPL, dueAt: '2026-05-19T17:00:00.000Z' }],
    ]);
    expect(await engine.tick()).toEqual([]);
    expect((await engine.getPlan(planId)).requests[0]?.overdueUnits).toEqual([PBGDPL.id]);
  });
});

describe('idempotency and concurrency', () => {
  it('returns the first result for a repeated command id and appends nothing', async () => {
    const { engine, taskId, store } = await issuedPlan();
    const first = await engine.reportTask({ actor: LEAD, taskId, text: 'Tiến độ', commandId: 'r-1' });
    const head = await store.headPosition();
    const again = await engine.reportTask({ actor: LEAD, taskId, text: 'Tiến độ', commandId: 'r-1' });
    expect(again).toEqual(first);
    expect(await store.headPosition()).toBe(head);
    // Another engine on the same store honours it too.
    const other = createEngine({ store, clock: engine.clock });
    expect(await other.reportTask({ actor: LEAD, taskId, text: 'Tiến độ', commandId: 'r-1' })).toEqual(first);
    await expect(other.acknowledgeTask({ actor: LEAD, taskId, commandId: 'r-1' })).rejects.toMatchObject({ code: 'CONFLICT', field: 'commandId' });
    // Bound to its actor and input too (design §3.2): another text under the same id is CONFLICT, not a replay.
    await expect(other.reportTask({ actor: LEAD, taskId, text: 'Tiến độ khác', commandId: 'r-1' })).rejects.toMatchObject({ code: 'CONFLICT', field: 'commandId' });
  });

  it('re-decides after a conflict: two engines reporting at once both land, in order', async () => {
    const { store, engine, taskId } = await issuedPlan();
    const other = createEngine({ store, clock: engine.clock });
    await Promise.all([
      engine.reportTask({ actor: LEAD, taskId, text: 'A', progress: 10 }),
      other.reportTask({ actor: LEAD, taskId, text: 'B', progress: 20 }),
      engine.reportTask({ actor: SUPPORT, taskId, text: 'C' }),
    ]);
    const task = await engine.getTask(taskId);
    expect(task.reports.map((report) => report.text).sort()).toEqual(['A', 'B', 'C']);
    expect(task.version).toBe(5);
  });

  it('lets only one of two concurrent final-state commands win', async () => {
    const { store, engine, taskId } = await issuedPlan();
    await engine.reportTask({ actor: LEAD, taskId, text: 'Xong', final: true });
    const other = createEngine({ store, clock: engine.clock });
    const outcomes = await Promise.allSettled([
      engine.acceptReport({ actor: STP, taskId }),
      other.returnReport({ actor: STP, taskId, reason: 'Thiếu' }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(PlanlogError);
    expect(refused.reason.code).toBe('ILLEGAL_TRANSITION');
  });
});

describe('policy', () => {
  it('enforces the default policy: issuer runs the plan, lead acknowledges, support only reports progress', async () => {
    const { engine, taskId, planId } = await issuedPlan();
    await expect(engine.acknowledgeTask({ actor: SUPPORT, taskId })).rejects.toMatchObject({ code: 'FORBIDDEN', field: 'actor.unitId' });
    await expect(engine.reportTask({ actor: SUPPORT, taskId, text: 'Xong', final: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(engine.acceptReport({ actor: LEAD, taskId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(engine.closePlan({ actor: LEAD, planId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(engine.reportTask({ actor: { unitId: 'cong-an-tinh' }, taskId, text: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(engine.draftPlan({ actor: LEAD, title: 'x', issuer: { name: 'Sở Tư pháp' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('can be replaced by a custom policy', async () => {
    const store = memoryStore();
    const clock = manualClock('2026-04-10T02:00:00Z');
    // The issuer's office (Văn phòng Sở) may also accept reports on the issuer's behalf.
    const policy: Policy = (request) =>
      request.command === 'acceptReport' && request.actor.unitId === 'van-phong-so' ? true : request.actor.unitId === STP.unitId || request.actor.unitId === request.task?.lead?.id || 'no';
    const engine = createEngine({ store, clock, policy });
    const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch' });
    const { taskId } = await engine.addTask({ actor: STP, planId, title: 'Việc', lead: XDPL, deadline: { kind: 'year', year: 2026 } });
    await engine.issuePlan({ actor: STP, planId, number: '1/KH', issuedOn: '2026-04-10' });
    await engine.reportTask({ actor: LEAD, taskId, text: 'Xong', final: true });
    await engine.acceptReport({ actor: { unitId: 'van-phong-so' }, taskId });
    expect((await engine.getTask(taskId)).state).toBe('completed');
  });
});

describe('plans', () => {
  it('issuing assigns every task that has a lead, all or nothing', async () => {
    const store = memoryStore();
    const engine = createEngine({ store, clock: manualClock('2026-03-01T00:00:00Z') });
    const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch', planId: 'kh-45' });
    const withLead = await engine.addTask({ actor: STP, planId, title: 'Có chủ trì', lead: XDPL, deadline: { kind: 'ongoing' } });
    const noDeadline = await engine.addTask({ actor: STP, planId, title: 'Chưa có thời hạn', lead: XDPL });
    const noLead = await engine.addTask({ actor: STP, planId, title: 'Chưa giao' });
    await engine.issuePlan({ actor: STP, planId, number: '45/KH-STP', issuedOn: '2026-03-01' });
    expect((await engine.getTask(withLead.taskId)).state).toBe('assigned');
    expect(await engine.getTask(noDeadline.taskId)).toMatchObject({ state: 'assigned', deadline: { kind: 'ongoing' }, dueAt: null });
    expect((await engine.getTask(noLead.taskId)).state).toBe('added');
    await engine.assignTask({ actor: STP, taskId: noLead.taskId, lead: PBGDPL, deadline: { kind: 'date', on: '2026-05-25', before: true } });
    expect(await engine.getTask(noLead.taskId)).toMatchObject({ state: 'assigned', dueAt: '2026-05-24T17:00:00.000Z' });
    const plan = await engine.getPlan(planId);
    expect(plan).toMatchObject({ planId: 'kh-45', state: 'issued', number: '45/KH-STP', issuedOn: '2026-03-01' });
    expect(plan.taskIds).toEqual([withLead.taskId, noDeadline.taskId, noLead.taskId]);
    await engine.closePlan({ actor: STP, planId });
    await expect(engine.addTask({ actor: STP, planId, title: 'Muộn' })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION', field: 'planId' });
  });

  it('assigns a task added to an issued plan at once', async () => {
    const { engine, planId } = await issuedPlan();
    const { taskId } = await engine.addTask({ actor: STP, planId, title: 'Bổ sung', lead: XDPL, deadline: { kind: 'year', year: 2026 } });
    expect((await engine.getTask(taskId)).state).toBe('assigned');
  });

  it('replays the log to the same state, also as of a position or an instant', async () => {
    const { engine, taskId, planId, clock } = await issuedPlan();
    clock.set('2026-05-01T00:00:00Z');
    await engine.acknowledgeTask({ actor: LEAD, taskId });
    clock.set('2026-06-01T00:00:00Z');
    const { position } = await engine.reportTask({ actor: LEAD, taskId, text: 'Tiến độ 50%', progress: 50 });
    const replayed = await engine.replay();
    expect(replayed.tasks).toEqual([await engine.getTask(taskId)]);
    expect(replayed.plans).toEqual([await engine.getPlan(planId)]);
    expect((await engine.replay({ asOf: '2026-05-15T00:00:00Z' })).tasks[0]?.state).toBe('acknowledged');
    expect((await engine.replay({ asOf: position - 1 })).tasks[0]?.state).toBe('acknowledged');
    expect((await engine.replay({ streamId: `task-${taskId}` })).plans).toEqual([]);
  });
});

describe('audit through the engine', () => {
  it('verifies the log and tells a task history in Vietnamese and English', async () => {
    const { engine, taskId, clock } = await issuedPlan();
    await engine.acknowledgeTask({ actor: LEAD, taskId });
    clock.set('2026-07-01T00:00:00Z');
    await engine.tick();
    const verdict = await engine.verify();
    expect(verdict).toMatchObject({ ok: true, checked: 6 });
    const history = await engine.timeline(taskId);
    expect(history.map((entry) => entry.type)).toEqual(['task.added', 'task.assigned', 'task.acknowledged', 'task.overdue']);
    expect(history.at(-1)?.localTime).toBe('2026-07-01 07:00');
    expect(history.every((entry) => entry.description.vi.length > 0 && entry.description.en.length > 0)).toBe(true);
  });
});

describe('queries without catching up', () => {
  it('read the read models as they are when another process owns them', async () => {
    const { store, clock, taskId } = await issuedPlan();
    const { memoryReadModels, ProjectionRunner, builtinProjections } = await import('@planlog/core');
    const readModels = memoryReadModels();
    const worker = new ProjectionRunner({ store, readModels, projections: builtinProjections });
    await worker.catchUp();
    const reader = createEngine({ store, clock, readModels, catchUpReadModels: false });
    await reader.acknowledgeTask({ actor: LEAD, taskId });
    expect((await reader.queries.tasks({ unitId: XDPL.id })).items.map((task) => task.state)).toEqual(['assigned']);
    await worker.catchUp();
    expect((await reader.queries.tasks({ unitId: XDPL.id })).items.map((task) => task.state)).toEqual(['acknowledged']);
  });
});
