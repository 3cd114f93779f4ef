// Province scale on PostgreSQL (issue 19): tenants' schemas (one per province: tenant_p01 …) in one
// database, each with --plans plans × --tasks tasks and a year of events; then --processes engine
// processes serving random valid commands at a fixed total rate while each tenant's projection worker
// keeps its read models current. For each tenant count of --tenants: p50/p99 command latency and the
// projection lag, with ratios to the first row (measured in the same run).
//   node --import tsx test/bench/provinceScale.ts [--tenants 1,8,63] [--plans 20] [--tasks 50] [--processes 8]
//     [--duration 30] [--rate 40] [--in-flight 4] [--commit durable|async] [--load-lanes 3] [--seed 19] [--write-docs]
// The issue's full scale is --plans 200 --tasks 50 (10,000 tasks a tenant); the default is smaller so
// the whole bench finishes in minutes on a 2-core machine. A script that prints a table, not a test.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { builtinProjections, createEngine, manualClock, memoryStore, ProjectionRunner } from '../../packages/core/src/index.js';
import { tenantSchema } from '../../packages/http/src/tenantEngines.js';
import { postgresReadModels, postgresStore } from '../../packages/postgres/src/index.js';
import { startPostgres, type RunningPostgres } from '../../packages/postgres/test/startPostgres.js';
import { copyLog } from './copyLog.js';
import { simulateProvinceYear, taskIdOf } from './provinceYear.js';
import type { WorkerJob, WorkerResult } from './provinceWorker.js';
import { writePerformanceSection } from './performanceDocs.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1]! : fallback;
};
const ROWS = option('tenants', '1,8,63').split(',').map(Number);
const PLANS = Number(option('plans', '20'));
const TASKS = Number(option('tasks', '50'));
const PROCESSES = Number(option('processes', '8'));
const DURATION_S = Number(option('duration', '30'));
const RATE = Number(option('rate', '40'));
const IN_FLIGHT = Number(option('in-flight', '4'));
const COMMIT = option('commit', 'durable');
const LOAD_LANES = Number(option('load-lanes', '3'));
const SEED = Number(option('seed', '19'));
for (const [name, value] of Object.entries({ PLANS, TASKS, PROCESSES, DURATION_S, RATE, IN_FLIGHT, SEED, LOAD_LANES })) {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name.toLowerCase()}: a number > 0, got ${value}`);
}
if (ROWS.some((n) => !Number.isInteger(n) || n < 1 || n > 99) || ROWS.some((n, i) => i > 0 && n <= ROWS[i - 1]!)) {
  throw new Error(`--tenants: rising whole numbers from 1 to 99 (tenant ids p01 … p99), got ${option('tenants', '')}`);
}
if (!['durable', 'async'].includes(COMMIT)) throw new Error(`--commit: durable or async, got ${COMMIT}`);
const MAX_TENANTS = ROWS.at(-1)!;
/** Short tenant ids: the schema (tenant_p01) stays far below PostgreSQL's 63-byte names with statement prefixes. */
const tenantId = (i: number) => `p${String(i + 1).padStart(2, '0')}`;
// Each process holds one connection per projection lease it takes (LISTEN) and one per command or
// lookup in flight; the parent one pool of 4 while loading.
const LEASES_PER_PROCESS = Math.ceil(MAX_TENANTS / PROCESSES);
const POOL_MAX = LEASES_PER_PROCESS + IN_FLIGHT + 2;
const MAX_CONNECTIONS = 200; // what startPostgres starts the server with
const PARENT_POOL = 4 * LOAD_LANES;

type Loaded = { tenants: number; events: number; ms: number; simulateMs: number; copyMs: number; checkpointMs: number; projectMs: number; refusals: number };
type Stats = { p50: number; p99: number; count: number };
type Row = {
  tenants: number;
  eventsInDb: number;
  loadS: number;
  loadRate: number;
  commands: number;
  rate: number;
  latency: Stats;
  lag: Stats;
  unprojected: number;
  refused: number;
  behind: number;
  openS: number;
  rssMB: number;
  load: string;
  dbMB: number;
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const stats = (values: number[]): Stats => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), count: sorted.length };
};

/** Seed tenants [from, to): the year through the engine on a memory store, copied into the tenant's schema, a live checkpoint written, read models projected. */
async function load(server: RunningPostgres, from: number, to: number, end: { at: Date }): Promise<Loaded> {
  const total: Loaded = { tenants: to - from, events: 0, ms: 0, simulateMs: 0, copyMs: 0, checkpointMs: 0, projectMs: 0, refusals: 0 };
  const started = performance.now();
  let next = from;
  // LOAD_LANES tenants at once: one plays its year (CPU here) while the others wait on PostgreSQL.
  const lane = async () => {
    for (let i = next++; i < to; i = next++) {
      const id = tenantId(i);
      const t0 = performance.now();
      const memory = memoryStore();
      const year = await simulateProvinceYear({ store: memory, plans: PLANS, tasksPerPlan: TASKS, seed: SEED * 1_000 + i });
      end.at = year.end;
      const t1 = performance.now();
      const store = postgresStore({ connectionString: server.url, max: 4 }, { schema: tenantSchema(id) });
      try {
        const events = await copyLog(memory, store);
        const t2 = performance.now();
        const engine = createEngine({ store, clock: manualClock(year.end) });
        await engine.getTask(taskIdOf(0, 0));
        await engine.checkpoint();
        const t3 = performance.now();
        await new ProjectionRunner({ store, readModels: postgresReadModels(store), projections: builtinProjections }).catchUp();
        const t4 = performance.now();
        total.events += events;
        total.simulateMs += t1 - t0;
        total.copyMs += t2 - t1;
        total.checkpointMs += t3 - t2;
        total.projectMs += t4 - t3;
        total.refusals += year.refusals.length;
        console.log(
          `  ${id}: ${events.toLocaleString('en-US')} events (${year.commands.toLocaleString('en-US')} commands, ${year.ticks} ticks, ${year.refusals.length} refused) — year ${((t1 - t0) / 1000).toFixed(1)} s, copy ${((t2 - t1) / 1000).toFixed(1)} s, checkpoint ${((t3 - t2) / 1000).toFixed(1)} s, read models ${((t4 - t3) / 1000).toFixed(1)} s`,
        );
      } finally {
        await store.close();
      }
    }
  };
  await Promise.all(Array.from({ length: LOAD_LANES }, lane));
  total.ms = performance.now() - started;
  return total;
}

/** Every engine process running now, so that an interrupted bench (SIGINT, SIGTERM) stops them too. */
const running = new Set<ChildProcess>();

/** Start the engine processes for the first `tenants` tenants, run them for the duration, and gather what they measured. */
async function measure(server: RunningPostgres, tenants: number, clockStart: Date, dir: string): Promise<{ results: WorkerResult[]; load: string }> {
  const ids = Array.from({ length: tenants }, (_, i) => tenantId(i));
  const children: ChildProcess[] = [];
  const exits: Promise<void>[] = [];
  const ready: Promise<void>[] = [];
  const outs: string[] = [];
  try {
    for (let index = 0; index < PROCESSES; index++) {
      const out = join(dir, `worker-${tenants}-${index}.json`);
      outs.push(out);
      const job: WorkerJob = {
        index,
        url: server.url,
        tenants: ids,
        leases: ids.filter((_, i) => i % PROCESSES === index),
        plans: PLANS,
        tasksPerPlan: TASKS,
        rate: RATE / PROCESSES,
        inFlight: IN_FLIGHT,
        durationMs: DURATION_S * 1000,
        poolMax: POOL_MAX,
        clockStart: clockStart.getTime(),
        out,
      };
      const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./provinceWorker.ts', import.meta.url)), JSON.stringify(job)], {
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      children.push(child);
      running.add(child);
      child.on('exit', () => running.delete(child));
      exits.push(
        new Promise((resolve, reject) =>
          child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`worker ${index} exited with ${code ?? signal}`)))),
        ),
      );
      ready.push(
        new Promise((resolve, reject) => {
          const lines = createInterface({ input: child.stdout! });
          lines.on('line', (line) => (line === 'ready' ? resolve() : console.log(`  [worker ${index}] ${line}`)));
          child.on('exit', () => reject(new Error(`worker ${index} ended before it was ready`)));
        }),
      );
    }
    await Promise.race([Promise.all(ready), Promise.all(exits)]);
    const go = Date.now() + 500;
    for (const child of children) child.stdin!.end(`${go}\n`);
    // The machine's load while the commands run (1-minute average, read two thirds of the way in).
    let load = '';
    const sampler = setTimeout(() => (load = loadavg().map((value) => value.toFixed(2)).join(', ')), 500 + (DURATION_S * 1000 * 2) / 3);
    await Promise.all(exits);
    clearTimeout(sampler);
    return { results: outs.map((out) => JSON.parse(readFileSync(out, 'utf8')) as WorkerResult), load };
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill();
  }
}

/**
 * Projection lag of a command: from the moment its caller had the answer (the append committed) to
 * the end of the first catch-up of the tenant's projection worker that reached the command's last
 * position (both read from the same machine's clock, in the two processes). A catch-up can finish
 * before the caller has its answer (the NOTIFY is sent at commit): that lag counts as 0.
 */
function lags(results: WorkerResult[]): { lag: number[]; unprojected: number } {
  const byTenant = new Map<string, { position: number; at: number }[]>();
  for (const result of results) for (const sample of result.catchUps) byTenant.set(sample.tenant, [...(byTenant.get(sample.tenant) ?? []), sample]);
  for (const samples of byTenant.values()) samples.sort((a, b) => a.at - b.at);
  const lag: number[] = [];
  let unprojected = 0;
  for (const result of results) {
    for (const command of result.commands) {
      const reached = byTenant.get(command.tenant)?.find((sample) => sample.position >= command.position);
      if (reached) lag.push(Math.max(0, reached.at - command.doneAt));
      else unprojected++;
    }
  }
  return { lag, unprojected };
}

/** The database's size and the events in the first `tenants` tenants' logs (their head positions). */
async function database(server: RunningPostgres, tenants: number): Promise<{ mb: number; events: number }> {
  let events = 0;
  for (let i = 0; i < tenants; i++) {
    const store = postgresStore({ connectionString: server.url, max: 1 }, { schema: tenantSchema(tenantId(i)), create: false });
    try {
      events += await store.headPosition();
    } finally {
      await store.close();
    }
  }
  const store = postgresStore({ connectionString: server.url, max: 1 }, { schema: tenantSchema(tenantId(0)), create: false });
  try {
    const { rows } = await store.pool.query<{ size: string }>('SELECT pg_database_size(current_database()) AS size');
    return { mb: Number(rows[0]!.size) / 2 ** 20, events };
  } finally {
    await store.close();
  }
}

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const ratio = (value: number, base: number) => (Number.isFinite(value / base) ? `${(value / base).toFixed(2)}×` : '–');

function table(rows: Row[]): string {
  const base = rows[0]!;
  return [
    `| tenants | events in the database | load (these tenants) | commands (per s) | latency p50 / p99 | projection lag p50 / p99 | latency ratio p50 / p99 | lag ratio p50 / p99 | refused | engines opened in | worker RSS | load average |`,
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (row) =>
        `| ${row.tenants} | ${row.eventsInDb.toLocaleString('en-US')} (${row.dbMB.toFixed(0)} MB) | ${row.loadS.toFixed(0)} s (${Math.round(row.loadRate).toLocaleString('en-US')} ev/s) | ${row.commands.toLocaleString('en-US')} (${row.rate.toFixed(1)}) | ${ms(row.latency.p50)} / ${ms(row.latency.p99)} ms | ${ms(row.lag.p50)} / ${ms(row.lag.p99)} ms${row.unprojected > 0 ? ` (${row.unprojected} never)` : ''} | ${ratio(row.latency.p50, base.latency.p50)} / ${ratio(row.latency.p99, base.latency.p99)} | ${ratio(row.lag.p50, base.lag.p50)} / ${ratio(row.lag.p99, base.lag.p99)} | ${row.refused}${row.behind > 0 ? ` (+${row.behind} not started)` : ''} | ${row.openS.toFixed(1)} s | ${row.rssMB.toFixed(0)} MB | ${row.load} |`,
    ),
  ].join('\n');
}

function settings(): string {
  return [
    `${PLANS} plans × ${TASKS} tasks a tenant (${(PLANS * TASKS).toLocaleString('en-US')} tasks)${PLANS * TASKS < 10_000 ? `, below the issue's 200 × 50: pass --plans 200 for full scale` : ''}`,
    `${PROCESSES} engine processes, ${RATE} commands/s in all (open loop, exponential gaps, at most ${IN_FLIGHT} in flight a process), ${DURATION_S} s a row`,
    `PostgreSQL: commits ${COMMIT === 'durable' ? 'durable (fsync on, synchronous_commit on)' : 'async (synchronous_commit off)'}, max_connections ${MAX_CONNECTIONS}; a pool of ${POOL_MAX} a process (${LEASES_PER_PROCESS} projection leases + ${IN_FLIGHT} in flight + 2), ${PROCESSES * POOL_MAX + PARENT_POOL} at most in all`,
  ].join('\n');
}

function section(rows: Row[], loaded: Loaded[]): string {
  const events = loaded.reduce((sum, l) => sum + l.events, 0);
  const loadMs = loaded.reduce((sum, l) => sum + l.ms, 0);
  const sum = (key: 'simulateMs' | 'copyMs' | 'checkpointMs' | 'projectMs') => loaded.reduce((total, l) => total + l[key], 0);
  const busy = sum('simulateMs') + sum('copyMs') + sum('checkpointMs') + sum('projectMs');
  const part = (key: 'simulateMs' | 'copyMs' | 'checkpointMs' | 'projectMs') => ((100 * sum(key)) / busy).toFixed(0);
  return [
    '## Province scale on PostgreSQL',
    '',
    `One database, one schema a tenant (\`tenantEngines({ postgres })\`: \`tenant_p01\` …), each tenant a year of plans played through the engine's commands (\`test/bench/provinceYear.ts\`: drafts, tasks, issues, acknowledgements, quarterly progress reports answering the obligations the engine opens, final reports, reviews with returns, extensions, a tick a day marking what fell due), about ${Math.round(events / loaded.reduce((sum, l) => sum + l.tenants, 0) / (PLANS * TASKS))} events a task. Tenants are loaded before each row, so a row's database holds its tenants only. Then ${PROCESSES} engine processes (\`test/bench/provinceWorker.ts\`) each open an engine for every tenant (from its live checkpoint), run the projection worker of every ${PROCESSES}th tenant (a lease per tenant), and serve random valid commands on random tenants' random open tasks (acknowledge, progress and final reports, accept, return, extend) for the task's state; only the command is timed, not the lookup before it. **Projection lag**: from the moment the command's caller has its answer to the end of the first catch-up of the tenant's projection worker that reached the command's last position (both read from the machine's clock; a catch-up that ended first counts as 0). Ratios are to the first row of the same run. On a machine shared with other jobs a row's load average can move its figures more than its tenant count does (a ratio below 1 means the machine was quieter for that row): read the two together, and repeat a run before drawing a line through it.`,
    '',
    settings()
      .split('\n')
      .map((line) => `- ${line}`)
      .join('\n'),
    `- loading: ${events.toLocaleString('en-US')} events in ${(loadMs / 1000).toFixed(0)} s (${Math.round(events / (loadMs / 1000)).toLocaleString('en-US')} events/s, ${LOAD_LANES} tenants at once); of the tenants' time ${part('simulateMs')}% playing the year on a memory store, ${part('copyMs')}% copying it into the schema (\`test/bench/copyLog.ts\`, appends of about 2,000 events, each validated by the store), ${part('checkpointMs')}% the live checkpoint, ${part('projectMs')}% the read models`,
    '',
    table(rows),
    '',
    `Generated by \`${['node --import tsx test/bench/provinceScale.ts', ...args.filter((arg) => arg !== '--write-docs')].join(' ')}\`; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, a machine shared with other jobs (the load average column: 1-minute average two thirds into each row).`,
    '',
  ].join('\n');
}


