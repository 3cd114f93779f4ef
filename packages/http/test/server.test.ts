import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, manualClock, memoryStore, type Engine, type EventStore } from '@planlog/core';
import { sqliteStore } from '@planlog/sqlite';
import { createPlanlogApp } from '../src/createPlanlogApp.js';
import { queryRoutes } from '../src/queryRoutes.js';
import { ErrorBodySchema } from '../src/responseSchemas.js';
import { serveApp, type RunningServer } from './serveApp.js';
import { client, testAuth } from './testAuth.js';

// The app on a real server (127.0.0.1, a free port), called with fetch: the commands of a task's life,
// the error map, idempotency, and the bodies a command refuses before it reaches the engine.

const STP = 'so-tu-phap';
const XDPL = { id: 'phong-xay-dung-phap-luat', name: 'Phòng Xây dựng pháp luật' };

let store: EventStore;
let engine: Engine;
let server: RunningServer;
const engines = new Map<string, Engine>();

beforeAll(async () => {
  const app = createPlanlogApp({
    authenticate: testAuth,
    engineFor: (tenantId) => {
      const found = engines.get(tenantId);
      if (!found) throw new Error(`no tenant ${tenantId} in this test`);
      return found;
    },
  });
  server = await serveApp(app);
});
afterAll(() => server.close());
beforeEach(() => {
  store = memoryStore();
  engine = createEngine({ store, clock: manualClock('2026-04-10T02:00:00Z') });
  engines.set('t1', engine);
});

const issuer = () => client(server.url, STP);
const lead = () => client(server.url, XDPL.id);

async function json(response: Response) {
  return { status: response.status, body: (await response.json()) as any };
}

/** A plan with one task, issued through the API. */
async function issuedPlan() {
  const drafted = await json(await issuer().post('/plans', { title: 'Kế hoạch phổ biến pháp luật năm 2026', issuer: { id: STP, name: 'Sở Tư pháp' } }));
  expect(drafted.status).toBe(201);
  const { planId } = drafted.body;
  const added = await json(
    await issuer().post(`/plans/${planId}/tasks`, { ref: 'II.1', title: 'Rà soát văn bản', lead: XDPL, deadline: { kind: 'quarter', year: 2026, quarter: 2 } }),
  );
  expect(added).toMatchObject({ status: 201, body: { planId, taskId: expect.any(String), position: 2 } });
  const issued = await json(await issuer().post(`/plans/${planId}/issue`, { number: '12/KH-STP', issuedOn: '2026-04-15' }));
  expect(issued).toEqual({ status: 200, body: { planId, position: 4 } });
  return { planId, taskId: added.body.taskId as string };
}

const head = () => store.headPosition();

/** Expects the error shape, a status and a code (and field when given); checks that nothing was appended. */
async function expectRefused(response: Promise<Response>, status: number, code: string, field?: string | null) {
  const before = await head();
  const { status: got, body } = await json(await response);
  expect(ErrorBodySchema.parse(body)).toEqual(body);
  expect({ status: got, code: body.error.code }).toEqual({ status, code });
  if (field !== undefined) expect(body.error.field).toBe(field);
  expect(await head()).toBe(before);
  return body.error as { code: string; field: string | null; message: string };
}

