import { randomUUID } from 'node:crypto';
import { isPlanlogError, type StreamAppend } from '@planlog/core';
import { GENESIS_HASH, validateAppend } from '@planlog/core/store';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresStore, schemaNames } from '../src/index.js';
import { appendSealed, joinedBytes, sealGroup } from '../src/schema/appendSealed.js';
import { appendToStream } from '../src/schema/appendToStream.js';
import { collect, expectWholeLog, reported } from './fixtures/events.js';
import { usePostgres } from './usePostgres.js';

const { server, admin } = usePostgres({ adminPoolSize: 3 });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Wait until a backend of the schema's stores waits for a lock (the head row). */
async function someoneWaits(): Promise<void> {
  for (let tries = 0; tries < 300; tries++) {
    const { rows } = await admin().query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'planlog' AND wait_event_type = 'Lock'`);
    if (rows[0].n > 0) return;
    await sleep(10);
  }
  throw new Error('nobody waits on the head row');
}

const call = (...appends: StreamAppend[]) => validateAppend(appends);

describe('appends sealed in the client against an assumed head', () => {
  it('seals a group only when every stream version is known and every call would land', () => {
    const head = { position: 3, hash: GENESIS_HASH };
    const known = (streamId: string) => (streamId === 'task-a' ? 2 : undefined);
    const group = sealGroup([call({ streamId: 'task-a', events: [reported('1'), reported('2')], expectedVersion: 'any' }), call({ streamId: 'task-a', events: [reported('3')], expectedVersion: 4 })], head, known);
    expect(group?.streams).toEqual(['task-a']);
    expect(group?.starts).toEqual([2]);
    expect(group?.events.map(({ event }) => [event.position, event.version])).toEqual([[4, 3], [5, 4], [6, 5]]);

    expect(sealGroup([call({ streamId: 'task-b', events: [reported('1')], expectedVersion: 'any' })], head, known)).toBeNull();
    // A numeric expected version is its own guess (the server checks it); a later call of the group
    // that expects a version an earlier call moved past would be refused.
    expect(sealGroup([call({ streamId: 'task-a', events: [reported('1')], expectedVersion: 7 })], head, known)?.starts).toEqual([7]);
    expect(sealGroup([call({ streamId: 'task-a', events: [reported('1')], expectedVersion: 'any' }), call({ streamId: 'task-a', events: [reported('2')], expectedVersion: 2 })], head, known)).toBeNull();
    const twice = reported('same command');
    expect(sealGroup([call({ streamId: 'task-a', events: [twice], expectedVersion: 'any' }), call({ streamId: 'task-c', events: [{ ...twice, id: randomUUID() }], expectedVersion: 'no_stream' })], head, known)).toBeNull();
    expect(sealGroup([call({ streamId: 'task-a', events: [], expectedVersion: 'any' })], head, known)).toBeNull();
  });

  it('writes nothing when the head, a stream version or a command id is not as assumed', async () => {
    const schema = server().freshSchema();
    const store = postgresStore({ connectionString: server().url, max: 2 }, { schema });
    const names = schemaNames(schema);
    const first = await store.append('task-a', [reported('1')], { expectedVersion: 'no_stream' });
    const head = { position: 1, hash: first.events[0]!.hash };
    const versionOf = () => 1;
    const seal = (appends: StreamAppend[], at = head) => sealGroup([call(...appends)], at, versionOf)!;

    expect(await appendSealed(store.pool, names, seal([{ streamId: 'task-a', events: [reported('2')], expectedVersion: 'any' }], { position: 0, hash: GENESIS_HASH }))).toBeNull();
    expect(await appendSealed(store.pool, names, seal([{ streamId: 'task-a', events: [reported('2')], expectedVersion: 'any' }], { position: 1, hash: GENESIS_HASH }))).toBeNull();
    expect(await appendSealed(store.pool, names, seal([{ streamId: 'task-b', events: [reported('2')], expectedVersion: 'any' }]))).toBeNull();
    expect(await appendSealed(store.pool, names, seal([{ streamId: 'task-c', events: [reported('2', first.events[0]!.commandId)], expectedVersion: 'no_stream' }]))).toBeNull();
    expect(await store.headPosition()).toBe(1);

    const landed = await appendSealed(store.pool, names, seal([{ streamId: 'task-a', events: [reported('2'), reported('3')], expectedVersion: 1 }]));
    const log = await expectWholeLog(store);
    expect(landed).toEqual([{ results: [{ streamId: 'task-a', version: 3, position: 3, events: log.slice(1) }] }]);
    expect(log.map((event) => [event.streamId, event.version])).toEqual([['task-a', 1], ['task-a', 2], ['task-a', 3]]);
    expect((await store.readCommand(log[2]!.commandId)).map((event) => event.position)).toEqual([3]);
    await store.close();
  });

  it('waiting on the head row: lands if the holder rolled back, writes nothing if it appended', async () => {
    const schema = server().freshSchema();
    const store = postgresStore({ connectionString: server().url, max: 2 }, { schema });
    const names = schemaNames(schema);
    const first = await store.append('task-a', [reported('1')], { expectedVersion: 'no_stream' });

    /** Append to task-b inside a transaction held open, seal task-a against `head` meanwhile, then end the holder. */
    const race = async (head: { position: number; hash: string }, version: number, end: 'COMMIT' | 'ROLLBACK') => {
      const held = await admin().connect();
      await held.query('BEGIN');
      await appendToStream(held, names, [[{ streamId: 'task-b', events: [reported(`held, then ${end}`)], expectedVersion: 'any' }]]);
      const group = sealGroup([call({ streamId: 'task-a', events: [reported('sealed')], expectedVersion: version })], head, () => version)!;
      const sealed = appendSealed(store.pool, names, group);
      await someoneWaits();
      await held.query(end);
      held.release();
      return { group, outcome: await sealed };
    };

    const landed = await race({ position: 1, hash: first.events[0]!.hash }, 1, 'ROLLBACK');
    expect(landed.outcome).toEqual(landed.group.outcomes);
    const head = { position: 2, hash: landed.group.events[0]!.event.hash };
    // The holder commits position 3 while the statement waits: its snapshot, older than the lock, must not count.
    expect((await race(head, 2, 'COMMIT')).outcome).toBeNull();
    expect((await expectWholeLog(store)).map((event) => [event.streamId, event.version])).toEqual([['task-a', 1], ['task-a', 2], ['task-b', 1]]);
    await store.close();
  });

  it('two stores taking turns on one stream: each falls back when the other moved the head, the chain stays whole', async () => {
    const schema = server().freshSchema();
    const one = postgresStore({ connectionString: server().url, max: 2 }, { schema });
    const two = postgresStore({ connectionString: server().url, max: 2 }, { schema });
    const stores = [one, two];
    for (let i = 0; i < 20; i++) {
      const store = stores[Math.floor(i / 3) % 2]!;
      await store.append('task-shared', [reported(`shared ${i}`)], { expectedVersion: 'any' });
      await store.append(`task-own-${Math.floor(i / 3) % 2}`, [reported(`own ${i}`)], { expectedVersion: 'any' });
    }
    // A version the other store moved past, and a command id the other store used: refused as ever.
    const stale = await one.append('task-shared', [reported('late')], { expectedVersion: 3 }).catch((error: unknown) => error);
    expect(isPlanlogError(stale) && stale.code).toBe('CONFLICT');
    const used = (await collect(two.readAll())).at(-1)!.commandId;
    const again = await one.append('task-own-0', [reported('again', used)], { expectedVersion: 'any' }).catch((error: unknown) => error);
    expect(isPlanlogError(again) && again.details).toEqual({ commandId: used });

    const log = await expectWholeLog(one);
    expect(log.filter((event) => event.streamId === 'task-shared').map((event) => event.version)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(log).toHaveLength(40);
    await one.close();
    await two.close();
  });

  it("an 'any' append to a stream the process has not written is sealed in the client, as a new stream (one statement, no append_events)", async () => {
    const pool = new pg.Pool({ connectionString: server().url, max: 2 });
    const statements: string[] = [];
    const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
    (pool as unknown as { query: unknown }).query = (...args: unknown[]) => {
      const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text: string }).text;
      statements.push(text.includes('append_events(') ? 'append_events' : text.includes('FOR UPDATE') ? 'sealed' : 'other');
      return query(...args);
    };
    const store = postgresStore({ pool }, { schema: server().freshSchema() });
    await store.append('task-first', [reported('first')], { expectedVersion: 'any' }); // no head known yet: the server seals it
    statements.length = 0;
    for (let i = 0; i < 5; i++) await store.append(`task-new-${i}`, Array.from({ length: 10 }, (_, j) => reported(`new ${i}.${j}`)), { expectedVersion: 'any' });
    expect(statements).toEqual(Array(5).fill('sealed'));
    // A stream another store wrote meanwhile is no new stream: the guess fails, the server appends it, nothing is lost.
    const other = postgresStore({ connectionString: server().url, max: 1 }, { schema: store.schema });
    await other.append('task-elsewhere', [reported('elsewhere')], { expectedVersion: 'any' });
    await store.append('task-elsewhere', [reported('after')], { expectedVersion: 'any' });
    const log = await expectWholeLog(store);
    expect(log.filter((event) => event.streamId === 'task-elsewhere').map((event) => event.version)).toEqual([1, 2]);
    await other.close();
    await store.close();
    await pool.end();
  });

  it('a group of one store: two calls with one command id, one lands and one is refused', async () => {
    const schema = server().freshSchema();
    const store = postgresStore({ connectionString: server().url, max: 2 }, { schema });
    await store.append('task-a', [reported('warm')], { expectedVersion: 'no_stream' });
    const shared = reported('twice');
    const outcomes = await Promise.allSettled([
      store.append('task-a', [reported('1')], { expectedVersion: 1 }),
      store.append('task-b', [shared], { expectedVersion: 'no_stream' }),
      store.append('task-c', [{ ...shared, id: randomUUID() }], { expectedVersion: 'no_stream' }),
      store.append('task-a', [reported('2')], { expectedVersion: 2 }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const refused = (outcomes[2] as PromiseRejectedResult).reason;
    expect(isPlanlogError(refused) && [refused.code, refused.details]).toEqual(['CONFLICT', { commandId: shared.commandId }]);
    expect((await expectWholeLog(store)).map((event) => event.streamId)).toEqual(['task-a', 'task-a', 'task-b', 'task-a']);
    await store.close();
  });

  it('sends the bytes of a group as one text split on newlines: texts holding newlines, quotes and backslashes land as sent', async () => {
    const schema = server().freshSchema();
    const store = postgresStore({ connectionString: server().url, max: 2 }, { schema });
    await store.append('task-a', [reported('warm')], { expectedVersion: 'no_stream' });
    const texts = ['dòng 1\ndòng 2\r\n', 'a "quoted" \\ path\\', '\n', '{"x":"\\n"}', 'tab\there'];
    const sent = texts.map((text) => reported(text));
    const commandId = sent[0]!.commandId;
    const landed = await store.append('task-b', sent.map((event) => ({ ...event, commandId })), { expectedVersion: 'no_stream' });
    expect(landed.events.map((event) => event.position)).toEqual([2, 3, 4, 5, 6]);
    const read = await store.readStream('task-b');
    expect(read.map((event) => (event.data as { text: string }).text)).toEqual(texts);
    expect(read).toEqual(landed.events);
    await expectWholeLog(store);
    await store.close();
  });

  it('refuses to join bytes that hold a raw newline (canonical JSON never writes one)', () => {
    expect(joinedBytes(['{"a":1}', '{"b":"x\\ny"}'])).toBe('{"a":1}\n{"b":"x\\ny"}');
    let refused: unknown;
    try {
      joinedBytes(['{"a":1}', '{"b":"x\ny"}']);
    } catch (error) {
      refused = error;
    }
    expect(isPlanlogError(refused) && refused.code).toBe('STORE');
  });
});
