// Benchmark of engine.tick() over many open tasks in plans that have a reporting regime, beside the
// same log without one (issue 15, "Ticks in O(due)").
//   node --import tsx test/bench/tick.ts [--plans 2500] [--tasks-per-plan 40] [--write-docs]
// A script that prints a table, not a test. The store is the memory store, so the figures are the
// engine's own work (finding what is due, deciding it, appending and folding it back) without a disk.
import { randomUUID } from 'node:crypto';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { createEngine, manualClock, memoryStore, type StreamAppend, type EventStore, type NewEvent, type ReportingRule } from '../../packages/core/src/index.js';
import { writePerformanceSection } from './performanceDocs.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const PLANS = option('plans', 2_500);
const PER_PLAN = option('tasks-per-plan', 40);
const OPEN_TASKS = PLANS * PER_PLAN;
const REGIME: ReportingRule[] = [{ period: 'half' }, { period: 'year' }, { period: 'quarter' }];

// 100 tasks due at the end of each of these days (local time), the other open tasks at the end of the
// year: a tick at each day's end finds exactly 100 tasks newly overdue. No reporting period opens and
// no report falls due between the first tick and the last (Q2 and H1 reports are due on 20 June).
const SOON_DAYS = ['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05', '2026-06-06', '2026-06-07', '2026-06-08', '2026-06-09', '2026-06-10'];
const LATER = '2026-12-31';
const DUE_NOW = 100;
const step = Math.ceil(OPEN_TASKS / (DUE_NOW * SOON_DAYS.length));
const dueOn = (task: number) => (task % step === 0 ? SOON_DAYS[(task / step) % SOON_DAYS.length]! : LATER);

const at = '2026-04-10T02:00:00.000Z';
const issuer = { id: 'so-tu-phap', name: 'Sở Tư pháp' };
const units = ['phong-xay-dung-phap-luat', 'phong-pho-bien-giao-duc-phap-luat', 'thanh-tra-so', 'van-phong-so'].map((id) => ({ id, name: id }));

function event(type: NewEvent['type'], data: unknown, unitId = issuer.id): NewEvent {
  const id = randomUUID();
  return { id, type, schemaVersion: 1, data, actor: { unitId }, commandId: id, causationId: null, correlationId: id, recordedAt: at } as NewEvent;
}

/** PLANS issued plans of PER_PLAN assigned tasks each, with the regime or none. */
async function buildStore(reporting: ReportingRule[]): Promise<EventStore> {
  const store = memoryStore();
  let task = 0;
  for (let p = 0; p < PLANS; p++) {
    const planId = `bench-plan-${p}`;
    const appends: StreamAppend[] = [];
    appends.push({
      streamId: `plan-${planId}`,
      expectedVersion: 'no_stream',
      events: [
        event('plan.drafted', { planId, title: `Kế hoạch ${p}/KH-STP`, issuer, basis: [], objectives: [], requirements: [], reporting, recipients: [], timeZone: 'Asia/Ho_Chi_Minh', parentPlanId: null }),
      ],
    });
    const tasks: { taskId: string; on: string; lead: (typeof units)[number] }[] = [];
    for (let i = 0; i < PER_PLAN; i++, task++) tasks.push({ taskId: `bench-task-${task}`, on: dueOn(task), lead: units[task % units.length]! });
    for (const [i, { taskId, on, lead }] of tasks.entries()) {
      const dueAt = new Date(`${on}T17:00:00.000Z`).toISOString();
      appends.push({ streamId: `task-${taskId}`, expectedVersion: 'no_stream', events: [event('task.added', { taskId, planId, ref: `II.${i + 1}`, title: `Nhiệm vụ ${i + 1}`, lead, support: [], deadline: { kind: 'date', on }, dueAt })] });
    }
    await store.appendMany(appends);
    await store.append(`plan-${planId}`, [event('plan.issued', { number: `${p}/KH-STP`, issuedOn: '2026-04-10' })], { expectedVersion: 1 });
    await store.appendMany(
      tasks.map(({ taskId, on, lead }) => ({
        streamId: `task-${taskId}`,
        expectedVersion: 1,
        events: [event('task.assigned', { lead, support: [], deadline: { kind: 'date', on }, dueAt: new Date(`${on}T17:00:00.000Z`).toISOString() })],
      })),
    );
  }
  return store;
}

type Timing = { wall: number; cpu: number };
async function timed(run: () => Promise<unknown>): Promise<Timing> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  const wall = performance.now() - t0;
  const { user, system } = process.cpuUsage(cpu0);
  return { wall, cpu: (user + system) / 1000 };
}
const median = (timings: Timing[]) => [...timings].sort((a, b) => a.wall - b.wall)[Math.floor(timings.length / 2)]!;
const slowest = (timings: Timing[]) => Math.max(...timings.map((t) => t.wall));

type Run = { build: number; opening: { timing: Timing; appended: number } | null; none: Timing[]; due: Timing[] };

