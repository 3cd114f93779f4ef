import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, manualClock, memoryStore, type Engine } from '@planlog/core';
import { createPlanlogApp, type EngineFor } from '../src/createPlanlogApp.js';
import { readSse } from './readSse.js';
import { serveApp, type RunningServer } from './serveApp.js';
import { client, testAuth } from './testAuth.js';

// GET /events: the tenant's log as Server-Sent Events, on engine.subscribe; resumes after Last-Event-ID.

const STP = 'so-tu-phap';
let engine: Engine;
let server: RunningServer;
let leases = 0;

beforeAll(async () => {
  engine = createEngine({ store: memoryStore(), clock: manualClock('2026-04-10T02:00:00Z') });
  const engineFor: EngineFor = Object.assign(
    () => {
      leases += 1;
      return engine;
    },
    { release: () => void (leases -= 1) },
  );
  server = await serveApp(createPlanlogApp({ authenticate: testAuth, engineFor }));
});
afterAll(() => server.close());

const events = (headers: Record<string, string> = {}, query = '') =>
  fetch(`${server.url}/events${query}`, { headers: { authorization: `Unit ${STP}`, ...headers } });

describe('GET /events', () => {
  it('streams the past, then each event as it is appended; resumes after Last-Event-ID; lets go when the client does', async () => {
    const api = client(server.url, STP);
    const { planId } = (await (await api.post('/plans', { title: 'Kế hoạch 1' })).json()) as { planId: string };
    const response = await events();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const stream = readSse(response);
    const [past] = await stream.next(1);
    expect(past).toMatchObject({ id: '1', event: 'plan.drafted' });
    expect(JSON.parse(past!.data)).toMatchObject({ position: 1, type: 'plan.drafted', data: { planId } });

    await api.post(`/plans/${planId}/tasks`, { title: 'Việc một' });
    const [live] = await stream.next(1);
    expect(live).toMatchObject({ id: '2', event: 'task.added' });
    await stream.cancel();

    await api.post('/plans', { title: 'Kế hoạch 2' });
    const resumed = readSse(await events({ 'last-event-id': '2' }));
    expect((await resumed.next(1)).map((message) => message.id)).toEqual(['3']);
    await resumed.cancel();
    await expect.poll(() => leases).toBe(0);
  });

  it('filters by type; refuses a bad Last-Event-ID or type with 400, and no credentials with 401', async () => {
    const stream = readSse(await events({}, '?types=task.added'));
    const [first] = await stream.next(1);
    expect(first).toMatchObject({ event: 'task.added' });
    await stream.cancel();
    for (const [headers, query, field] of [
      [{ 'last-event-id': 'abc' }, '', 'Last-Event-ID'],
      [{ 'last-event-id': '-1' }, '', 'Last-Event-ID'],
      [{}, '?types=task.added,nope', 'types'],
      [{}, '?from=3', 'from'],
    ] as const) {
      const response = await events(headers, query);
      expect({ status: response.status, body: await response.json() }).toEqual({ status: 400, body: { error: { code: 'VALIDATION', field, message: expect.any(String) } } });
    }
    expect((await fetch(`${server.url}/events`)).status).toBe(401);
    await expect.poll(() => leases).toBe(0);
  });
});
