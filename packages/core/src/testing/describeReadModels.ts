import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../engine/createEngine.js';
import { manualClock } from '../base/clock.js';
import { builtinProjections } from '../projections/builtinProjections.js';
import { memoryReadModels } from '../projections/memoryReadModels.js';
import type { Projection, RowChange } from '../projections/Projection.js';
import { ProjectionRunner } from '../projections/ProjectionRunner.js';
import type { ReadModels } from '../projections/ReadModels.js';
import type { RowQuery } from '../projections/RowQuery.js';
import { decodeCursor, encodeCursor } from '../projections/Page.js';
import { reportRequests } from '../projections/reportRequests.js';
import { taskRegister } from '../projections/taskRegister.js';
import type { EventStore } from '../store/EventStore.js';

const STP = { unitId: 'so-tu-phap' };
const XDPL = { id: 'phong-xay-dung-phap-luat', name: 'Phòng Xây dựng pháp luật' };
const PBGDPL = { id: 'phong-pho-bien-giao-duc-phap-luat', name: 'Phòng Pháp chế và Phổ biến, giáo dục pháp luật' };
const LEAD = { unitId: XDPL.id };
const SUPPORT = { unitId: PBGDPL.id };

/** A store and read models to test; `close` is called after each test. */
export type ReadModelsFixture = { store: EventStore; readModels: ReadModels; close?: () => Promise<void> };

/** A plan of several tasks walked through most of what can happen to them. */
async function busyPlan(store: EventStore, readModels: ReadModels) {
  const clock = manualClock('2026-04-10T02:00:00Z');
  const engine = createEngine({ store, clock, readModels });
  const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch phòng, chống tội phạm năm 2026', issuer: { id: STP.unitId, name: 'Sở Tư pháp' } });
  const ids: string[] = [];
  for (const [i, quarter] of ([2, 2, 3, 4, 2] as const).entries()) {
    const lead = i % 2 === 0 ? XDPL : PBGDPL;
    const { taskId } = await engine.addTask({ actor: STP, planId, ref: `II.${i + 1}`, title: `Nhiệm vụ ${i + 1}`, lead, support: [i % 2 === 0 ? PBGDPL : XDPL], deadline: { kind: 'quarter', year: 2026, quarter } });
    ids.push(taskId);
  }
  await engine.addTask({ actor: STP, planId, ref: 'III.1', title: 'Thường xuyên', lead: XDPL, deadline: { kind: 'ongoing' } });
  await engine.issuePlan({ actor: STP, planId, number: '45/KH-STP', issuedOn: '2026-04-15' });
  const [a, b, c, d, e] = ids as [string, string, string, string, string];
  await engine.acknowledgeTask({ actor: LEAD, taskId: a });
  await engine.reportTask({ actor: LEAD, taskId: a, text: 'Hoàn thành', final: true });
  await engine.acceptReport({ actor: STP, taskId: a });
  await engine.reportTask({ actor: SUPPORT, taskId: b, text: 'Đang thực hiện', progress: 30 });
  const { requestId } = await engine.requestReport({ actor: STP, planId, units: [XDPL, PBGDPL], subject: 'Báo cáo đột xuất', dueAt: '2026-05-20T00:00:00+07:00' });
  await engine.reportTask({ actor: LEAD, taskId: c, text: 'Báo cáo theo yêu cầu', requestId });
  clock.set('2026-07-01T00:00:00Z');
  await engine.tick();
  await engine.extendDeadline({ actor: STP, taskId: e, deadline: { kind: 'quarter', year: 2026, quarter: 3 }, reason: 'Chờ hướng dẫn' });
  await engine.reassignTask({ actor: STP, taskId: d, lead: XDPL, reason: 'Điều chỉnh' });
  await engine.cancelTask({ actor: STP, taskId: c, reason: 'Không còn phù hợp' });
  return { store, clock, engine, planId, ids, requestId };
}

async function dump(readModels: ReadModels) {
  const tables = builtinProjections.flatMap((projection) => projection.tables.map((table) => table.name));
  return JSON.stringify(await Promise.all(tables.map(async (table) => [table, await readModels.rows(table)])));
}

/**
 * The read-model adapter suite, written once: every adapter (memory, SQLite, PostgreSQL) runs it.
 * `make` gives a fresh, empty store and read models for each test.
 */
