// The peer workload (the team's peers folder: workload.mjs, with Emmett 0.42 installed in a scratch
// folder outside this repository, as its README says) against this checkout's PostgreSQL store, on a
// durable embedded PostgreSQL, the kinds one after another in each run, each run on a fresh database.
//   pnpm build && node --import tsx test/bench/peers.ts --peers <scratch folder> [--runs 3] [--kinds emmett-postgresql,planlog-postgres]
//     [--write-docs]   (the generated part of its docs/performance.md section; the ### notes stay)
//     [--before <another built planlog checkout>]   (adds its planlog-postgres to each run, as `planlog-before`)
//     [--commit durable|async]   (async: synchronous_commit off, so no call waits for a WAL flush and what
//     remains is each store's own cost per call: round trips, statements, client work)
// Beside the stores, the `raw-pg` kind runs the same workload.mjs on plain `pg`: one INSERT of the
// bytes planlog stores (core's eventBytes) per append, no head row, no version or command-id check,
// no hash chain, no command row; a read is the same SELECT and a JSON.parse per event. With one caller
// at a time it is a ceiling for a store that keeps those bytes durably that way, in the same run (it
// has no group commit, so it bounds nothing for concurrent writers).
// A fresh database per run, because the workload's stream names are fixed (`single-0` …): on a reused
// database Emmett's kind appends to the streams of every earlier run, and its `read` row counts all of
// their events (10 more per stream per earlier run), so its events/s grows with the number of runs.
// planlog's kind writes a fresh schema per process and never had that.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startPostgres } from '../../packages/postgres/test/startPostgres.js';
import { writePerformanceSection } from './performanceDocs.js';

const requireFromPostgres = createRequire(new URL('../../packages/postgres/package.json', import.meta.url));
const pg = requireFromPostgres('pg') as typeof import('../../packages/postgres/node_modules/@types/pg');

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
};
const peers = option('peers', '');
const runs = Number(option('runs', '3'));
const before = option('before', '');
const commit = option('commit', 'durable');
const kinds = [...option('kinds', 'emmett-postgresql,planlog-postgres,raw-pg').split(','), ...(before ? ['planlog-before'] : [])];
const ROWS = ['single_ev_s', 'batch10_ev_s', 'concurrent20_ev_s', 'read_ev_s'] as const;
/** #19's targets: planlog's PostgreSQL store against Emmett's, same run. */
const TARGETS: Record<(typeof ROWS)[number], number> = { single_ev_s: 1.2, batch10_ev_s: 1.5, concurrent20_ev_s: 3, read_ev_s: 1.5 };

type Result = Record<(typeof ROWS)[number], number | null> & { kind: string };

if (!peers || !existsSync(join(peers, 'workload.mjs')) || !existsSync(join(peers, 'node_modules'))) {
  console.log('peers: skipped (give --peers <folder holding workload.mjs with Emmett installed>; see the peers README)');
  process.exit(0);
}

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A folder that workload.mjs takes for a planlog checkout (`PLANLOG_DIR`): its
 * packages/postgres/dist/index.js exports a `postgresStore` on plain `pg` (see the top of this file).
 */