describe('commands over HTTP', () => {
  it('run a task through its life: the body is the input without actor, the id from the path, the result as JSON', async () => {
    const { planId, taskId } = await issuedPlan();
    expect(await json(await lead().post(`/tasks/${taskId}/acknowledge`))).toEqual({ status: 200, body: { taskId, position: 5 } });
    expect((await json(await lead().post(`/tasks/${taskId}/report`, { text: 'Đã rà soát 40%', progress: 40 }))).body).toEqual({ taskId, position: 6 });
    await lead().post(`/tasks/${taskId}/report`, { text: 'Hoàn thành', final: true });
    expect((await json(await issuer().post(`/tasks/${taskId}/accept`, { note: 'Đạt' }))).body).toEqual({ taskId, position: 8 });
    const task = await json(await issuer().get(`/tasks/${taskId}`));
    expect(task.body).toMatchObject({ taskId, planId, state: 'completed', outcome: 'on_time', progress: 100 });
    expect(task.body.reports.map((report: { by: { unitId: string } }) => report.by.unitId)).toEqual([XDPL.id, XDPL.id]);
    expect((await json(await issuer().get(`/plans/${planId}/summary`))).body).toMatchObject({ total: 1, completedOnTime: 1 });
    const request = await json(
      await issuer().post(`/plans/${planId}/report-requests`, { units: [XDPL], subject: 'Báo cáo đột xuất', dueAt: '2026-05-01T00:00:00+07:00' }),
    );
    expect(request).toMatchObject({ status: 201, body: { planId, requestId: expect.any(String) } });
    expect((await json(await issuer().post(`/plans/${planId}/close`))).body).toEqual({ planId, position: 10 });
  });

  it('upgrade-rules moves a plan on to a later rules version, by its issuer only', async () => {
    const { planId } = await issuedPlan();
    await expectRefused(lead().post(`/plans/${planId}/upgrade-rules`, { version: 2 }), 403, 'FORBIDDEN');
    await expectRefused(issuer().post(`/plans/${planId}/upgrade-rules`, { version: 99 }), 400, 'VALIDATION', 'version');
    expect((await json(await issuer().post(`/plans/${planId}/upgrade-rules`, { version: 2, note: 'Quy định mới của tỉnh' }))).status).toBe(200);
    expect((await json(await issuer().get(`/plans/${planId}`))).body).toMatchObject({ planId, rules: 2 });
    await expectRefused(issuer().post(`/plans/${planId}/upgrade-rules`, { version: 2 }), 409, 'ILLEGAL_TRANSITION');
  });

  it('extend, return, reassign and cancel take their bodies; tick appends what is due and answers with it', async () => {
    const { taskId } = await issuedPlan();
    await lead().post(`/tasks/${taskId}/report`, { text: 'Xong', final: true });
    expect((await issuer().post(`/tasks/${taskId}/return`, { reason: 'Thiếu số liệu' })).status).toBe(200);
    expect((await issuer().post(`/tasks/${taskId}/extend`, { deadline: { kind: 'month', year: 2026, month: 5 }, reason: 'Chờ số liệu' })).status).toBe(200);
    (engine.clock as ReturnType<typeof manualClock>).set('2026-06-10T00:00:00Z');
    const ticked = await json(await issuer().post('/tick'));
    expect(ticked.status).toBe(200);
    expect(ticked.body.map((event: { type: string }) => event.type)).toEqual(['task.overdue']);
    expect(await json(await issuer().post('/tick'))).toEqual({ status: 200, body: [] });
    const other = { id: 'phong-pho-bien', name: 'Phòng Phổ biến' };
    expect((await issuer().post(`/tasks/${taskId}/reassign`, { lead: other, reason: 'Đổi đơn vị' })).status).toBe(200);
    expect((await json(await issuer().get(`/tasks/${taskId}`))).body.lead).toEqual(other);
    expect((await issuer().post(`/tasks/${taskId}/cancel`, { reason: 'Không còn phù hợp' })).status).toBe(200);
    expect((await json(await issuer().get(`/tasks/${taskId}`))).body.state).toBe('cancelled');
  });

  it('assign takes lead, support and deadline for a task added without a lead', async () => {
    const { planId } = await issuedPlan();
    const { body } = await json(await issuer().post(`/plans/${planId}/tasks`, { title: 'Việc chưa giao' }));
    expect((await json(await issuer().get(`/tasks/${body.taskId}`))).body.state).toBe('added');
    const assigned = await json(await issuer().post(`/tasks/${body.taskId}/assign`, { lead: XDPL, deadline: { kind: 'year', year: 2026 } }));
    expect(assigned).toEqual({ status: 200, body: { taskId: body.taskId, position: expect.any(Number) } });
    expect((await json(await issuer().get(`/tasks/${body.taskId}`))).body.state).toBe('assigned');
  });
});

