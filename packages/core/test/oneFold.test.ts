/**
 * One fold per process (issue 15): the engine and its projection runner share one live fold, and
 * the engine folds the events its own append returned instead of reading back what it just wrote
 * (when no one else wrote in between).
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createEngine, manualClock, memoryStore, type Engine, type EventStore, type NewEvent, type StoredEvent } from '@planlog/core';
import { LEAD, PBGDPL, STP, XDPL } from './fixtures.js';

/** A store that counts the events read from it (readAll, readStream) and passes everything on. */
function countingStore(inner: EventStore): { store: EventStore; read: { events: number } } {
  const read = { events: 0 };
  const store: EventStore = {
    ...inner,
    readAll(options) {
      const events = inner.readAll(options);
      return (async function* () {
        for await (const event of events) {
          read.events++;
          yield event;
        }
      })();
    },
    async readStream(streamId, options) {
      const events = await inner.readStream(streamId, options);
      read.events += events.length;
      return events;
    },
  };
  return { store, read };
}

/** The tasks a unit leads, counted over every page of `queries.tasks`. */
async function countTasksOf(engine: Engine, unitId: string): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await engine.queries.tasks({ unitId, limit: 500, cursor });
    count += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return count;
}

describe('one fold per process', () => {
  it("an engine's own commands and its queries read no event back from the store when no one else writes", async () => {
    const { store, read } = countingStore(memoryStore());
    const clock = manualClock('2026-04-10T02:00:00Z');
    const engine = createEngine({ store, clock });
    const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch phòng, chống tội phạm năm 2026', issuer: { id: STP.unitId, name: 'Sở Tư pháp' }, reporting: [{ period: 'year' }] });
    const { taskId } = await engine.addTask({ actor: STP, planId, title: 'Rà soát văn bản', lead: XDPL, support: [PBGDPL], deadline: { kind: 'quarter', year: 2026, quarter: 2 } });
    await engine.issuePlan({ actor: STP, planId, number: '45/KH-STP', issuedOn: '2026-04-15', commandId: 'issue-45' });
    await engine.acknowledgeTask({ actor: LEAD, taskId });
    clock.set('2026-07-02T00:00:00Z');
    expect((await engine.tick()).map((event) => event.type)).toEqual(['task.overdue', 'report.requested']);
    expect((await engine.getTask(taskId)).overdue).toBe(true);
    // The read models are fed from the same fold.
    expect((await engine.queries.overdueTasks()).items.map((row) => row.taskId)).toEqual([taskId]);
    await engine.reportTask({ actor: LEAD, taskId, text: 'Đã rà soát xong', final: true });
    expect((await engine.queries.overdueTasks()).items.map((row) => row.state)).toEqual(['submitted']);
    expect(read.events).toBe(0);
  });

  it('after another engine wrote, an engine reads exactly those events, and its read models show them', async () => {
    const { store, read } = countingStore(memoryStore());
    const clock = manualClock('2026-04-10T02:00:00Z');
    const engine = createEngine({ store, clock });
    const other = createEngine({ store, clock });
    const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch năm 2026', issuer: { id: STP.unitId, name: 'Sở Tư pháp' } });
    const { taskId } = await engine.addTask({ actor: STP, planId, title: 'Rà soát văn bản', lead: XDPL, deadline: { kind: 'quarter', year: 2026, quarter: 2 } });
    await engine.queries.overdueTasks();

    // The other engine writes in between: its first command reads the log (the 2 events so far).
    read.events = 0;
    await other.issuePlan({ actor: STP, planId, number: '45/KH-STP', issuedOn: '2026-04-15' });
    expect(read.events).toBe(2);
    const written: StoredEvent[] = [];
    for await (const event of store.readAll({ fromPosition: 3 })) written.push(event);
    expect(written.map((event) => event.type)).toEqual(['plan.issued', 'task.assigned']);

    // This engine's next command folds the two it missed, read once, and its own append without reading.
    read.events = 0;
    await engine.acknowledgeTask({ actor: LEAD, taskId });
    expect(read.events).toBe(2);
    read.events = 0;
    expect((await engine.queries.tasks({ unitId: XDPL.id })).items.map((row) => row.state)).toEqual(['acknowledged']);
    expect(read.events).toBe(0);

    // An append that lands after another writer's: the engine reads the log from where it stood.
    clock.set('2026-07-02T00:00:00Z');
    read.events = 0;
    await other.tick(); // task.overdue, by the other engine
    read.events = 0;
    await engine.reportTask({ actor: LEAD, taskId, text: 'Đã rà soát', final: true });
    expect(read.events).toBe(1);
    expect((await engine.getTask(taskId))).toMatchObject({ state: 'submitted', overdue: true });
    expect((await engine.queries.tasks({ unitId: XDPL.id })).items.map((row) => [row.state, row.overdue])).toEqual([['submitted', true]]);
  });

  it('read models the live fold ran ahead of (more than its backlog keeps) are caught up by a fold of their own', async () => {
    const { store, read } = countingStore(memoryStore());
    const engine = createEngine({ store, clock: manualClock('2026-04-10T02:00:00Z') });
    const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch năm 2026', issuer: { id: STP.unitId, name: 'Sở Tư pháp' } });
    // 10,001 tasks written by someone else, folded by the engine before any query.
    const added = (i: number): NewEvent => {
      const id = randomUUID();
      const data = { taskId: `nv-${i}`, planId, ref: null, title: `Nhiệm vụ ${i}`, lead: XDPL, support: [], deadline: null, dueAt: null };
      return { id, type: 'task.added', schemaVersion: 1, data, actor: STP, commandId: id, causationId: null, correlationId: id, recordedAt: '2026-04-10T02:00:00.000Z' } as NewEvent;
    };
    await store.appendMany(Array.from({ length: 10_001 }, (_, i) => ({ streamId: `task-nv-${i}`, expectedVersion: 'no_stream' as const, events: [added(i)] })));
    expect((await engine.getPlan(planId)).taskIds).toHaveLength(10_001);
    read.events = 0;
    expect(await countTasksOf(engine, XDPL.id)).toBe(10_001);
    expect(read.events).toBe(10_002);
    // Then the backlog serves again.
    read.events = 0;
    await engine.addTask({ actor: STP, planId, taskId: 'nv-last', title: 'Nhiệm vụ cuối', lead: XDPL });
    expect(await countTasksOf(engine, XDPL.id)).toBe(10_002);
    expect(read.events).toBe(0);
  });

  it('commands run at once share one read of the log: a catch-up asked while another waits, not yet started, joins it', async () => {
    const base = memoryStore();
    let reads = 0;
    const store: EventStore = { ...base, readAll: (options) => (reads++, base.readAll(options)) };
    const clock = manualClock('2026-04-10T02:00:00Z');
    const engine = createEngine({ store, clock });
    const other = createEngine({ store: base, clock });
    const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch năm 2026', issuer: { id: STP.unitId, name: 'Sở Tư pháp' } });
    const taskIds: string[] = [];
    for (let i = 0; i < 20; i++) taskIds.push((await engine.addTask({ actor: STP, planId, title: `Nhiệm vụ ${i}`, lead: XDPL })).taskId);
    await engine.issuePlan({ actor: STP, planId, number: '45/KH-STP', issuedOn: '2026-04-15' });
    // Another engine acknowledges the first task; then twenty reports come in at once.
    await other.acknowledgeTask({ actor: LEAD, taskId: taskIds[0]! });
    reads = 0;
    await Promise.all(taskIds.map((taskId, i) => engine.reportTask({ actor: LEAD, taskId, text: `Báo cáo ${i}` })));
    expect(reads).toBe(1); // one catch-up for all twenty (each used to read the log on its own)
    expect((await engine.getTask(taskIds[0]!)).state).toBe('in_progress');
    expect((await engine.getTask(taskIds[19]!)).reports.map((report) => report.text)).toEqual(['Báo cáo 19']);
  });

  it('commands that arrive in one turn of the event loop, each from its own callback (requests read in one I/O phase), share one read of the log', async () => {
    const base = memoryStore();
    let reads = 0;
    const store: EventStore = { ...base, readAll: (options) => (reads++, base.readAll(options)) };
    const engine = createEngine({ store, clock: manualClock('2026-04-10T02:00:00Z') });
    const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch năm 2026', issuer: { id: STP.unitId, name: 'Sở Tư pháp' } });
    const taskIds: string[] = [];
    for (let i = 0; i < 20; i++) taskIds.push((await engine.addTask({ actor: STP, planId, title: `Nhiệm vụ ${i}`, lead: XDPL })).taskId);
    await engine.issuePlan({ actor: STP, planId, number: '45/KH-STP', issuedOn: '2026-04-15' });
    reads = 0;
    const reported: Promise<unknown>[] = [];
    await new Promise<void>((done) => {
      for (const [i, taskId] of taskIds.entries()) setImmediate(() => reported.push(engine.reportTask({ actor: LEAD, taskId, text: `Báo cáo ${i}` })));
      setImmediate(done);
    });
    await Promise.all(reported);
    expect(reads).toBe(1);
  });

  it('a catch-up asked after another has started reading does not join it: it reads again and decides on what was committed since', async () => {
    const base = memoryStore();
    // The engine's reads take what the log holds when they start and hand it out when `release` is called.
    let armed = false;
    let release!: () => void;
    let started!: () => void;
    const firstReadStarted = new Promise<void>((resolve) => (started = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const store: EventStore = {
      ...base,
      readAll(options) {
        if (!armed) return base.readAll(options);
        armed = false;
        return (async function* () {
          const held: StoredEvent[] = [];
          for await (const event of base.readAll(options)) held.push(event);
          started();
          await gate;
          yield* held;
        })();
      },
    };
    const clock = manualClock('2026-04-10T02:00:00Z');
    const engine = createEngine({ store, clock });
    const other = createEngine({ store: base, clock });
    const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch năm 2026', issuer: { id: STP.unitId, name: 'Sở Tư pháp' } });
    const first = (await engine.addTask({ actor: STP, planId, title: 'Rà soát văn bản', lead: XDPL })).taskId;
    const second = (await engine.addTask({ actor: STP, planId, title: 'Tuyên truyền pháp luật', lead: XDPL })).taskId;
    await engine.issuePlan({ actor: STP, planId, number: '45/KH-STP', issuedOn: '2026-04-15' });

    armed = true;
    const acknowledged = engine.acknowledgeTask({ actor: LEAD, taskId: first });
    await firstReadStarted; // its catch-up has read the log and waits
    // Meanwhile another engine asks the lead for a report, and the lead answers it through this engine.
    const { requestId } = await other.requestReport({ actor: STP, planId, units: [XDPL], subject: 'Báo cáo đột xuất', dueAt: '2026-05-01T10:00:00Z' });
    const answered = engine.reportTask({ actor: LEAD, taskId: second, text: 'Đã báo cáo', requestId });
    release();
    await acknowledged;
    // Joined to the catch-up under way, the report would have been decided without the request (NOT_FOUND).
    await expect(answered).resolves.toMatchObject({ taskId: second });
    expect((await engine.getTask(second)).reports.map((report) => report.requestId)).toEqual([requestId]);
  });

  it('a shared catch-up that fails fails every command that joined it with STORE, appending nothing, and the next catch-up reads again', async () => {
    const base = memoryStore();
    let failNext = false;
    let reads = 0;
    const store: EventStore = {
      ...base,
      readAll(options) {
        reads++;
        if (!failNext) return base.readAll(options);
        failNext = false;
        return (async function* (): AsyncGenerator<StoredEvent> {
          throw new Error('disk I/O error');
        })();
      },
    };
    const clock = manualClock('2026-04-10T02:00:00Z');
    const engine = createEngine({ store, clock });
    const other = createEngine({ store: base, clock });
    const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch năm 2026', issuer: { id: STP.unitId, name: 'Sở Tư pháp' } });
    const taskIds: string[] = [];
    for (let i = 0; i < 3; i++) taskIds.push((await engine.addTask({ actor: STP, planId, title: `Nhiệm vụ ${i}`, lead: XDPL })).taskId);
    await other.issuePlan({ actor: STP, planId, number: '45/KH-STP', issuedOn: '2026-04-15' }); // this engine must read it
    const head = await base.headPosition();

    failNext = true;
    reads = 0;
    const outcomes = await Promise.allSettled(taskIds.map((taskId) => engine.acknowledgeTask({ actor: LEAD, taskId })));
    expect(reads).toBe(1); // one read, shared, and it failed
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      expect((outcome as PromiseRejectedResult).reason).toMatchObject({ code: 'STORE' });
    }
    expect(await base.headPosition()).toBe(head);
    // Nothing is left waiting on the failed read: the next commands read the log again and go through.
    await Promise.all(taskIds.map((taskId) => engine.acknowledgeTask({ actor: LEAD, taskId })));
    expect((await engine.getTask(taskIds[2]!)).state).toBe('acknowledged');
  });
});
