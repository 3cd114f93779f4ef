// Cold start and memory (issue 19): an engine opened on a log of --events events (default 1,000,000:
// --plans 100 plans, --tasks 10,000 tasks, then progress reports) serves its first getTask; with and
// without the live checkpoint beside the log; on SQLite, and on PostgreSQL unless --no-postgres. Then
// the heap after catching up, and again after 4 reports of --big-report-mb MB each (default 50).
//   node --import tsx test/bench/coldStart.ts [--events 1000000] [--plans 100] [--tasks 10000] [--big-report-mb 50] [--no-postgres] [--write-docs]
// A script that prints a table, not a test. Each measurement runs in a fresh process (node --expose-gc)
// so one's heap and caches do not help the next.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, manualClock, type StreamAppend, type EventStore, type NewEvent } from '../../packages/core/src/index.js';
import { postgresStore } from '../../packages/postgres/src/index.js';
import { sqliteStore } from '../../packages/sqlite/src/index.js';
import { writePerformanceSection } from './performanceDocs.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const text = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1]! : undefined;
};
const EVENTS = option('events', 1_000_000);
const PLANS = option('plans', 100);
const TASKS = option('tasks', 10_000);
const BIG_MB = option('big-report-mb', 50);
const at = '2026-04-10T02:00:00.000Z';
const issuer = { id: 'so-tu-phap', name: 'Sở Tư pháp' };
const units = ['phong-xay-dung-phap-luat', 'phong-pho-bien-giao-duc-phap-luat', 'thanh-tra-so', 'van-phong-so'].map((id) => ({ id, name: id }));
const deadline = { kind: 'quarter', year: 2026, quarter: 4 } as const;
const dueAt = '2026-12-31T17:00:00.000Z';
const leadOf = (task: number) => units[task % units.length]!;
const taskIdOf = (task: number) => `cold-task-${task}`;

function event(type: NewEvent['type'], data: unknown, unitId = issuer.id, recordedAt = at): NewEvent {
  const id = randomUUID();
  return { id, type, schemaVersion: 1, data, actor: { unitId }, commandId: id, causationId: null, correlationId: id, recordedAt } as NewEvent;
}

/** PLANS issued plans sharing TASKS assigned tasks, then progress reports round the tasks up to EVENTS events, appended in big batches. */
async function buildLog(store: EventStore): Promise<void> {
  const perPlan = Math.ceil(TASKS / PLANS);
  let written = 0;
  for (let p = 0, task = 0; p < PLANS; p++) {
    const planId = `cold-plan-${p}`;
    const plan: StreamAppend = {
      streamId: `plan-${planId}`,
      expectedVersion: 'no_stream',
      events: [event('plan.drafted', { planId, title: `Kế hoạch ${p}/KH-STP`, issuer, basis: [], objectives: [], requirements: [], reporting: [], recipients: [], timeZone: 'Asia/Ho_Chi_Minh', parentPlanId: null }), event('plan.issued', { number: `${p}/KH-STP`, issuedOn: '2026-04-10' })],
    };
    const tasks: StreamAppend[] = [];
    for (let i = 0; i < perPlan && task < TASKS; i++, task++) {
      const taskId = taskIdOf(task);
      const lead = leadOf(task);
      tasks.push({
        streamId: `task-${taskId}`,
        expectedVersion: 'no_stream',
        events: [event('task.added', { taskId, planId, ref: `II.${i + 1}`, title: `Nhiệm vụ ${i + 1} của kế hoạch ${p}`, lead, support: [], deadline, dueAt }), event('task.assigned', { lead, support: [], deadline, dueAt })],
      });
    }
    // The plan is drafted first, its tasks added and assigned after its issue (as the engine's issue does in one append).
    await store.appendMany([{ ...plan, events: [plan.events[0]!] }]);
    await store.appendMany([{ streamId: plan.streamId, expectedVersion: 1, events: [plan.events[1]!] }, ...tasks]);
    written += 2 + tasks.length * 2;
  }
  const versions = new Array<number>(TASKS).fill(2);
  let next = 0;
  while (written < EVENTS) {
    const batch: StreamAppend[] = [];
    for (let i = 0; i < 1_000 && written < EVENTS; i++, written++) {
      const task = next++ % TASKS;
      const progress = (versions[task]! * 7) % 100;
      batch.push({
        streamId: `task-${taskIdOf(task)}`,
        expectedVersion: versions[task]!++,
        events: [event('task.reported', { text: `Báo cáo tiến độ lần ${versions[task]! - 2}: đã triển khai ${progress}% khối lượng công việc.`, final: false, period: null, progress, requestId: null }, leadOf(task).id)],
      });
    }
    await store.appendMany(batch);
    if (written % 100_000 < 1_000) console.log(`  … ${written.toLocaleString('en-US')} events`);
  }
}

/** 4 reports of BIG_MB MB each on task 0 (appended as events: a command bounds a report's text). */
async function appendBigReports(store: EventStore): Promise<void> {
  const streamId = `task-${taskIdOf(0)}`;
  for (let i = 0; i < 4; i++) {
    const version = await store.streamVersion(streamId);
    const big = `Báo cáo lớn ${i} `.padEnd(BIG_MB * 1024 * 1024, String.fromCharCode(65 + i));
    await store.append(streamId, [event('task.reported', { text: big, final: false, period: null, progress: 50, requestId: null }, leadOf(0).id)], { expectedVersion: version });
  }
}