describe('errors over HTTP: { error: { code, field, message } }, and nothing appended', () => {
  it('VALIDATION → 400 naming the field; NOT_FOUND → 404; FORBIDDEN → 403; ILLEGAL_TRANSITION → 409', async () => {
    const { taskId, planId } = await issuedPlan();
    await expectRefused(issuer().post('/plans', { title: '' }), 400, 'VALIDATION', 'title');
    await expectRefused(issuer().post(`/plans/${planId}/tasks`, { title: 'x', deadline: { kind: 'quarter', year: 2026, quarter: 5 } }), 400, 'VALIDATION', 'deadline.quarter');
    await expectRefused(lead().post('/tasks/no-such-task/acknowledge'), 404, 'NOT_FOUND', 'taskId');
    await expectRefused(issuer().post('/plans/no-such-plan/close'), 404, 'NOT_FOUND', 'planId');
    await expectRefused(issuer().get('/tasks/no-such-task'), 404, 'NOT_FOUND', 'taskId');
    await expectRefused(client(server.url, 'someone-else').post(`/tasks/${taskId}/acknowledge`), 403, 'FORBIDDEN');
    await expectRefused(issuer().post(`/tasks/${taskId}/accept`), 409, 'ILLEGAL_TRANSITION');
  });

  it('STORE → 503 (the store is closed)', async () => {
    const closed = sqliteStore({ file: ':memory:' });
    engines.set('t1', createEngine({ store: closed }));
    await closed.close();
    await expectRefused(issuer().post('/plans', { title: 'Kế hoạch' }), 503, 'STORE');
  });

  it('no credentials → 401; an unknown route → 404; both in the same shape', async () => {
    const before = await head();
    const anonymous = await json(await fetch(`${server.url}/plans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"x"}' }));
    expect(anonymous).toEqual({ status: 401, body: { error: { code: 'UNAUTHENTICATED', field: null, message: expect.any(String) } } });
    expect((await json(await fetch(`${server.url}/tasks/x`))).status).toBe(401);
    expect(await head()).toBe(before);
    await expectRefused(issuer().get('/no-such-route'), 404, 'NOT_FOUND', null);
  });

  it('malformed JSON → 400, a wrong content type → 415, a body over 1 MiB → 413 (announced or chunked)', async () => {
    const { taskId } = await issuedPlan();
    const send = (body: string, headers: Record<string, string>, extra: RequestInit = {}) =>
      issuer().raw('/plans', { method: 'POST', body, headers, ...extra });
    await expectRefused(send('{"title": "x",', { 'content-type': 'application/json' }), 400, 'VALIDATION', 'body');
    await expectRefused(send('[1, 2]', { 'content-type': 'application/json' }), 400, 'VALIDATION', 'body');
    await expectRefused(send('null', { 'content-type': 'application/json' }), 400, 'VALIDATION', 'body');
    await expectRefused(send('title=x', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'VALIDATION', 'Content-Type');
    await expectRefused(send('{"title":"x"}', { 'content-type': 'text/plain' }), 415, 'VALIDATION', 'Content-Type');
    await expectRefused(send('{"title":"x"}', {}), 415, 'VALIDATION', 'Content-Type');
    const big = JSON.stringify({ title: 'x', objectives: ['a'.repeat(1024 * 1024)] });
    await expectRefused(send(big, { 'content-type': 'application/json' }), 413, 'VALIDATION', 'body');
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode(i === 0 ? '{"text":"' : 'b'.repeat(64 * 1024)));
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
      },
    });
    await expectRefused(
      issuer().raw(`/tasks/${taskId}/report`, { method: 'POST', body: chunks, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit),
      413,
      'VALIDATION',
      'body',
    );
    // Just under the limit is read (and refused by the command's own bound on a report's text).
    const under = JSON.stringify({ text: 'c'.repeat(1024 * 1024 - 20) });
    await expectRefused(lead().post(`/tasks/${taskId}/report`, JSON.parse(under)), 400, 'VALIDATION', 'text');
  });

  it('a body must not carry the actor, the command id, the path id or a field the command does not know', async () => {
    const { planId, taskId } = await issuedPlan();
    await expectRefused(issuer().post('/plans', { title: 'x', actor: { unitId: 'ubnd-tinh' } }), 400, 'VALIDATION', 'actor');
    await expectRefused(issuer().post('/plans', { title: 'x', commandId: 'c-1' }), 400, 'VALIDATION', 'commandId');
    await expectRefused(issuer().post(`/plans/${planId}/tasks`, { title: 'x', planId: 'other' }), 400, 'VALIDATION', 'planId');
    await expectRefused(lead().post(`/tasks/${taskId}/report`, { text: 'x', taskId: 'other' }), 400, 'VALIDATION', 'taskId');
    await expectRefused(lead().post(`/tasks/${taskId}/report`, { text: 'x', finale: true }), 400, 'VALIDATION', 'finale');
    await expectRefused(issuer().post('/tick', { now: '2030-01-01' }), 400, 'VALIDATION', 'now');
  });
});

describe('Idempotency-Key is the command id', () => {
  it('the same key and body give the same response and append nothing more', async () => {
    const { taskId } = await issuedPlan();
    const headers = { 'idempotency-key': 'report-2026-04-20' };
    const first = await json(await lead().post(`/tasks/${taskId}/report`, { text: 'Đã xong 50%', progress: 50 }, headers));
    const at = await head();
    const again = await json(await lead().post(`/tasks/${taskId}/report`, { text: 'Đã xong 50%', progress: 50 }, headers));
    expect(again).toEqual(first);
    expect(await head()).toBe(at);
    // A creating command too: the same plan id, not a second plan.
    const draft = { title: 'Kế hoạch 2', issuer: { id: STP, name: 'Sở Tư pháp' } };
    const plan = await json(await issuer().post('/plans', draft, { 'idempotency-key': 'draft-2' }));
    expect(await json(await issuer().post('/plans', draft, { 'idempotency-key': 'draft-2' }))).toEqual(plan);
    expect(plan.status).toBe(201);
  });

  it('the same key with another body, another route or another actor is 409 naming the header', async () => {
    const { taskId, planId } = await issuedPlan();
    const headers = { 'idempotency-key': 'k-1' };
    await lead().post(`/tasks/${taskId}/report`, { text: 'Đã xong 50%', progress: 50 }, headers);
    const error = await expectRefused(lead().post(`/tasks/${taskId}/report`, { text: 'Đã xong 60%', progress: 60 }, headers), 409, 'CONFLICT', 'Idempotency-Key');
    expect(error.message).toMatch(/^Idempotency-Key: k-1 was used/);
    await expectRefused(lead().post(`/tasks/${taskId}/acknowledge`, undefined, headers), 409, 'CONFLICT', 'Idempotency-Key');
    await expectRefused(issuer().post(`/plans/${planId}/close`, undefined, headers), 409, 'CONFLICT', 'Idempotency-Key');
  });

  it('a key that cannot be a command id is 400 naming the header', async () => {
    await expectRefused(issuer().post('/plans', { title: 'x' }, { 'idempotency-key': 'x'.repeat(201) }), 400, 'VALIDATION', 'Idempotency-Key');
    await expectRefused(issuer().post('/plans', { title: 'x' }, { 'idempotency-key': '@planlog:tick' }), 400, 'VALIDATION', 'Idempotency-Key');
  });
});

describe('queries over HTTP', () => {
  it('answer in the documented shapes', async () => {
    const { planId, taskId } = await issuedPlan();
    await lead().post(`/tasks/${taskId}/report`, { text: 'Đã xong 50%', progress: 50 });
    for (const route of queryRoutes) {
      const path = route.path.replace(':planId', planId).replace(':taskId', taskId);
      const { status, body } = await json(await issuer().get(path));
      expect({ path, status }).toEqual({ path, status: 200 });
      expect(route.response.parse(body)).toEqual(body);
    }
    const timeline = await json(await issuer().get(`/tasks/${taskId}/timeline?locale=en`));
    expect(timeline.body.map((entry: { type: string }) => entry.type)).toEqual(['task.added', 'task.assigned', 'task.reported']);
    expect(timeline.body[2].text).toMatch(/report/i);
  });

  it('refuse unknown, repeated and malformed query parameters', async () => {
    const { taskId } = await issuedPlan();
    await expectRefused(issuer().get(`/tasks/${taskId}?x=1`), 400, 'VALIDATION', 'x');
    await expectRefused(issuer().get(`/tasks/${taskId}/timeline?locale=fr`), 400, 'VALIDATION', 'locale');
    await expectRefused(issuer().get(`/tasks/${taskId}/timeline?locale=en&locale=vi`), 400, 'VALIDATION', 'locale');
    await expectRefused(issuer().get('/due-soon?days=-1'), 400, 'VALIDATION', 'days');
    await expectRefused(issuer().get('/plans?limit=0'), 400, 'VALIDATION', 'limit');
    await expectRefused(issuer().get('/plans?limit=501'), 400, 'VALIDATION', 'limit');
    await expectRefused(issuer().get('/plans?limit=ten'), 400, 'VALIDATION', 'limit');
    await expectRefused(issuer().get('/plans?cursor=not-a-cursor'), 400, 'VALIDATION', 'cursor');
    await expectRefused(issuer().get('/plans?state=open'), 400, 'VALIDATION', 'state');
  });

  it('page with limit and cursor: every item once, a cursor of one query refused by another', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await json(await issuer().post('/plans', { title: `Kế hoạch ${i}` }))).body.planId as string);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { body: { items: { planId: string }[]; nextCursor: string | null } } = await json(await issuer().get(`/plans?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
      seen.push(...page.body.items.map((item) => item.planId));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].sort());
    const first = await json(await issuer().get('/plans?limit=2'));
    await expectRefused(issuer().get(`/plans?limit=2&state=draft&cursor=${first.body.nextCursor}`), 400, 'VALIDATION', 'cursor');
    await expectRefused(issuer().get(`/overdue?cursor=${first.body.nextCursor}`), 400, 'VALIDATION', 'cursor');
  });

  it("a plan's tasks, overdue and due-soon come from the read models, filtered and paged", async () => {
    const { planId, taskId } = await issuedPlan();
    const second = (await json(await issuer().post(`/plans/${planId}/tasks`, { title: 'Việc hai', lead: XDPL, deadline: { kind: 'month', year: 2026, month: 4 } }))).body.taskId;
    const tasks = await json(await issuer().get(`/plans/${planId}/tasks?limit=1`));
    expect(tasks.body.items).toHaveLength(1);
    expect(tasks.body.nextCursor).not.toBeNull();
    expect((await json(await issuer().get(`/plans/${planId}/tasks?state=assigned`))).body.items.map((task: { taskId: string }) => task.taskId).sort()).toEqual([taskId, second].sort());
    expect((await json(await issuer().get('/due-soon?days=30'))).body.items.map((task: { taskId: string }) => task.taskId)).toEqual([second]);
    expect((await json(await issuer().get('/overdue'))).body.items).toEqual([]);
    (engine.clock as ReturnType<typeof manualClock>).set('2026-05-02T00:00:00Z');
    const overdue = await json(await issuer().get(`/overdue?unitId=${XDPL.id}`));
    expect(overdue.body.items.map((task: { taskId: string }) => task.taskId)).toEqual([second]);
    await expectRefused(issuer().get('/plans/no-such-plan/tasks'), 404, 'NOT_FOUND', 'planId');
  });
});