/** An engine over the log, folded, with the periods that had opened before the first tick requested. */
async function ready(reporting: ReportingRule[]) {
  const store = await buildStore(reporting);
  const clock = manualClock('2026-05-15T01:00:00Z');
  const engine = createEngine({ store, clock });
  const build = await timed(() => engine.getTask('bench-task-1')); // folds the log: not part of a tick
  // The first tick opens the periods that opened before it (Q2, H1 and the year 2026: one
  // report.requested each per plan); timed on its own, since it is due work for every plan.
  let opened = 0;
  const first = await timed(async () => {
    opened = (await engine.tick()).length;
  });
  if (opened !== PLANS * reporting.length) throw new Error(`the first tick appended ${opened} events, not ${PLANS * reporting.length}`);
  const run: Run = { build: build.wall, opening: reporting.length > 0 ? { timing: first, appended: opened } : null, none: [], due: [] };
  return { store, clock, engine, run };
}

/** Both logs' ticks taking turns (so a busy machine's drift hits both alike): nothing due, then 100 due. */
async function runTicks(): Promise<{ without: Run; withRegime: Run }> {
  process.stderr.write(`  ${fmt(OPEN_TASKS)} open tasks in ${fmt(PLANS)} plans, without a reporting regime\n`);
  const plain = await ready([]);
  process.stderr.write(`  the same with half/year/quarter reporting\n`);
  const regime = await ready(REGIME);
  for (let hour = 2; hour < 2 + SOON_DAYS.length; hour++) {
    for (const { clock, engine, run } of [plain, regime]) {
      clock.set(`2026-05-15T${String(hour).padStart(2, '0')}:00:00Z`);
      run.none.push(await timed(async () => {
        const appended = await engine.tick();
        if (appended.length !== 0) throw new Error(`nothing should be due yet, ${appended.length} events appended`);
      }));
    }
  }
  for (const day of SOON_DAYS) {
    for (const { clock, engine, run } of [plain, regime]) {
      clock.set(`${day}T17:00:00Z`); // the next day 00:00 local: that day's 100 tasks are late
      let appended = 0;
      run.due.push(await timed(async () => {
        appended = (await engine.tick()).length;
      }));
      if (appended !== DUE_NOW) throw new Error(`tick at the end of ${day} appended ${appended} events, not ${DUE_NOW}`);
    }
  }
  await plain.store.close();
  await regime.store.close();
  return { without: plain.run, withRegime: regime.run };
}

function machineFacts(): string {
  return `node ${process.version}, ${availableParallelism()} CPUs (nproc), ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${process.platform}/${process.arch}; 1-minute load average ${loadavg()[0]!.toFixed(1)} when the run started`;
}

const facts = machineFacts();
console.log(`tick bench: ${facts}`);
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const { without, withRegime } = await runTicks();

const TARGET_MS = 5;
const rows = [
  { workload: 'none due', without: median(without.none), with: median(withRegime.none), slow: slowest(withRegime.none) },
  { workload: `${DUE_NOW} due (${DUE_NOW} task.overdue appended)`, without: median(without.due), with: median(withRegime.due), slow: slowest(withRegime.due) },
];
const section = [
  '## Tick',
  '',
  `\`engine.tick()\` over ${fmt(OPEN_TASKS)} open tasks (assigned, lead named) in ${fmt(PLANS)} issued plans of ${PER_PLAN} tasks, on the memory store (the engine's own work: finding what is due, deciding it with the machines, appending it and folding it back). The same log twice in one run, their ticks taking turns: plans with a reporting regime (half-year, year and quarter, as every seed plan has one) and plans without. Generated by \`node --import tsx test/bench/tick.ts --write-docs\` (also run by \`pnpm bench\`). Times are wall time (CPU time of the process in brackets), the median of ${SOON_DAYS.length} ticks after the log was folded (${(withRegime.build / 1000).toFixed(1)} s, not timed); ratio = with regime / without.`,
  '',
  `Machine: ${facts}.`,
  '',
  '| tick | without regime ms (CPU ms) | half/year/quarter ms (CPU ms) | ratio (CPU) | target | met | note |',
  '| --- | ---: | ---: | ---: | --- | --- | --- |',
  ...rows.map((row) => {
    const ratio = row.with.wall / row.without.wall;
    const met = row.with.wall < TARGET_MS && ratio <= 2;
    return `| ${row.workload} | ${row.without.wall.toFixed(2)} (${row.without.cpu.toFixed(2)}) | ${row.with.wall.toFixed(2)} (${row.with.cpu.toFixed(2)}) | ${ratio.toFixed(2)} (${(row.with.cpu / row.without.cpu).toFixed(2)}) | < ${TARGET_MS} ms, ≤ 2× without | ${met ? 'yes' : '**no**'} | slowest with regime ${row.slow.toFixed(2)} ms |`;
  }),
  '',
  withRegime.opening
    ? `The first tick after the log was written opens the periods that had opened by then (Quý II, 6 tháng đầu năm and Năm 2026 for each plan): ${fmt(withRegime.opening.appended)} \`report.requested\` in ${withRegime.opening.timing.wall.toFixed(0)} ms. That is due work for every plan, done once per period.`
    : '',
  '',
].join('\n');
console.log(section);

if (args.includes('--write-docs')) {
  writePerformanceSection(section, { before: '## SQLite store' });
  console.log('docs/performance.md updated (## Tick)');
}
