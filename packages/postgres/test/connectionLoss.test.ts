import { createEngine, isPlanlogError, manualClock, type PlanlogError } from '@planlog/core';
import { describe, expect, it } from 'vitest';
import { postgresStore } from '../src/index.js';
import { expectWholeLog, reported } from './fixtures/events.js';
import { usePostgres } from './usePostgres.js';

const { server, admin } = usePostgres({ adminPoolSize: 4 });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const STP = { unitId: 'so-tu-phap' };
const LEAD = { id: 'phong-xay-dung-phap-luat', name: 'Phòng Xây dựng pháp luật' };

async function failure(action: Promise<unknown>): Promise<PlanlogError> {
  try {
    await action;
  } catch (error) {
    if (isPlanlogError(error)) return error;
    throw new Error(`expected a PlanlogError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a failure');
}

/** Lock the head row from outside, so the next append waits mid-transaction; returns how to let go. */
async function holdHead(schema: string) {
  const holder = await admin().connect();
  await holder.query(`BEGIN; SELECT * FROM "${schema}".head FOR UPDATE`);
  return async () => {
    await holder.query('ROLLBACK');
    holder.release();
  };
}

/** Terminate the planlog backend that is waiting on a lock, once it is there. */
async function terminateWaitingAppender(): Promise<void> {
  for (let tries = 0; tries < 300; tries++) {
    const { rows } = await admin().query(
      `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE application_name = 'planlog' AND wait_event_type = 'Lock'`,
    );
    if (rows.length > 0) return;
    await sleep(10);
  }
  throw new Error('no appender waited on the head row');
}

async function planWithTask(schema: string) {
  const store = postgresStore({ connectionString: server().url, max: 4 }, { schema });
  const engine = createEngine({ store, clock: manualClock('2026-04-10T02:00:00Z') });
  const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch phổ biến, giáo dục pháp luật năm 2026', issuer: { id: STP.unitId, name: 'Sở Tư pháp' } });
  const { taskId } = await engine.addTask({ actor: STP, planId, title: 'Rà soát văn bản', lead: LEAD, deadline: { kind: 'quarter', year: 2026, quarter: 2 } });
  await engine.issuePlan({ actor: STP, planId, number: '45/KH-STP', issuedOn: '2026-04-15' });
  return { store, engine, taskId };
}

describe('connection loss', () => {
  it('the server terminating the connection mid-append is a STORE error; retrying the command id appends once', async () => {
    const schema = server().freshSchema();
    const { store, engine, taskId } = await planWithTask(schema);
    const head = await store.headPosition();
    const command = { actor: { unitId: LEAD.id }, taskId, text: 'Đã rà soát 12 văn bản', commandId: 'report-ii-3-thang-4' };

    const release = await holdHead(schema);
    const pending = failure(engine.reportTask(command)); // begins its transaction, then waits for the head row
    await terminateWaitingAppender();
    const error = await pending;
    await release();
    expect(error.code).toBe('STORE');
    expect(await store.headPosition()).toBe(head); // nothing landed

    const first = await engine.reportTask(command); // the caller retries with the same command id
    const again = await engine.reportTask(command); // and once more, as if the reply had been lost
    expect(again).toEqual(first);
    const events = await store.readCommand(command.commandId);
    expect(events.map((event) => event.type)).toEqual(['task.reported']);
    expect(await store.headPosition()).toBe(head + 1);
    await expectWholeLog(store);
    await store.close();
  });

  it('an append that committed but whose caller never heard back is refused on retry with CONFLICT naming the command', async () => {
    const schema = server().freshSchema();
    const store = postgresStore({ connectionString: server().url, max: 2 }, { schema });
    const event = reported('đã gửi', 'cmd-lost-reply');
    await store.append('task-1', [event], { expectedVersion: 'any' });
    const error = await failure(store.append('task-1', [{ ...event, id: crypto.randomUUID() }], { expectedVersion: 'any' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.details).toMatchObject({ commandId: 'cmd-lost-reply' });
    // Another process, another pool: the same answer from the commands table.
    const other = postgresStore({ connectionString: server().url, max: 2 }, { schema });
    expect((await failure(other.append('task-2', [reported('x', 'cmd-lost-reply')], { expectedVersion: 'any' }))).details).toMatchObject({
      commandId: 'cmd-lost-reply',
    });
    expect(await other.headPosition()).toBe(1);
    await Promise.all([store.close(), other.close()]);
  });

  it('an unreachable server is a STORE error for appends and reads, and the store works once it is back', async () => {
    const { port } = new URL(server().url);
    const schema = server().freshSchema();
    // Nothing listens on port 1; then the same store object is pointed nowhere else: a second store shows recovery.
    const dead = postgresStore({ connectionString: server().url.replace(`:${port}/`, ':1/'), connectionTimeoutMillis: 2_000 }, { schema });
    expect((await failure(dead.append('task-1', [reported('x')], { expectedVersion: 'any' }))).code).toBe('STORE');
    expect((await failure(dead.readStream('task-1'))).code).toBe('STORE');
    expect((await failure((async () => { for await (const _ of dead.readAll()) break; })())).code).toBe('STORE');
    await dead.close();

    // A store whose connections all die (every backend terminated) recovers on the next call.
    const store = postgresStore({ connectionString: server().url, max: 2 }, { schema });
    await store.append('task-1', [reported('một')], { expectedVersion: 'no_stream' });
    await admin().query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'planlog'`);
    await sleep(50);
    const result = await store.append('task-1', [reported('hai')], { expectedVersion: 1 }).catch((error: unknown) => error);
    if (isPlanlogError(result)) expect(result.code).toBe('STORE'); // a dead pooled client may be handed out once
    await store.append('task-1', [reported('ba')], { expectedVersion: 'any' });
    const versions = (await store.readStream('task-1')).map((event) => event.version);
    expect(versions).toEqual(versions.map((_, index) => index + 1));
    await expectWholeLog(store);
    await store.close();
  });
});
