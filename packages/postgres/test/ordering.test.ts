import type { StoredEvent } from '@planlog/core';
import { describe, expect, it } from 'vitest';
import { postgresStore, schemaNames, type PostgresEventStore } from '../src/index.js';
import { appendToStream } from '../src/schema/appendToStream.js';
import { collect, expectWholeLog, reported } from './fixtures/events.js';
import { usePostgres } from './usePostgres.js';

const { server, admin } = usePostgres({ adminPoolSize: 4 });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Backends of planlog stores waiting for a lock (the head row). */
async function waitingAppenders(): Promise<number> {
  const { rows } = await admin().query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'planlog' AND wait_event_type = 'Lock'`);
  return rows[0].n;
}

/**
 * A catch-up reader as the engine and projection runners are: remember the last position seen, ask
 * for everything after it, again and again. Records every position it is handed, in order.
 */
function catchUpReader(store: PostgresEventStore) {
  const seen: number[] = [];
  let stop = false;
  const done = (async () => {
    while (!stop) {
      for await (const event of store.readAll({ fromPosition: (seen.at(-1) ?? 0) + 1 })) seen.push(event.position);
      await sleep(5);
    }
  })();
  return {
    seen,
    async stop() {
      stop = true;
      await done;
    },
  };
}

describe('global order under concurrent appends', () => {
  it('a catch-up reader never skips an append held open while later ones try to commit', async () => {
    const schema = server().freshSchema();
    const writer = postgresStore({ connectionString: server().url, max: 8 }, { schema });
    const reader = postgresStore({ connectionString: server().url, max: 2 }, { schema, pageSize: 2 });
    await writer.ready();
    await writer.append('task-a', [reported('1'), reported('2'), reported('3')], { expectedVersion: 'no_stream' });

    const readerLoop = catchUpReader(reader);

    // Hold an append in flight: the store's own append statement, run inside a transaction we keep
    // open: sealed at position 4, inserted, not committed, head row locked.
    const held = await admin().connect();
    await held.query('BEGIN');
    const [outcome] = await appendToStream(held, schemaNames(schema), [[{ streamId: 'task-held', events: [reported('held')], expectedVersion: 'no_stream' }]]);
    expect('results' in outcome! && outcome.results[0]!.position).toBe(4);

    // Later appends, from another process's worth of connections, try to commit meanwhile.
    const later = Array.from({ length: 6 }, (_, index) => writer.append(`task-later-${index % 3}`, [reported(`later ${index}`)], { expectedVersion: 'any' }));
    for (let tries = 0; (await waitingAppenders()) === 0; tries++) {
      if (tries > 200) throw new Error('no append is waiting on the head row');
      await sleep(10);
    }
    await sleep(300);
    // Nothing past the held position is visible to anyone while it is open.
    expect(readerLoop.seen).toEqual([1, 2, 3]);
    expect(await reader.headPosition()).toBe(3);
    expect((await collect(reader.readAll({ fromPosition: 4 }))).length).toBe(0);

    await held.query('COMMIT');
    held.release();
    const results = await Promise.all(later);
    const lastPosition = Math.max(...results.map((result) => result.position!));
    expect(lastPosition).toBe(10);
    while ((readerLoop.seen.at(-1) ?? 0) < lastPosition) await sleep(10);
    await readerLoop.stop();

    // The reader waited for the held event, delivered it, then the later ones: each once, in order.
    expect(readerLoop.seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const log = await expectWholeLog(reader);
    expect(log[3]!.streamId).toBe('task-held');
    await writer.close();
    await reader.close();
  });

  it('many writers and a live reader: the reader sees every position exactly once, in order', async () => {
    const schema = server().freshSchema();
    const writers = Array.from({ length: 4 }, () => postgresStore({ connectionString: server().url, max: 3 }, { schema }));
    const reader = postgresStore({ connectionString: server().url, max: 2 }, { schema, pageSize: 7 });
    await writers[0]!.ready();
    const readerLoop = catchUpReader(reader);
    await Promise.all(
      writers.map(async (writer, w) => {
        for (let i = 0; i < 60; i++) {
          await Promise.all([writer.append(`task-${w}`, [reported(`${w}.${i}`)], { expectedVersion: 'any' }), writer.append('task-shared', [reported(`s${w}.${i}`), reported(`t${w}.${i}`)], { expectedVersion: 'any' })]);
        }
      }),
    );
    const head = await reader.headPosition();
    expect(head).toBe(4 * 60 * 3);
    while ((readerLoop.seen.at(-1) ?? 0) < head) await sleep(10);
    await readerLoop.stop();
    expect(readerLoop.seen).toEqual(Array.from({ length: head }, (_, index) => index + 1));
    await expectWholeLog(reader);
    await Promise.all([...writers, reader].map((store) => store.close()));
  });

  it('why: with a plain sequence, a later number can commit first and a checkpointing reader would skip the earlier one', async () => {
    // The problem the head row solves, shown on a bare bigserial table.
    const table = `${server().freshSchema('naive')}`;
    await admin().query(`CREATE TABLE ${table} (position bigserial PRIMARY KEY, note text)`);
    const first = await admin().connect();
    await first.query('BEGIN');
    await first.query(`INSERT INTO ${table} (note) VALUES ('first')`); // takes position 1, not committed
    await admin().query(`INSERT INTO ${table} (note) VALUES ('second')`); // takes position 2, commits
    const { rows } = await admin().query(`SELECT position::int FROM ${table} WHERE position >= 1 ORDER BY position`);
    expect(rows.map((row) => row.position)).toEqual([2]); // a reader now checkpoints at 2 ...
    await first.query('COMMIT');
    first.release();
    const after = await admin().query(`SELECT position::int FROM ${table} WHERE position > 2 ORDER BY position`);
    expect(after.rows).toEqual([]); // ... and never sees position 1
  });
});

export type { StoredEvent };
