/**
 * Issue 14, "Hostile input never corrupts a log, never speaks for someone else": one regression test
 * per item, named after it. Each failed on the main branch before the fix.
 */
import { describe, expect, it } from 'vitest';
import { createEngine, createPolicy, manualClock, memoryStore, unitRef, type EventStore, type StoredEvent } from '@planlog/core';

const STP = unitRef('Sở Tư pháp');
const SNV = unitRef('Sở Nội vụ');
const ISSUER = { unitId: STP.id };
const LEAD = { unitId: SNV.id };
const UNRELATED = { unitId: 'so-y-te' };

async function allEvents(store: EventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

async function issuedPlan(lead = SNV) {
  const store = memoryStore();
  const engine = createEngine({ store, clock: manualClock('2026-03-02T02:00:00Z') });
  await engine.draftPlan({ actor: ISSUER, planId: 'kh-1', title: 'Kế hoạch phổ biến pháp luật năm 2026', issuer: STP });
  for (const taskId of ['T1', 'T2', 'T3']) await engine.addTask({ actor: ISSUER, planId: 'kh-1', taskId, title: `Nhiệm vụ ${taskId}`, lead, deadline: { kind: 'quarter', year: 2026, quarter: 2 } });
  await engine.issuePlan({ actor: ISSUER, planId: 'kh-1', number: '12/KH-STP', issuedOn: '2026-03-01' });
  return { store, engine };
}

describe('item 5: years 0000–0099 no longer move by 1900 years', () => {
  it('a command with a date in year 26 is refused (VALIDATION naming the field), appending nothing', async () => {
    const { store, engine } = await issuedPlan();
    const head = await store.headPosition();
    await expect(engine.extendDeadline({ actor: ISSUER, taskId: 'T1', deadline: { kind: 'date', on: '0026-05-25' }, reason: 'Lùi hạn' })).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'deadline.on',
    });
    await expect(engine.assignTask({ actor: ISSUER, taskId: 'T1', lead: SNV, deadline: { kind: 'year', year: 2201 } })).rejects.toMatchObject({ code: 'VALIDATION', field: 'deadline.year' });
    await expect(engine.issuePlan({ actor: ISSUER, planId: 'kh-1', number: '1', issuedOn: '1899-12-31' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'issuedOn' });
    await expect(engine.requestReport({ actor: ISSUER, planId: 'kh-1', units: [SNV], subject: 'Báo cáo', dueAt: '0026-05-25T00:00:00Z' })).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'dueAt',
    });
    expect(await store.headPosition()).toBe(head);
  });

  it("a deadline in year 26 (an older log) falls due in 0026, not in 1926", async () => {
    const { dueAtOf } = await import('@planlog/core');
    expect(dueAtOf({ kind: 'date', on: '0026-05-25' }, 'UTC')).toBe('0026-05-26T00:00:00.000Z');
    expect(dueAtOf({ kind: 'date', on: '0026-05-25', before: true }, 'UTC')).toBe('0026-05-25T00:00:00.000Z');
    expect(dueAtOf({ kind: 'year', year: 99 } as never, 'UTC')).toBe('0100-01-01T00:00:00.000Z');
    expect(dueAtOf({ kind: 'quarter', year: 1, quarter: 4 } as never, 'UTC')).toBe('0002-01-01T00:00:00.000Z');
  });
});