console.log(`province scale: tenants ${ROWS.join(' → ')}\n${settings()}\n`);
const dir = mkdtempSync(join(tmpdir(), 'planlog-province-'));
const server = await startPostgres({ durable: true });
const stopAll = async () => {
  for (const child of running) child.kill();
  await server.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
};
process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
process.once('SIGTERM', () => void stopAll().then(() => process.exit(143)));
try {
  const admin = postgresStore({ connectionString: server.url, max: 1 }, { schema: 'province_admin' });
  await admin.pool.query(`ALTER SYSTEM SET synchronous_commit = ${COMMIT === 'async' ? 'off' : 'on'}`);
  await admin.pool.query('SELECT pg_reload_conf()');
  const shown = (await admin.pool.query<{ max_connections: string }>('SHOW max_connections')).rows[0]!.max_connections;
  await admin.close();
  if (Number(shown) < PROCESSES * POOL_MAX + PARENT_POOL) throw new Error(`max_connections ${shown} < ${PROCESSES * POOL_MAX + PARENT_POOL} the processes may open`);

  const rows: Row[] = [];
  const loaded: Loaded[] = [];
  const end = { at: new Date(0) };
  for (let r = 0; r < ROWS.length; r++) {
    const from = r === 0 ? 0 : ROWS[r - 1]!;
    console.log(`loading tenants ${tenantId(from)} … ${tenantId(ROWS[r]! - 1)}`);
    const loadedNow = await load(server, from, ROWS[r]!, end);
    loaded.push(loadedNow);
    console.log(`  ${loadedNow.events.toLocaleString('en-US')} events in ${(loadedNow.ms / 1000).toFixed(1)} s (${Math.round(loadedNow.events / (loadedNow.ms / 1000)).toLocaleString('en-US')} events/s)`);
    console.log(`measuring ${ROWS[r]} tenant(s) for ${DURATION_S} s …`);
    const { results, load: machineLoad } = await measure(server, ROWS[r]!, new Date(end.at.getTime() + 9 * 3_600_000), dir);
    const commands = results.flatMap((result) => result.commands);
    const { lag, unprojected } = lags(results);
    const refused = results.reduce((sum, result) => sum + Object.values(result.refused).reduce((a, b) => a + b, 0), 0);
    const refusedBy: Record<string, number> = {};
    for (const result of results) for (const [key, count] of Object.entries(result.refused)) refusedBy[key] = (refusedBy[key] ?? 0) + count;
    const db = await database(server, ROWS[r]!);
    const row: Row = {
      tenants: ROWS[r]!,
      eventsInDb: db.events,
      loadS: loadedNow.ms / 1000,
      loadRate: loadedNow.events / (loadedNow.ms / 1000),
      commands: commands.length,
      rate: commands.length / DURATION_S,
      latency: stats(commands.map((command) => command.ms)),
      lag: stats(lag),
      unprojected,
      refused,
      behind: results.reduce((sum, result) => sum + result.behind, 0),
      openS: Math.max(...results.map((result) => result.openMs)) / 1000,
      rssMB: Math.max(...results.map((result) => result.rssMB)),
      load: machineLoad,
      dbMB: db.mb,
    };
    rows.push(row);
    console.log(`  ${row.commands} commands, latency p50 ${ms(row.latency.p50)} ms, p99 ${ms(row.latency.p99)} ms; lag p50 ${ms(row.lag.p50)} ms, p99 ${ms(row.lag.p99)} ms; refused ${JSON.stringify(refusedBy)}; load average ${row.load}`);
  }
  const text = section(rows, loaded);
  console.log(`\n${text}`);
  if (args.includes('--write-docs')) {
    writePerformanceSection(text, { keepSubsections: true });
    console.log('docs/performance.md updated (## Province scale on PostgreSQL)');
  }
} finally {
  await stopAll();
}