function rawCheckout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'peer-raw-'));
  mkdirSync(join(dir, 'packages/postgres/dist'), { recursive: true });
  const pgUrl = pathToFileURL(requireFromPostgres.resolve('pg')).href;
  const storeUrl = pathToFileURL(join(root, 'packages/core/dist/store.js')).href;
  writeFileSync(join(dir, 'packages/postgres/dist/index.js'), `
import pg from ${JSON.stringify(pgUrl)};
import { eventBytes } from ${JSON.stringify(storeUrl)};
export function postgresStore({ connectionString }, { schema }) {
  const pool = new pg.Pool({ connectionString });
  const ready = pool.query(\`CREATE SCHEMA \${schema}; CREATE TABLE \${schema}.events (position bigserial PRIMARY KEY,
    stream_id text NOT NULL, version integer NOT NULL, command_id text NOT NULL, event text NOT NULL, hash text NOT NULL,
    UNIQUE (stream_id, version))\`);
  const versions = new Map();
  const HASH = '0'.repeat(64);
  return {
    async append(streamId, events) {
      await ready;
      const start = versions.get(streamId) ?? 0;
      versions.set(streamId, start + events.length);
      await pool.query({
        name: 'raw_append',
        text: \`INSERT INTO \${schema}.events (stream_id, version, command_id, event, hash)
               SELECT $1, $2 + e.n, $3, e.bytes, $4 FROM unnest($5::text[]) WITH ORDINALITY AS e(bytes, n)\`,
        values: [streamId, start, events[0].commandId, HASH, events.map((event, i) => eventBytes({ ...event, streamId, version: start + i + 1 }))],
      });
    },
    async readStream(streamId) {
      await ready;
      const { rows } = await pool.query({
        name: 'raw_read',
        text: \`SELECT position, stream_id, version, command_id, event, hash FROM \${schema}.events WHERE stream_id = $1 AND version >= $2 ORDER BY version\`,
        values: [streamId, 1],
      });
      return rows.map((row) => JSON.parse(row.event));
    },
    close: () => pool.end(),
  };
}
`);
  return dir;
}
const raw = kinds.includes('raw-pg') ? rawCheckout() : '';
const checkoutOf = (kind: string) => (kind === 'planlog-before' ? before : kind === 'raw-pg' ? raw : root);
const workloadKind = (kind: string) => (kind === 'planlog-before' || kind === 'raw-pg' ? 'planlog-postgres' : kind);
const server = await startPostgres({ durable: true });
const admin = new pg.Client({ connectionString: server.url });
await admin.connect();
if (commit === 'async') {
  await admin.query('ALTER SYSTEM SET synchronous_commit = off');
  await admin.query('SELECT pg_reload_conf()');
}
console.log(`commits: ${commit === 'async' ? 'async (synchronous_commit off)' : 'durable (fsync on, synchronous_commit on)'}`);
const results: Result[][] = [];
try {
  for (let run = 1; run <= runs; run++) {
    const database = `peer_run_${run}_${process.pid}`;
    await admin.query(`CREATE DATABASE ${database}`);
    const url = server.url.replace(/\/postgres$/, `/${database}`);
    const row: Result[] = [];
    for (const kind of kinds) {
      const child = spawnSync(process.execPath, ['workload.mjs', workloadKind(kind)], {
        cwd: peers,
        env: { ...process.env, PEER_PG_URL: url, PLANLOG_DIR: checkoutOf(kind) },
        encoding: 'utf8',
      });
      const line = child.stdout.split('\n').find((text) => text.startsWith('{'));
      if (!line) throw new Error(`${kind} printed no result: ${child.stderr}`);
      const result = { ...(JSON.parse(line) as Result), kind };
      console.log(`run ${run}: ${kind} ${line}`);
      row.push(result);
    }
    results.push(row);
    await admin.query(`DROP DATABASE ${database}`);
  }
} finally {
  await admin.end();
  await server.stop();
  if (raw) rmSync(raw, { recursive: true, force: true });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const format = (value: number | null) => (value === null ? 'failed' : value.toLocaleString('en'));
const times = (ratio: number | null) => (ratio === null ? '–' : `${ratio.toFixed(2)}×`);
const load = loadavg().map((value) => value.toFixed(1)).join(' ');
const label: Record<string, string> = {
  'emmett-postgresql': 'Emmett',
  'planlog-postgres': 'planlog',
  'raw-pg': 'raw pg',
  'planlog-before': 'planlog, before',
};
const lines = [
  '## PostgreSQL against Emmett (peer workload)',
  '',
  `Generated by \`node --import tsx test/bench/peers.ts --peers <scratch folder>${runs === 3 ? '' : ` --runs ${runs}`}${commit === 'async' ? ' --commit async' : ''} --write-docs\`:`,
  "the team's peer workload (`workload.mjs`: 200 streams × 10 appends of one event, one append of 10",
  'events to each of 200 streams, the first workload with 20 writers at once, a `readStream` of each',
  'single stream) with Emmett 0.42 installed in a scratch folder outside this repository, on a',
  `${commit === 'async' ? '**non-durable** (synchronous_commit off)' : 'durable (fsync on, synchronous_commit on)'} embedded PostgreSQL, the kinds one after another in each run, each run on a fresh database`,
  '(the stream names are fixed, so on a reused one a later run appends to and reads the streams of the',
  'earlier ones). `raw pg` drives the same workload through plain `pg`: one INSERT of the bytes planlog',
  'stores per append and no checks (see the top of peers.ts). For one caller at a time (single, batch10,',
  'read) it is a ceiling for a store that keeps those bytes that way in that run; it has no group commit,',
  `so it bounds nothing in concurrent20. Events/s of ${runs === 1 ? '1 run' : `${runs} runs`}; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'},`,
  `a machine shared with other jobs, load average ${load} at the end.`,
  '',
  `| kind | ${ROWS.map((row) => row.replace('_ev_s', '')).join(' | ')} |`,
  `| --- | ${ROWS.map(() => '---:').join(' | ')} |`,
  ...kinds.map((kind, k) => `| ${label[kind] ?? kind} | ${ROWS.map((row) => results.map((run) => format(run[k]![row])).join(' / ')).join(' | ')} |`),
];
const emmett = kinds.indexOf('emmett-postgresql');
const planlog = kinds.indexOf('planlog-postgres');
if (emmett >= 0) {
  const ratiosOf = (ours: number) => ROWS.map((row) => {
    const each = results.map((run) => {
      const [mine, theirs] = [run[ours]![row], run[emmett]![row]];
      return mine !== null && theirs !== null && theirs > 0 ? mine / theirs : null;
    });
    const known = each.filter((ratio): ratio is number => ratio !== null);
    return { row, each, median: known.length > 0 ? median(known) : null };
  });
  for (const [k, kind] of kinds.entries()) {
    if (k === emmett) continue;
    const ratios = ratiosOf(k);
    lines.push(`| ${label[kind] ?? kind} / Emmett, median (each run) | ${ratios.map(({ each, median: ratio }) => `${times(ratio)} (${each.map(times).join(' / ')})`).join(' | ')} |`);
  }
  if (planlog >= 0) {
    lines.push(`| #19's target for planlog | ${ratiosOf(planlog).map(({ row, median: ratio }) => `≥ ${TARGETS[row]}×: ${ratio !== null && ratio >= TARGETS[row] ? 'met' : 'not met'}`).join(' | ')} |`);
  }
}
const section = `${lines.join('\n')}\n`;
console.log(`\n${section}`);
if (args.includes('--write-docs')) {
  writePerformanceSection(section, { keepSubsections: true });
  console.log('docs/performance.md updated (## PostgreSQL against Emmett (peer workload))');
}