type Where = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema: string };
const open = (where: Where, readonly = false): EventStore =>
  where.kind === 'sqlite' ? sqliteStore({ file: where.file, ...(readonly ? { readonly } : {}) }) : postgresStore({ connectionString: where.url, max: 4 }, { schema: where.schema });

/** In a fresh process: open the store and an engine, time the first getTask; heap after a GC and RSS. */
async function measure(where: Where, checkpoints: boolean): Promise<{ ms: number; heapMB: number; rssMB: number }> {
  const t0 = performance.now();
  const store = open(where);
  const engine = createEngine({ store, clock: manualClock(at), checkpoints: checkpoints ? {} : false });
  await engine.getTask(taskIdOf(TASKS - 1));
  const ms = performance.now() - t0;
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  const result = { ms, heapMB: heapUsed / 2 ** 20, rssMB: rss / 2 ** 20 };
  await store.close();
  return result;
}

/** Run `measure` in a child process (best of `runs`). */
function measured(where: Where, checkpoints: boolean, runs = 2): { ms: number; heapMB: number; rssMB: number } {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), ...args, '--measure', JSON.stringify({ where, checkpoints })], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (child.status !== 0) throw new Error(`measuring failed: ${child.stderr}`);
    results.push(JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { ms: number; heapMB: number; rssMB: number });
  }
  return results.sort((a, b) => a.ms - b.ms)[0]!;
}

/** Write the checkpoint beside the log (what a running engine does in the background every 10,000 events). */
async function writeCheckpoint(where: Where): Promise<void> {
  const store = open(where);
  const engine = createEngine({ store, clock: manualClock(at), checkpoints: false });
  await engine.getTask(taskIdOf(0));
  const withCheckpoints = createEngine({ store, clock: manualClock(at) });
  await withCheckpoints.getTask(taskIdOf(0));
  await withCheckpoints.checkpoint();
  await store.close();
}

type Row = { store: string; what: string; ms: number; heapMB: number; rssMB: number; note?: string };

async function runOn(where: Where, label: string, rows: Row[]): Promise<void> {
  const t0 = performance.now();
  const store = open(where);
  await buildLog(store);
  await store.close();
  console.log(`${label}: log of ${EVENTS.toLocaleString('en-US')} events built in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const full = measured(where, false);
  rows.push({ store: label, what: 'first getTask, full fold (no checkpoint)', ...full });
  console.log(`  full fold: ${full.ms.toFixed(0)} ms, heap ${full.heapMB.toFixed(0)} MB, RSS ${full.rssMB.toFixed(0)} MB`);
  await writeCheckpoint(where);
  const resumed = measured(where, true);
  rows.push({ store: label, what: 'first getTask, from the checkpoint', ...resumed });
  console.log(`  from checkpoint: ${resumed.ms.toFixed(0)} ms, heap ${resumed.heapMB.toFixed(0)} MB, RSS ${resumed.rssMB.toFixed(0)} MB`);
  if (where.kind === 'sqlite' && BIG_MB > 0) {
    const big = open(where);
    await appendBigReports(big);
    await big.close();
    const after = measured(where, false);
    rows.push({ store: label, what: `full fold, after 4 reports of ${BIG_MB} MB`, ...after, note: `heap ${after.heapMB >= full.heapMB ? '+' : '−'}${Math.abs(after.heapMB - full.heapMB).toFixed(1)} MB beside the same log without them (RSS holds the texts read while folding)` });
    console.log(`  after 4 × ${BIG_MB} MB reports: heap ${after.heapMB.toFixed(0)} MB`);
  }
}

function section(rows: Row[]): string {
  return [
    '## Cold start',
    '',
    `An engine opened on a log of ${EVENTS.toLocaleString('en-US')} events (${PLANS} issued plans, ${TASKS.toLocaleString('en-US')} assigned tasks, the rest progress reports of ~80 characters) serving its first \`getTask\`: the time from opening the store, the heap after a GC and the RSS, each in a fresh process (best of 2). "From the checkpoint": the live state saved beside the log (\`engine.checkpoint()\`, or every 10,000 events in the background) is loaded and the tail folded. The live state keeps no report text, so 4 reports of ${BIG_MB} MB add only their records to the heap. Generated by \`node --import tsx test/bench/coldStart.ts --write-docs\`; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, a machine shared with other jobs.`,
    '',
    '| store | what | first getTask | heap | RSS | note |',
    '| --- | --- | ---: | ---: | ---: | --- |',
    ...rows.map((row) => `| ${row.store} | ${row.what} | ${(row.ms / 1000).toFixed(2)} s | ${row.heapMB.toFixed(0)} MB | ${row.rssMB.toFixed(0)} MB | ${row.note ?? ''} |`),
    '',
  ].join('\n');
}


const job = text('measure');
if (job !== undefined) {
  const { where, checkpoints } = JSON.parse(job) as { where: Where; checkpoints: boolean };
  console.log(JSON.stringify(await measure(where, checkpoints)));
} else {
  const rows: Row[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'planlog-cold-'));
  try {
    await runOn({ kind: 'sqlite', file: join(dir, 'cold.db') }, 'SQLite', rows);
    if (!args.includes('--no-postgres')) {
      const { startPostgres } = await import('../../packages/postgres/test/startPostgres.js');
      const server = await startPostgres({ durable: false });
      try {
        await runOn({ kind: 'postgres', url: server.url, schema: server.freshSchema('cold') }, 'PostgreSQL', rows);
      } finally {
        await server.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const text = section(rows);
  console.log(text);
  if (args.includes('--write-docs')) {
    writePerformanceSection(text);
    console.log('docs/performance.md updated (## Cold start)');
  }
}