describe('item 6: a reused command id is bound to its actor, command and input', () => {
  it('acceptReport by an unrelated unit under the command id of an accepted report is CONFLICT; T1 untouched, the policy not skipped', async () => {
    const { store, engine } = await issuedPlan();
    for (const taskId of ['T1', 'T3']) {
      await engine.acknowledgeTask({ actor: LEAD, taskId });
      await engine.reportTask({ actor: LEAD, taskId, text: 'Đã hoàn thành', final: true });
    }
    const first = await engine.acceptReport({ actor: ISSUER, taskId: 'T3', commandId: 'accept-T3' });
    const head = await store.headPosition();
    await expect(engine.acceptReport({ actor: UNRELATED, taskId: 'T1', commandId: 'accept-T3' })).rejects.toMatchObject({ code: 'CONFLICT', field: 'commandId' });
    // The same actor on another task, or with another note: still not a replay.
    await expect(engine.acceptReport({ actor: ISSUER, taskId: 'T1', commandId: 'accept-T3' })).rejects.toMatchObject({ code: 'CONFLICT', field: 'commandId' });
    await expect(engine.acceptReport({ actor: ISSUER, taskId: 'T3', note: 'Tốt', commandId: 'accept-T3' })).rejects.toMatchObject({ code: 'CONFLICT', field: 'commandId' });
    await expect(engine.acceptReport({ actor: { ...ISSUER, userId: 'mallory' }, taskId: 'T3', commandId: 'accept-T3' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await store.headPosition()).toBe(head);
    expect((await engine.getTask('T1')).state).toBe('submitted');
    // The same triple replays the stored result.
    expect(await engine.acceptReport({ actor: ISSUER, taskId: 'T3', commandId: 'accept-T3' })).toEqual(first);
    // And an unrelated unit acting on its own is still refused by the policy.
    await expect(engine.acceptReport({ actor: UNRELATED, taskId: 'T1', commandId: 'accept-T1' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a replay across engines and after a restart of the store keeps the binding (the fingerprint is stored)', async () => {
    const { store, engine } = await issuedPlan();
    await engine.reportTask({ actor: LEAD, taskId: 'T2', text: 'Tiến độ 50%', progress: 50, commandId: 'r-T2' });
    expect(await store.commandFingerprint('r-T2')).toMatch(/^[0-9a-f]{64}$/);
    const other = createEngine({ store, clock: manualClock('2026-03-03T02:00:00Z') });
    await expect(other.reportTask({ actor: LEAD, taskId: 'T2', text: 'Tiến độ 60%', progress: 60, commandId: 'r-T2' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await other.reportTask({ actor: LEAD, taskId: 'T2', text: 'Tiến độ 50%', progress: 50, commandId: 'r-T2' })).taskId).toBe('T2');
  });
});

describe("item 7: callers cannot act as planlog's own actors", () => {
  it.each([
    [{ unitId: 'planlog', userId: 'tick' }],
    [{ unitId: 'planlog', userId: 'assign' }],
    [{ unitId: 'planlog' }],
    [{ unitId: 'planlog/tick' }],
    [{ unitId: 'PlanLog' }],
  ])('%j is refused with VALIDATION on actor.unitId, appending nothing', async (actor) => {
    const store = memoryStore();
    const engine = createEngine({ store, clock: manualClock('2026-03-02T02:00:00Z') });
    await expect(engine.draftPlan({ actor, title: 'Kế hoạch', planId: 'kh-x' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'actor.unitId' });
    await expect(engine.draftPlan({ actor: ISSUER, title: 'Kế hoạch', planId: 'kh-x', issuer: { id: actor.unitId, name: 'planlog' } })).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'issuer.id',
    });
    expect(await store.headPosition()).toBe(0);
  });
});

describe('item 8: separation of duties', () => {
  it('a unit that is both issuer and lead may not accept or return its own final report (on by default)', async () => {
    const { store, engine } = await issuedPlan(STP);
    await engine.acknowledgeTask({ actor: ISSUER, taskId: 'T1' });
    await engine.reportTask({ actor: ISSUER, taskId: 'T1', text: 'Đã xong', final: true });
    const head = await store.headPosition();
    await expect(engine.acceptReport({ actor: ISSUER, taskId: 'T1' })).rejects.toMatchObject({ code: 'FORBIDDEN', field: 'actor.unitId', message: /separation of duties/ });
    await expect(engine.returnReport({ actor: ISSUER, taskId: 'T1', reason: 'Bổ sung' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: /separation of duties/ });
    expect(await store.headPosition()).toBe(head);
    // A task led by another unit: the issuer reviews its final report as before.
    await engine.reassignTask({ actor: ISSUER, taskId: 'T2', lead: SNV, reason: 'Chuyển Sở Nội vụ' });
    await engine.acknowledgeTask({ actor: LEAD, taskId: 'T2' });
    await engine.reportTask({ actor: LEAD, taskId: 'T2', text: 'Đã xong', final: true });
    expect((await engine.acceptReport({ actor: ISSUER, taskId: 'T2' })).taskId).toBe('T2');
  });

  it('can be switched off: createPolicy({ separationOfDuties: false })', async () => {
    const store = memoryStore();
    const engine = createEngine({ store, clock: manualClock('2026-03-02T02:00:00Z'), policy: createPolicy({ separationOfDuties: false }) });
    await engine.draftPlan({ actor: ISSUER, planId: 'kh-1', title: 'Kế hoạch', issuer: STP });
    await engine.addTask({ actor: ISSUER, planId: 'kh-1', taskId: 'T1', title: 'Tự làm', lead: STP, deadline: { kind: 'ongoing' } });
    await engine.issuePlan({ actor: ISSUER, planId: 'kh-1', number: '1/KH', issuedOn: '2026-03-01' });
    await engine.acknowledgeTask({ actor: ISSUER, taskId: 'T1' });
    await engine.reportTask({ actor: ISSUER, taskId: 'T1', text: 'Đã xong', final: true });
    await engine.acceptReport({ actor: ISSUER, taskId: 'T1' });
    expect((await engine.getTask('T1')).state).toBe('completed');
  });
});

describe('bad input gets a typed error', () => {
  it('a requestId of __proto__, constructor, toString works like any other id', async () => {
    const { store, engine } = await issuedPlan();
    await engine.acknowledgeTask({ actor: LEAD, taskId: 'T1' });
    for (const requestId of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      // Unknown: NOT_FOUND, like any unknown id (was: TypeError … reading 'some').
      await expect(engine.reportTask({ actor: LEAD, taskId: 'T1', text: 'Báo cáo', requestId })).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'requestId' });
      // Requested, then answered.
      const { requestId: made } = await engine.requestReport({ actor: ISSUER, planId: 'kh-1', units: [SNV], subject: 'Báo cáo đột xuất', dueAt: '2026-04-01T00:00:00+07:00', requestId });
      expect(made).toBe(requestId);
      await engine.reportTask({ actor: LEAD, taskId: 'T1', text: 'Báo cáo', requestId });
    }
    const plan = await engine.getPlan('kh-1');
    expect(plan.requests.map((request) => request.requestId).sort()).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'toString']);
    // Replay folds the same four requests.
    expect((await engine.replay({ streamId: 'plan-kh-1' })).plans[0]!.requests).toHaveLength(4);
    expect((await allEvents(store)).filter((event) => event.type === 'report.requested')).toHaveLength(4);
  });

  it.each([
    ['replay(null)', (e: ReturnType<typeof createEngine>) => e.replay(null as never), 'options'],
    ['replay({ asOf: {} })', (e: ReturnType<typeof createEngine>) => e.replay({ asOf: {} as never }), 'asOf'],
    ['replay({ streamId: 7 })', (e: ReturnType<typeof createEngine>) => e.replay({ streamId: 7 as never }), 'streamId'],
    ['dueSoon(null)', (e: ReturnType<typeof createEngine>) => e.dueSoon(null as never), 'options'],
    ['dueSoon({ days: "5" })', (e: ReturnType<typeof createEngine>) => e.dueSoon({ days: '5' as never }), 'days'],
    ['tick(null)', (e: ReturnType<typeof createEngine>) => e.tick(null as never), 'options'],
    ['tick({ dueSoon: null })', (e: ReturnType<typeof createEngine>) => e.tick({ dueSoon: null as never }), 'dueSoon'],
    ['verify(null)', (e: ReturnType<typeof createEngine>) => e.verify(null as never), 'options'],
    ['verify({ expect: {} })', (e: ReturnType<typeof createEngine>) => e.verify({ expect: {} as never }), 'expect.position'],
    ['timeline("kh-1", null)', (e: ReturnType<typeof createEngine>) => e.timeline('kh-1', null as never), 'options'],
    ['timeline({})', (e: ReturnType<typeof createEngine>) => e.timeline({} as never), 'id'],
    ['getTask({})', (e: ReturnType<typeof createEngine>) => e.getTask({} as never), 'taskId'],
    ['getPlan("\\ud800")', (e: ReturnType<typeof createEngine>) => e.getPlan('\ud800'), 'planId'],
    ['queries.tasks({ unitId: null })', (e: ReturnType<typeof createEngine>) => e.queries.tasks({ unitId: null as never }), 'unitId'],
    ['queries.tasks(null)', (e: ReturnType<typeof createEngine>) => e.queries.tasks(null as never), 'options'],
    ['queries.tasks({ cursor: "\\ud800" })', (e: ReturnType<typeof createEngine>) => e.queries.tasks({ cursor: '\ud800' }), 'cursor'],
    ['listPlans({ limit: 0 })', (e: ReturnType<typeof createEngine>) => e.listPlans({ limit: 0 }), 'limit'],
    ['store.readAll({ fromPosition: {} })', async (e: ReturnType<typeof createEngine>) => drain(e.store.readAll({ fromPosition: {} as never })), 'fromPosition'],
    ['store.readAll(null)', async (e: ReturnType<typeof createEngine>) => drain(e.store.readAll(null as never)), 'options'],
    ['store.readStream("plan-kh-1", null)', (e: ReturnType<typeof createEngine>) => e.store.readStream('plan-kh-1', null as never), 'options'],
    ['store.readStream(null)', (e: ReturnType<typeof createEngine>) => e.store.readStream(null as never), 'streamId'],
    ['store.append("s", [], null)', (e: ReturnType<typeof createEngine>) => e.store.append('s', [], null as never), 'options'],
    ['store.appendMany(null)', (e: ReturnType<typeof createEngine>) => e.store.appendMany(null as never), 'requests'],
    ['store.appendMany([null])', (e: ReturnType<typeof createEngine>) => e.store.appendMany([null as never]), 'requests.0'],
    ['store.readCommand({})', (e: ReturnType<typeof createEngine>) => e.store.readCommand({} as never), 'commandId'],
  ])('%s: VALIDATION naming the argument', async (_name, call, field) => {
    const { engine } = await issuedPlan();
    await expect(call(engine)).rejects.toMatchObject({ name: 'PlanlogError', code: 'VALIDATION', field });
  });

  it('manualClock(1e308), advance(1e16) and friends: VALIDATION, and the clock keeps its time', () => {
    expect(() => manualClock(1e308 as never)).toThrow(expect.objectContaining({ code: 'VALIDATION', field: 'start' }));
    expect(() => manualClock(null as never)).toThrow(expect.objectContaining({ code: 'VALIDATION', field: 'start' }));
    expect(() => manualClock('0026-01-01T00:00:00Z')).toThrow(expect.objectContaining({ code: 'VALIDATION', field: 'start' }));
    const clock = manualClock('2026-03-02T02:00:00Z');
    expect(() => clock.advance(1e16)).toThrow(expect.objectContaining({ code: 'VALIDATION', field: 'ms' }));
    expect(() => clock.advance('5' as never)).toThrow(expect.objectContaining({ code: 'VALIDATION', field: 'ms' }));
    expect(() => clock.set({} as never)).toThrow(expect.objectContaining({ code: 'VALIDATION', field: 'to' }));
    expect(clock.now().toISOString()).toBe('2026-03-02T02:00:00.000Z');
  });

  it.each([
    ['a lone surrogate in a task id', { taskId: 'Nhiệm vụ 👩'.slice(0, 10) }, 'taskId'],
    ['NUL in a title', { title: 'Kế hoạch\u0000' }, 'title'],
    ['an NFD task id', { taskId: 'nhiệm-vụ'.normalize('NFD') }, 'taskId'],
    ['an untrimmed task id', { taskId: ' T9' }, 'taskId'],
    ['a 201-character task id', { taskId: 'x'.repeat(201) }, 'taskId'],
    ['a 2,001-character title', { title: 'x'.repeat(2_001) }, 'title'],
    ['a blank title', { title: ' \n ' }, 'title'],
    ['a lone surrogate in a support unit name', { support: [{ name: 'Phòng \udc00' }] }, 'support.0.name'],
    ['an untrimmed user id', { actor: { unitId: STP.id, userId: 'an ' } }, 'actor.userId'],
    ['a command id with NUL', { commandId: 'c\u0000' }, 'commandId'],
  ])('%s: VALIDATION naming the field, nothing appended', async (_name, patch, field) => {
    const { store, engine } = await issuedPlan();
    const head = await store.headPosition();
    await expect(engine.addTask({ actor: ISSUER, planId: 'kh-1', title: 'Nhiệm vụ', ...patch })).rejects.toMatchObject({ code: 'VALIDATION', field });
    expect(await store.headPosition()).toBe(head);
  });

  it('a report text of 100,000 characters is taken; one more is refused', async () => {
    const { engine } = await issuedPlan();
    await engine.acknowledgeTask({ actor: LEAD, taskId: 'T1' });
    await engine.reportTask({ actor: LEAD, taskId: 'T1', text: 'a'.repeat(100_000) });
    await expect(engine.reportTask({ actor: LEAD, taskId: 'T1', text: 'a'.repeat(100_001) })).rejects.toMatchObject({ code: 'VALIDATION', field: 'text' });
  });

  it('a store refuses an event holding a lone surrogate or NUL anywhere, naming the field (direct appends too)', async () => {
    const { store } = await issuedPlan();
    const [event] = await store.readStream('task-T1');
    const { id: _id, streamId: _s, version: _v, position: _p, hash: _h, ...decided } = event!;
    const head = await store.headPosition();
    const bad = { ...decided, id: '0190a000-0000-7000-8000-000000000001', commandId: 'x-1', data: { ...decided.data, title: 'ab\ud800' } };
    await expect(store.append('task-T9', [bad as never], { expectedVersion: 'no_stream' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'events[0].data.title' });
    await expect(store.append('task-\u0000', [{ ...bad, data: decided.data } as never], { expectedVersion: 'no_stream' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'streamId' });
    expect(await store.headPosition()).toBe(head);
  });
});

async function drain(events: AsyncIterable<unknown>): Promise<void> {
  for await (const _event of events);
}