export function describeReadModels(name: string, make: () => Promise<ReadModelsFixture> | ReadModelsFixture): void {
describe(`read models: ${name}`, () => {
  let open: ReadModelsFixture[] = [];
  const fixture = async () => {
    const made = await make();
    open.push(made);
    return made;
  };
  afterEach(async () => {
    for (const made of open) await made.close?.();
    open = [];
  });

  it('keep the read models the users ask for', async () => {
    const { store, readModels } = await fixture();
    const { engine, planId, ids } = await busyPlan(store, readModels);
    const register = await engine.queries.tasks({ unitId: XDPL.id });
    expect(register.items.map((task) => task.ref).sort()).toEqual(['II.1', 'II.3', 'II.4', 'II.5', 'III.1']);
    expect(register.nextCursor).toBeNull();
    const supported = await engine.queries.tasks({ unitId: PBGDPL.id, role: 'any' });
    expect(supported.items.map((task) => task.ref).sort()).toEqual(['II.1', 'II.2', 'II.3', 'II.5']);
    const overdue = await engine.queries.overdueTasks();
    expect(overdue.items.map((task) => task.ref)).toEqual(['II.2']);
    expect(overdue.items[0]).toEqual({
      taskId: ids[1],
      planId,
      ref: 'II.2',
      title: 'Nhiệm vụ 2',
      state: 'in_progress',
      lead: PBGDPL,
      support: [XDPL],
      deadline: { kind: 'quarter', year: 2026, quarter: 2 },
      dueAt: '2026-06-30T17:00:00.000Z',
      overdue: true,
      outcome: null,
      progress: 30,
      lastReportAt: '2026-04-10T02:00:00.000Z',
      lastReportText: 'Đang thực hiện',
      updatedAt: '2026-07-01T00:00:00.000Z',
      version: 4,
    });
    expect(await engine.readModels.rows('overdue_register')).toMatchObject([{ task_id: ids[1], overdue_since: '2026-07-01T00:00:00.000Z' }]);
    const summary = await engine.queries.planSummary(planId);
    expect(summary).toEqual(await engine.getPlanSummary(planId));
    expect(summary).toMatchObject({ total: 5, completedOnTime: 1, overdueUnfinished: 1, inTerm: 3, cancelled: 1 });
    const [progress] = await engine.readModels.rows('plan_progress', { plan_id: planId });
    expect(progress).toMatchObject({ number: '45/KH-STP', state: 'issued', total: 5, completed_on_time: 1, overdue_unfinished: 1, in_term: 3, cancelled: 1, fallen_due: 2 });
    const workload = await engine.queries.unitWorkload();
    expect(workload.items).toEqual([
      { unitId: PBGDPL.id, unitName: PBGDPL.name, total: 1, overdue: 1, byState: expect.objectContaining({ assigned: 0, in_progress: 1 }) },
      { unitId: XDPL.id, unitName: XDPL.name, total: 5, overdue: 0, byState: expect.objectContaining({ completed: 1, cancelled: 1, assigned: 3, in_progress: 0 }) },
    ]);
    const requests = await engine.queries.reportRequests({ planId });
    expect(requests.items.map((request) => [request.unit.id, request.answeredAt !== null, request.overdue])).toEqual(
      expect.arrayContaining([
        [XDPL.id, true, false],
        [PBGDPL.id, false, true],
      ]),
    );
    expect((await engine.queries.reportRequests({ unitId: PBGDPL.id })).items).toEqual([expect.objectContaining({ planId, unit: PBGDPL, subject: 'Báo cáo đột xuất' })]);
    expect((await engine.queries.dueWithin({ days: 92 })).items.map((task) => task.ref)).toEqual(['II.5']);
  });

  it('pages every query with a keyset cursor: the pages join up to the whole list, whatever the limit', async () => {
    const { store, readModels } = await fixture();
    const { engine, planId } = await busyPlan(store, readModels);
    const all = async <T>(read: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>) => {
      const items: T[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 50; pages++) {
        const page = await read(cursor);
        items.push(...page.items);
        if (page.nextCursor === null) return { items, pages: pages + 1 };
        cursor = page.nextCursor;
      }
      throw new Error('the pages never ended');
    };
    const whole = (await engine.queries.tasks({ limit: 500 })).items;
    expect(whole).toHaveLength(6);
    expect(whole.map((task) => task.taskId)).toEqual([...whole.map((task) => task.taskId)].sort());
    for (const limit of [1, 2, 4, 6]) {
      const paged = await all((cursor) => engine.queries.tasks({ limit, ...(cursor === undefined ? {} : { cursor }) }));
      expect(paged.items).toEqual(whole);
      expect(paged.pages).toBe(Math.ceil(6 / limit));
    }
    const led = await all((cursor) => engine.queries.tasks({ planId, unitId: XDPL.id, limit: 2, ...(cursor === undefined ? {} : { cursor }) }));
    expect(led.items.map((task) => task.ref).sort()).toEqual(['II.1', 'II.3', 'II.4', 'II.5', 'III.1']);
    const assigned = await all((cursor) => engine.queries.tasks({ state: 'assigned', limit: 1, ...(cursor === undefined ? {} : { cursor }) }));
    expect(assigned.items.map((task) => task.ref).sort()).toEqual(['II.4', 'II.5', 'III.1']);
    // dueWithin and overdueTasks go by due instant, then task id
    const soon = await all((cursor) => engine.queries.dueWithin({ days: 400, limit: 1, ...(cursor === undefined ? {} : { cursor }) }));
    expect(soon.items.map((task) => task.dueAt)).toEqual([...soon.items.map((task) => task.dueAt)].sort());
    expect(soon.items.map((task) => task.ref).sort()).toEqual(['II.4', 'II.5']);
    const requests = await all((cursor) => engine.queries.reportRequests({ limit: 1, ...(cursor === undefined ? {} : { cursor }) }));
    expect(requests.items).toEqual((await engine.queries.reportRequests()).items);
    expect(requests.items).toHaveLength(2);
    const workload = await all((cursor) => engine.queries.unitWorkload({ limit: 1, ...(cursor === undefined ? {} : { cursor }) }));
    expect(workload.items.map((unit) => unit.unitId)).toEqual([PBGDPL.id, XDPL.id]);
    const plans = await engine.listPlans({ limit: 1 });
    expect(plans).toEqual({ items: [{ planId, title: 'Kế hoạch phòng, chống tội phạm năm 2026', number: '45/KH-STP', state: 'issued', issuer: { id: STP.unitId, name: 'Sở Tư pháp' }, issuedOn: '2026-04-15', taskCount: 6, draftedAt: '2026-04-10T02:00:00.000Z' }], nextCursor: null });
  });

  it('refuses a cursor of another query, of other filters, tampered or garbage, and a bad limit or option, as VALIDATION', async () => {
    const { store, readModels } = await fixture();
    const { engine, planId } = await busyPlan(store, readModels);
    const { nextCursor } = await engine.queries.tasks({ limit: 1 });
    expect(nextCursor).toEqual(expect.any(String));
    const cursor = nextCursor!;
    const refused = (field: string) => expect.objectContaining({ code: 'VALIDATION', field });
    await expect(engine.queries.tasks({ cursor })).resolves.toMatchObject({ items: expect.any(Array) });
    await expect(engine.queries.tasks({ cursor, planId })).rejects.toEqual(refused('cursor'));
    await expect(engine.queries.overdueTasks({ cursor })).rejects.toEqual(refused('cursor'));
    await expect(engine.listPlans({ cursor })).rejects.toEqual(refused('cursor'));
    const tampered = `${cursor.slice(0, -2)}${cursor.endsWith('A') ? 'B' : 'A'}A`;
    // Edited: the task id of a real cursor changed, everything else kept.
    const content = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const edited = Buffer.from(JSON.stringify(content.map((value, i) => (i === 2 ? `${String(value)}0` : value)))).toString('base64url');
    // Well-formed and checked, but with keys no store may be handed: an object, a NUL.
    const query = 'tasks:[null,null,null,null]';
    const forged = encodeCursor(query, [{ $gt: '' } as never, "' OR 1=1 --"]);
    const nul = encodeCursor(query, ['a\u0000', 'b']);
    expect(() => decodeCursor(encodeCursor(query, ['a', 'b']), query, ['string', 'string'])).not.toThrow();
    for (const bad of [tampered, edited, forged, nul, '', '!!!', 'W10', 'x'.repeat(100_000), 'e30', btoa('[1,2')]) {
      await expect(engine.queries.tasks({ cursor: bad }), bad.slice(0, 40)).rejects.toEqual(refused('cursor'));
    }
    await expect(engine.queries.tasks({ cursor: 42 as never })).rejects.toEqual(refused('cursor'));
    for (const limit of [0, 501, 1.5, -1, '10', null, Number.NaN]) {
      await expect(engine.queries.tasks({ limit: limit as never }), String(limit)).rejects.toEqual(refused('limit'));
    }
    await expect(engine.queries.tasks({ lead: XDPL.id } as never)).rejects.toEqual(refused('lead'));
    await expect(engine.queries.tasks({ state: 'late' as never })).rejects.toEqual(refused('state'));
    await expect(engine.queries.tasks({ role: 'support' as never, unitId: XDPL.id })).rejects.toEqual(refused('role'));
    await expect(engine.queries.tasks(null as never)).rejects.toEqual(refused('options'));
    await expect(engine.queries.unitWorkload({ unitId: '' })).rejects.toEqual(refused('unitId'));
    await expect(engine.listPlans({ state: 'new' as never })).rejects.toEqual(refused('state'));
    await expect(engine.queries.dueWithin(undefined as never)).rejects.toEqual(refused('days'));
    await expect(engine.queries.dueWithin({ days: Number.POSITIVE_INFINITY })).rejects.toEqual(refused('days'));
    expect((await engine.queries.dueWithin({ days: 1e12 })).items.map((task) => task.ref).sort()).toEqual(['II.4', 'II.5']);
  });

  it('selects, orders and pages rows in the store: conditions, code-point order, keyset and limit alike on every adapter', async () => {
    const { store, readModels } = await fixture();
    const names = ['a', 'a!', 'b', 'é', '\uFFFD', '😀', 'Z'];
    const words: Projection = {
      name: 'words',
      version: 1,
      tables: [{ name: 'words', key: ['id'], columns: { id: 'text', n: 'integer', flag: 'boolean', tags: 'json', note: 'text' } }],
      apply: ({ event }): RowChange[] =>
        event.type === 'plan.drafted'
          ? names.map((id, n) => ({ op: 'upsert', table: 'words', row: { id, n, flag: n % 2 === 0, tags: [{ id: `t${n % 3}`, name: 'x' }], note: n === 3 ? null : `note ${n}` } }))
          : [],
    };
    await createEngine({ store, clock: manualClock('2026-04-10T02:00:00Z') }).draftPlan({ actor: STP, title: 'Kế hoạch' });
    await new ProjectionRunner({ store, readModels, projections: [words] }).catchUp();
    const ids = async (query: RowQuery) => (await readModels.select('words', query)).map((row) => row.id);
    // code points, not UTF-16 units: U+FFFD sorts before U+1F600 (JavaScript's < says otherwise)
    expect(await ids({})).toEqual(['Z', 'a', 'a!', 'b', 'é', '\uFFFD', '😀']);
    expect((await readModels.rows('words')).map((row) => row.id)).toEqual(await ids({}));
    expect(await ids({ limit: 2 })).toEqual(['Z', 'a']);
    expect(await ids({ after: ['a'], limit: 2 })).toEqual(['a!', 'b']);
    expect(await ids({ after: ['é'] })).toEqual(['\uFFFD', '😀']);
    expect(await ids({ orderBy: ['n'], after: [4] })).toEqual(['😀', 'Z']);
    expect(await ids({ orderBy: ['note', 'id'], after: ['note 1', 'a!'] })).toEqual(['b', '\uFFFD', '😀', 'Z']);
    expect(await ids({ where: [{ op: 'eq', column: 'flag', value: true }] })).toEqual(['Z', 'a', 'b', '\uFFFD']);
    expect(await ids({ where: [{ op: 'eq', column: 'flag', value: null }] })).toEqual(['a!', 'é', '😀']);
    expect(await ids({ where: [{ op: 'eq', column: 'note', value: null }] })).toEqual(['é']);
    expect(await ids({ where: [{ op: 'in', column: 'id', values: ['b', '😀', 'nope'] }] })).toEqual(['b', '😀']);
    expect(await ids({ where: [{ op: 'in', column: 'id', values: [] }] })).toEqual([]);
    expect(await ids({ where: [{ op: 'gt', column: 'id', value: 'b' }, { op: 'le', column: 'n', value: 4 }] })).toEqual(['é', '\uFFFD']);
    expect(await ids({ where: [{ op: 'lt', column: 'note', value: 'note 2' }] })).toEqual(['a', 'a!']);
    expect(await ids({ where: [{ op: 'hasId', column: 'tags', value: 't1' }] })).toEqual(['a!', '\uFFFD']);
    expect(await ids({ where: [{ op: 'eq', column: 'tags', value: [{ id: 't2', name: 'x' }] }] })).toEqual(['b', '😀']);
    expect(
      await ids({ where: [{ op: 'or', conditions: [{ op: 'eq', column: 'id', value: 'a' }, { op: 'and', conditions: [{ op: 'ge', column: 'n', value: 5 }, { op: 'eq', column: 'flag', value: false }] }] }] }),
    ).toEqual(['a', '😀']);
    for (const query of [{ orderBy: ['nope'] }, { orderBy: ['tags'] }, { where: [{ op: 'eq', column: 'nope', value: 1 }] }, { after: [1] }, { limit: -1 }] as RowQuery[]) {
      await expect(readModels.select('words', query), JSON.stringify(query)).rejects.toMatchObject({ code: 'VALIDATION' });
    }
  });

  it('rebuild from position 0 gives identical rows', async () => {
    const { store, readModels } = await fixture();
    const { engine } = await busyPlan(store, readModels);
    await engine.projections.catchUp();
    const before = await dump(engine.readModels);
    for (const projection of builtinProjections) await engine.projections.rebuild(projection.name);
    expect(await dump(engine.readModels)).toBe(before);
    // A separate runner over the same log, from nothing, agrees too.
    const elsewhere = memoryReadModels();
    await new ProjectionRunner({ store: engine.store, readModels: elsewhere, projections: builtinProjections, batchSize: 3 }).catchUp();
    expect(await dump(elsewhere)).toBe(before);
  });

  it('catches up incrementally to the same rows as one pass', async () => {
    const { store, readModels } = await fixture();
    const { engine } = await busyPlan(store, readModels);
    // queries were never called while the plan ran, so do it in steps now
    const runner = new ProjectionRunner({ store: engine.store, readModels: memoryReadModels(), projections: builtinProjections });
    await runner.catchUp();
    await engine.projections.catchUp();
    const { taskId } = await engine.addTask({ actor: STP, planId: (await engine.replay()).plans[0]!.planId, title: 'Bổ sung', lead: XDPL, deadline: { kind: 'year', year: 2026 } });
    await engine.acknowledgeTask({ actor: LEAD, taskId });
    await engine.projections.catchUp();
    const fresh = memoryReadModels();
    await new ProjectionRunner({ store: engine.store, readModels: fresh, projections: builtinProjections }).catchUp();
    expect(await dump(readModels)).toBe(await dump(fresh));
  });

  it('stops a projection that throws at that event, keeps the others going, and resumes after a fix', async () => {
    const { store, readModels } = await fixture();
    const engine = createEngine({ store, clock: manualClock('2026-04-10T02:00:00Z') });
    const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch' });
    const { taskId } = await engine.addTask({ actor: STP, planId, title: 'Việc', lead: XDPL, deadline: { kind: 'year', year: 2026 } });
    await engine.issuePlan({ actor: STP, planId, number: '1/KH', issuedOn: '2026-04-10' });
    await engine.acknowledgeTask({ actor: LEAD, taskId });
    const head = await store.headPosition();
    let broken = true;
    const fragile: Projection = {
      name: 'fragile',
      version: 1,
      tables: [{ name: 'fragile', key: ['task_id'], columns: { task_id: 'text', seen: 'integer' } }],
      apply({ event, task }) {
        if (broken && event.type === 'task.acknowledged') throw new Error('cannot handle acknowledgements yet');
        return task ? [{ op: 'increment', table: 'fragile', key: { task_id: task.after.taskId }, by: { seen: 1 } }] : [];
      },
    };
    const first = await new ProjectionRunner({ store, readModels, projections: [taskRegister, fragile] }).catchUp();
    expect(first.failed).toEqual([{ projection: 'fragile', position: head, message: 'cannot handle acknowledgements yet' }]);
    const status = await readModels.status();
    expect(status.find((entry) => entry.projection === 'fragile')).toMatchObject({ checkpoint: head - 1, error: { position: head } });
    expect(status.find((entry) => entry.projection === 'task_register')).toMatchObject({ checkpoint: head, error: null });
    expect(await readModels.rows('fragile')).toMatchObject([{ seen: 2 }]);
    expect(await store.headPosition()).toBe(head); // the log is untouched
    broken = false;
    const second = await new ProjectionRunner({ store, readModels, projections: [taskRegister, fragile] }).catchUp();
    expect(second.failed).toEqual([]);
    expect(await readModels.rows('fragile')).toMatchObject([{ seen: 3 }]);
    expect((await readModels.status()).every((entry) => entry.error === null && entry.checkpoint === head)).toBe(true);
  });

  it('1. keeps each plan\'s rows of a report request whose id repeats in another plan, and a rebuild of the old key restores them', async () => {
    const { store, readModels } = await fixture();
    const clock = manualClock('2026-01-05T02:00:00Z');
    // Yesterday's projection, keyed on (request_id, unit_id), has already run over this read model.
    const oldKey: Projection = { ...reportRequests, version: 1, tables: reportRequests.tables.map((table) => ({ ...table, key: ['request_id', 'unit_id'] })) };
    const engine = createEngine({ store, clock });
    const plans: string[] = [];
    for (const title of ['Kế hoạch A', 'Kế hoạch B']) {
      const { planId } = await engine.draftPlan({ actor: STP, title, reporting: [{ period: 'half' }] });
      await engine.addTask({ actor: STP, planId, title: 'Việc', lead: XDPL, deadline: { kind: 'ongoing' } });
      await engine.issuePlan({ actor: STP, planId, number: `${plans.length + 1}/KH`, issuedOn: '2026-01-05' });
      plans.push(planId);
    }
    const [planA, planB] = plans as [string, string];
    clock.set('2026-06-10T00:00:00Z');
    const opened = (await engine.tick()).filter((event) => event.type === 'report.requested');
    expect(opened.map((event) => event.streamId)).toHaveLength(2);
    const [requestId] = opened.map((event) => (event.data as { requestId: string }).requestId);
    expect(opened.every((event) => (event.data as { requestId: string }).requestId === requestId)).toBe(true);
    const taskA = (await engine.replay()).tasks.find((task) => task.planId === planA)!.taskId;
    await engine.reportTask({ actor: LEAD, taskId: taskA, text: 'Báo cáo 6 tháng', requestId: requestId! });
    clock.set('2026-08-01T00:00:00Z');
    expect((await engine.tick()).filter((event) => event.type === 'report.overdue').map((event) => event.streamId)).toHaveLength(1);
    await new ProjectionRunner({ store, readModels, projections: [oldKey] }).catchUp();
    const reading = createEngine({ store, clock, readModels });
    const rowsOf = async (planId: string) =>
      (await reading.queries.reportRequests({ planId })).items.map((request) => [request.planId, request.requestId, request.unit.id, request.answeredAt !== null, request.overdue]);
    expect(await rowsOf(planA)).toEqual([[planA, requestId, XDPL.id, true, false]]);
    expect(await rowsOf(planB)).toEqual([[planB, requestId, XDPL.id, false, true]]);
  });

  it('3. gives a new row every column type\'s zero, as memory does, whichever change made the row', async () => {
    const { store, readModels } = await fixture();
    const types = ['text', 'integer', 'real', 'boolean', 'json'] as const;
    const zeros: Projection = {
      name: 'zeros',
      version: 1,
      tables: [{ name: 'zeros', key: ['id'], columns: { id: 'text', ...Object.fromEntries(types.map((type) => [`a_${type}`, type])), counted: 'integer', measured: 'real' } }],
      apply: ({ event }): RowChange[] =>
        event.type === 'plan.drafted'
          ? [
              { op: 'upsert', table: 'zeros', row: { id: 'upserted' } },
              { op: 'upsert', table: 'zeros', row: { id: 'named', a_text: 'x' } },
              { op: 'increment', table: 'zeros', key: { id: 'incremented' }, by: { counted: 1 } },
              { op: 'increment', table: 'zeros', key: { id: 'measured' }, by: { measured: 0.5 } },
            ]
          : [],
    };
    await createEngine({ store, clock: manualClock('2026-04-10T02:00:00Z') }).draftPlan({ actor: STP, title: 'Kế hoạch' });
    await new ProjectionRunner({ store, readModels, projections: [zeros] }).catchUp();
    const zero = { a_text: null, a_integer: 0, a_real: 0, a_boolean: false, a_json: null, counted: 0, measured: 0 };
    expect(await readModels.rows('zeros')).toEqual([
      { id: 'incremented', ...zero, counted: 1 },
      { id: 'measured', ...zero, measured: 0.5 },
      { id: 'named', ...zero, a_text: 'x' },
      { id: 'upserted', ...zero },
    ]);
  });

  it('applies one batch of upserts, patches, increments and deletes, of one row and of many, as memory does', async () => {
    const { store, readModels } = await fixture();
    const huge = `${'Kế hoạch "số" \'1\' \\ '.repeat(4_000)}end`;
    const changes: RowChange[] = [
      { op: 'upsert', table: 'mixed', row: { id: 'a', n: 1, r: 0.5, flag: true, tags: [{ id: "it's" }], note: 'it\'s "quoted"' } },
      { op: 'upsert', table: 'mixed', row: { id: 'b', n: 2, r: 1.5, flag: true, tags: null, note: 'b' } },
      { op: 'upsert', table: 'mixed', row: { id: 'a', note: 'patched' } }, // a patch: a's other columns stay
      { op: 'increment', table: 'mixed', key: { id: 'a' }, by: { n: 2 } },
      { op: 'delete', table: 'mixed', key: { id: 'b' } },
      { op: 'upsert', table: 'mixed', row: { id: 'b', flag: false } }, // b again, from zeros
      { op: 'increment', table: 'mixed', key: { id: 'c' }, by: { n: 1, r: 0.1 } },
      { op: 'increment', table: 'mixed', key: { id: 'c' }, by: { r: 0.2 } },
      { op: 'upsert', table: 'mixed', row: { id: 'c', note: 'between' } },
      { op: 'increment', table: 'mixed', key: { id: 'c' }, by: { n: 1 } },
      { op: 'delete', table: 'mixed', key: { id: 'never' } },
      { op: 'upsert', table: 'mixed', row: { id: "d'; DROP TABLE x; --", note: huge, tags: { nested: ['\\', '"', null] } } },
      { op: 'upsert', table: 'mixed', row: { id: 'e' } },
      { op: 'delete', table: 'mixed', key: { id: 'e' } },
      { op: 'upsert', table: 'mixed', row: { id: 'f' } },
      { op: 'upsert', table: 'mixed', row: { id: 'f', tags: [] } },
      { op: 'upsert', table: 'pairs', row: { p: 'x', q: 1, n: 10 } },
      { op: 'upsert', table: 'pairs', row: { p: 'x', q: 2, n: 20 } },
      { op: 'upsert', table: 'pairs', row: { p: 'y', q: 1, n: 30 } },
      { op: 'delete', table: 'pairs', key: { p: 'x', q: 1 } },
      { op: 'increment', table: 'pairs', key: { p: 'x', q: 2 }, by: { n: 5 } },
      { op: 'increment', table: 'pairs', key: { p: 'x', q: 1 }, by: { n: 1 } },
    ];
    const mixed: Projection = {
      name: 'mixed',
      version: 1,
      tables: [
        { name: 'mixed', key: ['id'], columns: { id: 'text', n: 'integer', r: 'real', flag: 'boolean', tags: 'json', note: 'text' } },
        { name: 'pairs', key: ['p', 'q'], columns: { p: 'text', q: 'integer', n: 'integer' } },
      ],
      // The same batch twice (two events, one apply): the second's changes meet the first's rows.
      apply: ({ event }): RowChange[] => (event.type === 'plan.drafted' || event.type === 'task.added' ? changes : []),
    };
    const engine = createEngine({ store, clock: manualClock('2026-04-10T02:00:00Z') });
    const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch' });
    await engine.addTask({ actor: STP, planId, title: 'Việc', lead: XDPL, deadline: { kind: 'year', year: 2026 } });
    const reference = memoryReadModels();
    for (const target of [readModels, reference]) await new ProjectionRunner({ store, readModels: target, projections: [mixed] }).catchUp();
    for (const table of ['mixed', 'pairs']) expect(await readModels.rows(table), table).toEqual(await reference.rows(table));
    expect((await readModels.rows('mixed')).map((row) => row.id)).toEqual(['a', 'b', 'c', "d'; DROP TABLE x; --", 'f']);
    expect(await readModels.rows('mixed', { id: 'a' })).toEqual([{ id: 'a', n: 3, r: 0.5, flag: true, tags: [{ id: "it's" }], note: 'patched' }]);
  });

  it('refuses a negative horizon for dueWithin', async () => {
    const { store, readModels } = await fixture();
    const engine = createEngine({ store, readModels, clock: manualClock('2026-04-10T02:00:00Z') });
    await expect(engine.queries.dueWithin({ days: -1 })).rejects.toMatchObject({ code: 'VALIDATION', field: 'days' });
  });
});
}
