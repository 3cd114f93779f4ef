// The peer workload (the team's peers folder: workload.mjs, with Emmett 0.42 installed in a scratch
// folder outside this repository, as its README says) against this checkout's PostgreSQL store, on a
// durable embedded PostgreSQL, kinds alternated, each run on a fresh database.
//   pnpm build && node --import tsx test/bench/peers.ts --peers <scratch folder> [--runs 3] [--kinds emmett-postgresql,planlog-postgres]
//     [--before <another built planlog checkout>]   (adds its planlog-postgres to each run, as `planlog-before`)
//     [--commit durable|async]   (async: synchronous_commit off, so no call waits for a WAL flush and what
//     remains is each store's own cost per call: round trips, statements, client work)
// A fresh database per run, because the workload's stream names are fixed (`single-0` …): on a reused
// database Emmett's kind appends to the streams of every earlier run, and its `read` row counts all of
// their events (10 more per stream per earlier run), so its events/s grows with the number of runs.
// planlog's kind writes a fresh schema per process and never had that.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from '../../packages/postgres/test/startPostgres.js';

const pg = createRequire(new URL('../../packages/postgres/package.json', import.meta.url))('pg') as typeof import('../../packages/postgres/node_modules/@types/pg');

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
};
const peers = option('peers', '');
const runs = Number(option('runs', '3'));
const before = option('before', '');
const commit = option('commit', 'durable');
const kinds = [...option('kinds', 'emmett-postgresql,planlog-postgres').split(','), ...(before ? ['planlog-before'] : [])];
const ROWS = ['single_ev_s', 'batch10_ev_s', 'concurrent20_ev_s', 'read_ev_s'] as const;
/** #19's targets: planlog's PostgreSQL store against Emmett's, same run. */
const TARGETS: Record<(typeof ROWS)[number], number> = { single_ev_s: 1.2, batch10_ev_s: 1.5, concurrent20_ev_s: 3, read_ev_s: 1.5 };

type Result = Record<(typeof ROWS)[number], number | null> & { kind: string };

if (!peers || !existsSync(join(peers, 'workload.mjs')) || !existsSync(join(peers, 'node_modules'))) {
  console.log('peers: skipped (give --peers <folder holding workload.mjs with Emmett installed>; see the peers README)');
  process.exit(0);
}

const root = fileURLToPath(new URL('../../', import.meta.url));
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
      const child = spawnSync(process.execPath, ['workload.mjs', kind === 'planlog-before' ? 'planlog-postgres' : kind], {
        cwd: peers,
        env: { ...process.env, PEER_PG_URL: url, PLANLOG_DIR: kind === 'planlog-before' ? before : root },
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
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const format = (value: number | null) => (value === null ? 'failed' : value.toLocaleString('en'));
console.log(`\nload average at the end: ${loadavg().map((load) => load.toFixed(1)).join(' ')}\n`);
console.log(`| kind | ${ROWS.map((row) => row.replace('_ev_s', '')).join(' | ')} |`);
console.log(`| --- | ${ROWS.map(() => '---').join(' | ')} |`);
for (const [k, kind] of kinds.entries()) {
  console.log(`| ${kind} | ${ROWS.map((row) => results.map((run) => format(run[k]![row])).join(' / ')).join(' | ')} |`);
}
const emmett = kinds.indexOf('emmett-postgresql');
const planlog = kinds.indexOf('planlog-postgres');
if (emmett >= 0 && planlog >= 0) {
  const ratiosOf = (ours: number) => ROWS.map((row) => {
    const pairs = results.map((run) => [run[ours]![row], run[emmett]![row]] as const);
    const each = pairs.map(([ours, theirs]) => (ours !== null && theirs !== null && theirs > 0 ? ours / theirs : null));
    const known = each.filter((ratio): ratio is number => ratio !== null);
    return { row, each, median: known.length > 0 ? median(known) : null };
  });
  const beforeAt = kinds.indexOf('planlog-before');
  if (beforeAt >= 0) {
    console.log(`| before / Emmett, each run | ${ratiosOf(beforeAt).map(({ each }) => each.map((ratio) => (ratio === null ? '–' : `${ratio.toFixed(2)}×`)).join(' / ')).join(' | ')} |`);
  }
  const ratios = ratiosOf(planlog);
  console.log(`| planlog / Emmett, each run | ${ratios.map(({ each }) => each.map((ratio) => (ratio === null ? '–' : `${ratio.toFixed(2)}×`)).join(' / ')).join(' | ')} |`);
  console.log(
    `| median against target | ${ratios.map(({ row, median: ratio }) => (ratio === null ? '–' : `${ratio.toFixed(2)}× (≥ ${TARGETS[row]}×: ${ratio >= TARGETS[row] ? 'met' : 'not met'})`)).join(' | ')} |`,
  );
}
