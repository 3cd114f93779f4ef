// Benchmark of @planlog/sqlite beside raw better-sqlite3 doing the same work in the same run (issue 4, item 7).
//   node --import tsx test/bench/sqlite.ts [--events 1000000] [--open-tasks 100000] [--quick] [--only appends,read,rebuild,tick] [--write-docs]
// A script that prints a table, not a test. The 1M-event log and the 100k-open-task log are generated
// once into the temp directory (planlog-bench-*.db) and reused by later runs.
// Raw better-sqlite3 runs on the same schema (the store's own tables) with the same SQL per append
// (stream version, head, command id, inserts) but no zod, no hash chain and no promises.
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execSync } from 'node:child_process';
import {
  createEngine,
  manualClock,
  ProjectionRunner,
  taskRegister,
  type NewEvent,
  type StoredEvent,
} from '../../packages/core/src/index.js';
// LiveState is internal to core: imported by path to time the fold on its own.
import { LiveState } from '../../packages/core/src/state/LiveState.js';
import { sqliteReadModels, sqliteStore } from '../../packages/sqlite/src/index.js';
import { tablesSql } from '../../packages/sqlite/src/schema/tables.js';
import { buildLog } from './replay.js';
import { writePerformanceSection } from './performanceDocs.js';

// better-sqlite3 is a dependency of @planlog/sqlite, not of this folder: load it from there.
const Database = createRequire(new URL('../../packages/sqlite/package.json', import.meta.url))('better-sqlite3') as typeof import('../../packages/sqlite/node_modules/@types/better-sqlite3');
type DB = import('../../packages/sqlite/node_modules/@types/better-sqlite3').Database;

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const quick = args.includes('--quick');
const LOG_EVENTS = option('events', quick ? 50_000 : 1_000_000);
const OPEN_TASKS = option('open-tasks', quick ? 10_000 : 100_000);
const SINGLE = quick ? 400 : 2_000;
const GROUP_EVENTS = quick ? 2_000 : 10_000;
const BATCHES = quick ? 4 : 20;
const READ_EVENTS = Math.min(LOG_EVENTS, quick ? 50_000 : 200_000);
const work = tmpdir();

// ---------------------------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------------------------

type Timing = { wall: number; cpu: number };
async function timed(run: () => Promise<unknown> | unknown): Promise<Timing> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  const wall = (performance.now() - t0) / 1000;
  const { user, system } = process.cpuUsage(cpu0);
  return { wall, cpu: (user + system) / 1e6 };
}
/** Best (shortest wall) of `repeats` runs, raw and planlog alternating so drift on a busy box hits both. */
async function pair(repeats: number, raw: () => Promise<unknown> | unknown, planlog: () => Promise<unknown> | unknown) {
  let best = { raw: { wall: Infinity, cpu: Infinity }, planlog: { wall: Infinity, cpu: Infinity } };
  for (let i = 0; i < repeats; i++) {
    const r = await timed(raw);
    const p = await timed(planlog);
    best = { raw: r.wall < best.raw.wall ? r : best.raw, planlog: p.wall < best.planlog.wall ? p : best.planlog };
  }
  return best;
}

type Row = { workload: string; unit: string; count: number; raw: Timing | null; planlog: Timing; target: string; met: boolean | null; note?: string };
const rows: Row[] = [];
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const rate = (count: number, t: Timing) => count / t.wall;
const cpuNote = (count: number, t: { raw: Timing; planlog: Timing }) =>
  `CPU per append: raw ${((t.raw.cpu / count) * 1e6).toFixed(0)} µs, planlog ${((t.planlog.cpu / count) * 1e6).toFixed(0)} µs`;

// ---------------------------------------------------------------------------------------------
// Events and the raw store
// ---------------------------------------------------------------------------------------------

function progressReport(commandId: string, index: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'task.reported',
    schemaVersion: 1,
    data: { text: `Đã triển khai kế hoạch đến các phòng, ban; hoàn thành ${index % 100}% khối lượng công việc quý II`, final: false, period: 'Quý II/2026', progress: index % 100, requestId: null },
    actor: { unitId: 'phong-xay-dung-phap-luat', userId: 'nguyen-van-a' },
    commandId,
    causationId: null,
    correlationId: commandId,
    recordedAt: '2026-05-20T03:00:00.000Z',
  } as NewEvent;
}

function openFile(file: string, synchronous = 'FULL'): DB {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  return db;
}

/** Raw better-sqlite3 on the store's tables: per append the same reads and inserts (the event as JSON.stringify writes it), without validation or hashing. */
function rawStore(db: DB) {
  db.exec(tablesSql);
  const version = db.prepare('SELECT coalesce(max(version), 0) FROM planlog_events WHERE stream_id = ?').pluck();
  const head = db.prepare('SELECT position FROM planlog_events ORDER BY position DESC LIMIT 1').pluck();
  const known = db.prepare('SELECT 1 FROM planlog_commands WHERE command_id = ?').pluck();
  const insert = db.prepare(
    'INSERT INTO planlog_events (position, stream_id, version, command_id, event, hash) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const command = db.prepare('INSERT INTO planlog_commands (command_id, first_position, last_position) VALUES (?, ?, ?)');
  const HASH = 'f'.repeat(64);
  /** One append (inside a transaction): check the version and command id, insert the rows. */
  const append = (streamId: string, events: readonly NewEvent[], expected: number) => {
    let v = version.get(streamId) as number;
    if (v !== expected) throw new Error(`conflict on ${streamId}`);
    if (known.get(events[0]!.commandId) !== undefined) throw new Error('command id reused');
    let position = ((head.get() as number | undefined) ?? 0) + 0;
    const first = position + 1;
    for (const e of events) {
      insert.run(++position, streamId, ++v, e.commandId, JSON.stringify({ ...e, streamId, version: v }), HASH);
    }
    command.run(events[0]!.commandId, first, position);
  };
  return { append, one: db.transaction(append).immediate, many: db.transaction((batch: [string, NewEvent[], number][]) => batch.forEach((b) => append(...b))).immediate };
}

const fresh = (name: string) => {
  const file = join(work, `planlog-bench-${name}-${process.pid}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  return file;
};
const remove = (file: string) => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
};

// ---------------------------------------------------------------------------------------------
// Appends
// ---------------------------------------------------------------------------------------------

async function benchAppends() {
  // Single-event appends, one after another, durable (FULL) and for comparison NORMAL. Each sync waits
  // on the disk, whose speed drifts a lot on a shared machine: raw and planlog take turns in chunks of
  // appends, so a slow spell of the disk slows both alike.
  for (const synchronous of ['FULL', 'NORMAL'] as const) {
    const rawFile = fresh(`raw-single-${synchronous}`);
    const file = fresh(`single-${synchronous}`);
    const db = openFile(rawFile, synchronous);
    const raw = rawStore(db);
    const store = sqliteStore({ file, synchronous });
    const t = { raw: { wall: 0, cpu: 0 }, planlog: { wall: 0, cpu: 0 } };
    const add = (into: Timing, what: Timing) => {
      into.wall += what.wall;
      into.cpu += what.cpu;
    };
    const chunk = SINGLE / 20;
    for (let from = 0; from < SINGLE; from += chunk) {
      add(t.raw, await timed(() => {
        for (let i = from; i < from + chunk; i++) raw.one('task-single', [progressReport(randomUUID(), i)], i);
      }));
      add(t.planlog, await timed(async () => {
        for (let i = from; i < from + chunk; i++) await store.append('task-single', [progressReport(randomUUID(), i)], { expectedVersion: i });
      }));
    }
    db.close();
    await store.close();
    remove(rawFile);
    remove(file);
    rows.push(
      synchronous === 'FULL'
        ? { workload: 'single-event durable append, sequential awaits', unit: 'events/s', count: SINGLE, ...t, target: '≥ 5,000 events/s', met: rate(SINGLE, t.planlog) >= 5_000, note: cpuNote(SINGLE, t) }
        : { workload: 'the same with `synchronous=NORMAL` (not durable against power loss; for comparison)', unit: 'events/s', count: SINGLE, ...t, target: '—', met: null, note: cpuNote(SINGLE, t) },
    );
  }

  // 100 concurrent appenders, each appending single events one after another: group commit.
  {
    const perAppender = GROUP_EVENTS / 100;
    let commits = 0;
    let rawFile = '', file = '';
    const t = await pair(
      2,
      () => {
        rawFile = fresh('raw-group');
        const db = openFile(rawFile);
        const raw = rawStore(db);
        // The same grouping without promises: 100 appends (one per appender) per transaction.
        for (let round = 0; round < perAppender; round++) {
          raw.many(Array.from({ length: 100 }, (_, a) => [`task-g${a}`, [progressReport(randomUUID(), round)], round] as [string, NewEvent[], number]));
        }
        db.close();
      },
      async () => {
        file = fresh('group');
        commits = 0;
        const store = sqliteStore({ file, onCommit: () => commits++ });
        await Promise.all(
          Array.from({ length: 100 }, async (_, a) => {
            for (let round = 0; round < perAppender; round++) await store.append(`task-g${a}`, [progressReport(randomUUID(), round)], { expectedVersion: round });
          }),
        );
        await store.close();
      },
    );
    remove(rawFile);
    remove(file);
    rows.push({
      workload: 'single-event appends, 100 concurrent appenders (group commit)',
      unit: 'events/s',
      count: GROUP_EVENTS,
      ...t,
      target: '—',
      met: null,
      note: `${commits} commits (raw: ${perAppender}, 100 appends each)`,
    });
  }

  // Batched: 1,000 events per append.
  {
    const batches = Array.from({ length: BATCHES }, () => {
      const commandId = randomUUID();
      return Array.from({ length: 1_000 }, (_, i) => progressReport(commandId, i));
    });
    let rawFile = '', file = '';
    const t = await pair(
      3,
      () => {
        rawFile = fresh('raw-batch');
        const db = openFile(rawFile);
        const raw = rawStore(db);
        batches.forEach((events, b) => raw.one('task-batch', events.map((e) => ({ ...e, id: randomUUID() })), b * 1_000));
        db.close();
      },
      async () => {
        file = fresh('batch');
        const store = sqliteStore({ file });
        for (const [b, events] of batches.entries()) await store.append('task-batch', events, { expectedVersion: b * 1_000 });
        await store.close();
      },
    );
    remove(rawFile);
    remove(file);
    const ratio = rate(BATCHES * 1000, t.planlog) / rate(BATCHES * 1000, t.raw);
    rows.push({ workload: 'batched append, 1,000 events per append', unit: 'events/s', count: BATCHES * 1_000, ...t, target: '≥ 70% of raw', met: ratio >= 0.7, note: cpuNote(BATCHES * 1_000, t).replace('append', 'event') });
  }
}

// ---------------------------------------------------------------------------------------------
// The 1M-event log: read, rebuild
// ---------------------------------------------------------------------------------------------

/** Write a log through the store's appendMany in big groups (synchronous OFF while generating). */
async function writeLog(file: string, events: Iterable<NewEvent & { streamId: string }>, total: number, label: string) {
  const tmp = `${file}.partial`;
  remove(tmp);
  const store = sqliteStore({ file: tmp, synchronous: 'OFF' });
  let pending: Promise<unknown>[] = [];
  let batch: { streamId: string; events: NewEvent[]; expectedVersion: 'any' }[] = [];
  let inBatch = new Map<string, number>();
  let written = 0;
  const t0 = performance.now();
  for (const { streamId, ...event } of events) {
    let at = inBatch.get(streamId);
    if (at === undefined) {
      if (batch.length >= 200) {
        pending.push(store.appendMany(batch));
        batch = [];
        inBatch = new Map();
      }
      at = batch.length;
      inBatch.set(streamId, at);
      batch.push({ streamId, events: [], expectedVersion: 'any' });
    }
    batch[at]!.events.push(event as NewEvent);
    written++;
    if (pending.length >= 50) {
      await Promise.all(pending); // 50 appendMany calls in one group commit
      pending = [];
      if (written % 100_000 < 10_000) process.stderr.write(`\r  ${label}: ${fmt(written)} / ${fmt(total)} events written (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
  }
  if (batch.length) pending.push(store.appendMany(batch));
  await Promise.all(pending);
  await store.close();
  process.stderr.write(`\r  ${label}: ${fmt(written)} events written in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(tmp + suffix)) copyFileSync(tmp + suffix, file + suffix);
  remove(tmp);
}

/**
 * The replay bench's log (plans of 10–50 tasks, each task living a plausible life), written in the
 * order of its positions. The appendMany groups keep that order, since a group never names a stream twice.
 */
async function bigLog(): Promise<string> {
  const file = join(work, `planlog-bench-log-${LOG_EVENTS}.db`);
  if (existsSync(file)) {
    const store = sqliteStore({ file });
    const head = await store.headPosition();
    await store.close();
    if (head === LOG_EVENTS) return file;
  }
  remove(file);
  process.stderr.write(`  generating a ${fmt(LOG_EVENTS)}-event log into ${file} (once)\n`);
  const log = buildLog(LOG_EVENTS);
  function* events() {
    // The replay bench's ids are not UUIDs (it never validates them); the store wants uuids.
    for (const { version: _v, position: _p, hash: _h, ...event } of log) yield { ...event, id: randomUUID() } as NewEvent & { streamId: string };
  }
  await writeLog(file, events(), LOG_EVENTS, 'log');
  return file;
}

async function benchRead(file: string) {
  const pageSize = 1_000;
  let rawCount = 0;
  let count = 0;
  const db = new Database(file, { readonly: true });
  // Rows as arrays, as the store reads them (better-sqlite3's raw()); objects would cost more than the read.
  const page = db.prepare('SELECT position, stream_id, version, command_id, event, hash FROM planlog_events WHERE position >= ? ORDER BY position LIMIT ?').raw();
  const store = sqliteStore({ file });
  const t = await pair(
    3,
    () => {
      rawCount = 0;
      for (let next = 1; rawCount < READ_EVENTS; ) {
        const rows = page.all(next, pageSize) as unknown[][];
        for (const row of rows) {
          const event = JSON.parse(row[4] as string) as Record<string, unknown>;
          event.position = row[0];
          event.hash = row[5];
          if (++rawCount >= READ_EVENTS || event.position === 0) break;
        }
        if (rows.length < pageSize) break;
        next = (rows.at(-1)![0] as number) + 1;
      }
    },
    async () => {
      count = 0;
      for await (const _event of store.readAll()) if (++count >= READ_EVENTS) break;
    },
  );
  db.close();
  await store.close();
  const ratio = t.raw.wall / t.planlog.wall;
  rows.push({ workload: `readAll + zod parse (raw: SELECT + JSON.parse), first ${fmt(READ_EVENTS)} events of the log`, unit: 'events/s', count: READ_EVENTS, ...t, target: '≥ 80% of raw', met: ratio >= 0.8 });
}

/** Rebuild of the task register from the whole log, and raw better-sqlite3 folding the same rows by hand. */
async function benchRebuild(file: string) {
  const store = sqliteStore({ file });
  const readModels = sqliteReadModels(store);
  // From position 0: the table emptied and its checkpoint reset beforehand (not timed), then one catch-up.
  // (`runner.rebuild()` on a fresh runner would first fold the whole log once more to catch up.)
  await readModels.prepare([taskRegister]);
  await readModels.reset('task_register');
  const runner = new ProjectionRunner({ store, readModels, projections: [taskRegister] });
  const planlog = await timed(() => runner.catchUp());
  const taskRows = (store.database.prepare('SELECT count(*) FROM rm_task_register').pluck().get() as number);

  // Raw: the same read, a hand-written fold of the rows the task register keeps, upserts in batches of 5,000.
  const db = store.database;
  db.exec('DROP TABLE IF EXISTS bench_raw_tasks; CREATE TABLE bench_raw_tasks (task_id TEXT PRIMARY KEY, plan_id TEXT, ref TEXT, title TEXT, state TEXT, lead_id TEXT, lead_name TEXT, support TEXT, due_at TEXT, overdue INTEGER, outcome TEXT, progress REAL, last_report_at TEXT, last_report_text TEXT, updated_at TEXT, version INTEGER) WITHOUT ROWID');
  const upsert = db.prepare(
    'INSERT INTO bench_raw_tasks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (task_id) DO UPDATE SET plan_id = excluded.plan_id, ref = excluded.ref, title = excluded.title, state = excluded.state, lead_id = excluded.lead_id, lead_name = excluded.lead_name, support = excluded.support, due_at = excluded.due_at, overdue = excluded.overdue, outcome = excluded.outcome, progress = excluded.progress, last_report_at = excluded.last_report_at, last_report_text = excluded.last_report_text, updated_at = excluded.updated_at, version = excluded.version',
  );
  const page = db.prepare('SELECT position, stream_id, version, event FROM planlog_events WHERE position >= ? ORDER BY position LIMIT 1000');
  const write = db.transaction((batch: unknown[][]) => batch.forEach((values) => upsert.run(...values)));
  const raw = await timed(() => {
    type T = { planId: string; ref: string | null; title: string; state: string; lead: { id: string; name: string } | null; support: unknown[]; dueAt: string | null; overdue: boolean; outcome: string | null; progress: number | null; lastAt: string | null; lastText: string | null };
    const tasks = new Map<string, T>();
    let batch: unknown[][] = [];
    for (let next = 1; ; ) {
      const rowsRead = page.all(next) as { position: number; stream_id: string; version: number; event: string }[];
      const events = rowsRead.map((row) => {
        const parsed = JSON.parse(row.event) as { type: string; data: unknown; recordedAt: string };
        return { position: row.position, stream_id: row.stream_id, version: row.version, type: parsed.type, data: parsed.data, recorded_at: parsed.recordedAt };
      });
      for (const e of events) {
        if (!e.type.startsWith('task.')) continue;
        const d = e.data as any;
        const id = e.stream_id.slice(5);
        let t = tasks.get(id)!;
        switch (e.type) {
          case 'task.added': t = { planId: d.planId, ref: d.ref, title: d.title, state: 'added', lead: d.lead, support: d.support, dueAt: d.dueAt, overdue: false, outcome: null, progress: null, lastAt: null, lastText: null }; tasks.set(id, t); break;
          case 'task.assigned': t.state = 'assigned'; t.lead = d.lead; t.support = d.support; t.dueAt = d.dueAt; break;
          case 'task.acknowledged': t.state = 'acknowledged'; break;
          case 'task.reported': t.state = d.final ? 'submitted' : t.state === 'submitted' ? t.state : 'in_progress'; t.progress = d.progress ?? t.progress; t.lastAt = e.recorded_at; t.lastText = d.text; if (d.final) t.outcome = t.dueAt !== null && e.recorded_at >= t.dueAt ? 'late' : 'on_time'; break;
          case 'task.report_accepted': t.state = 'completed'; break;
          case 'task.report_returned': t.state = 'in_progress'; t.outcome = null; break;
          case 'task.deadline_extended': t.dueAt = d.dueAt; t.overdue = false; break;
          case 'task.reassigned': t.state = 'assigned'; t.lead = d.lead; t.support = d.support; break;
          case 'task.cancelled': t.state = 'cancelled'; break;
          case 'task.overdue': t.overdue = true; break;
        }
        batch.push([id, t.planId, t.ref, t.title, t.state, t.lead?.id ?? null, t.lead?.name ?? null, JSON.stringify(t.support), t.dueAt, t.overdue ? 1 : 0, t.outcome, t.progress, t.lastAt, t.lastText, e.recorded_at, e.version]);
        if (batch.length >= 5_000) {
          write(batch);
          batch = [];
        }
      }
      if (events.length < 1000) break;
      next = events.at(-1)!.position + 1;
    }
    write(batch);
  });
  db.exec('DROP TABLE bench_raw_tasks');

  // Where the time goes, on the first 100,000 events: reading, folding through the machines, the projection.
  const sample = Math.min(100_000, LOG_EVENTS);
  const events: StoredEvent[] = [];
  const read = await timed(async () => {
    for await (const event of store.readAll()) if (events.push(event) >= sample) break;
  });
  const fold = await timed(() => {
    const live = new LiveState();
    for (const event of events) live.fold(event);
  });
  await store.close();
  const perEvent = (t: Timing) => (t.wall / sample) * 1e6;
  rows.push({
    workload: `rebuild of the task register from ${fmt(LOG_EVENTS)} events (${fmt(taskRows)} tasks)`,
    unit: 's',
    count: LOG_EVENTS,
    raw,
    planlog,
    target: '< 10 s',
    met: planlog.wall < 10,
    note: `${((planlog.wall / LOG_EVENTS) * 1e6).toFixed(1)} µs an event in all; on the first ${fmt(sample)} alone: readAll (SQL, JSON, zod) ${perEvent(read).toFixed(1)} µs, LiveState fold ${perEvent(fold).toFixed(1)} µs; the rest is views, the projection and the row writes`,
  });
}

// ---------------------------------------------------------------------------------------------
// tick() over 100,000 open tasks
// ---------------------------------------------------------------------------------------------

// 100 tasks due at the end of each of these days (local time), the other open tasks at the end of the year:
// a tick at each day's end finds exactly 100 tasks newly overdue.
const SOON_DAYS = ['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05'];
const TICK_LATER = '2026-12-31';
const DUE_NOW = 100;
const dueOn = (task: number) => {
  const step = Math.ceil(OPEN_TASKS / (DUE_NOW * SOON_DAYS.length));
  return task % step === 0 ? SOON_DAYS[(task / step) % SOON_DAYS.length]! : TICK_LATER;
};
const median = (timings: Timing[]) => [...timings].sort((a, b) => a.wall - b.wall)[Math.floor(timings.length / 2)]!;
const slowest = (timings: Timing[]) => Math.max(...timings.map((t) => t.wall));

async function tickLog(): Promise<string> {
  const file = join(work, `planlog-bench-open-${OPEN_TASKS}-v2.db`);
  const perPlan = 1_000;
  const plans = Math.ceil(OPEN_TASKS / perPlan);
  const total = plans * 2 + OPEN_TASKS * 2;
  if (existsSync(file)) {
    const store = sqliteStore({ file });
    const head = await store.headPosition();
    await store.close();
    if (head === total) return file;
  }
  remove(file);
  process.stderr.write(`  generating ${fmt(OPEN_TASKS)} open tasks into ${file} (once)\n`);
  const at = '2026-04-10T02:00:00.000Z';
  const issuer = { id: 'so-tu-phap', name: 'Sở Tư pháp' };
  const units = ['phong-xay-dung-phap-luat', 'phong-pho-bien-giao-duc-phap-luat', 'thanh-tra-so', 'van-phong-so'].map((id) => ({ id, name: id }));
  const event = (streamId: string, type: NewEvent['type'], data: unknown, unitId = issuer.id) => {
    const id = randomUUID();
    return { streamId, id, type, schemaVersion: 1, data, actor: { unitId }, commandId: id, causationId: null, correlationId: id, recordedAt: at } as NewEvent & { streamId: string };
  };
  function* events() {
    let task = 0;
    for (let p = 0; p < plans; p++) {
      const planId = `bench-plan-${p}`;
      yield event(`plan-${planId}`, 'plan.drafted', {
        planId, title: `Kế hoạch ${p}/KH-STP`, issuer, basis: [], objectives: [], requirements: [], reporting: [], recipients: [], timeZone: 'Asia/Ho_Chi_Minh', parentPlanId: null,
      });
      const ids: string[] = [];
      for (let i = 0; i < perPlan && task < OPEN_TASKS; i++, task++) {
        const taskId = `bench-task-${task}`;
        ids.push(taskId);
        const on = dueOn(task);
        const deadline = { kind: 'date', on };
        yield event(`task-${taskId}`, 'task.added', {
          taskId, planId, ref: `II.${i + 1}`, title: `Nhiệm vụ ${i + 1}`, lead: units[task % units.length], support: [], deadline, dueAt: new Date(`${on}T17:00:00.000Z`).toISOString(),
        });
      }
      yield event(`plan-${planId}`, 'plan.issued', { number: `${p}/KH-STP`, issuedOn: '2026-04-10' });
      for (const [i, taskId] of ids.entries()) {
        const on = dueOn(p * perPlan + i);
        yield event(`task-${taskId}`, 'task.assigned', { lead: units[(p * perPlan + i) % units.length], support: [], deadline: { kind: 'date', on }, dueAt: new Date(`${on}T17:00:00.000Z`).toISOString() });
      }
    }
  }
  await writeLog(file, events(), total, 'open tasks');
  return file;
}

async function benchTick(source: string) {
  const file = fresh('tick');
  for (const suffix of ['', '-wal']) if (existsSync(source + suffix)) copyFileSync(source + suffix, file + suffix);
  const store = sqliteStore({ file });
  const clock = manualClock('2026-05-15T02:00:00Z');
  const engine = createEngine({ store, clock });
  const build = await timed(() => engine.getTask('bench-task-1')); // folds the log: not part of the tick
  const none: Timing[] = [];
  for (let hour = 0; hour < 5; hour++) {
    clock.set(`2026-05-15T0${hour}:00:00Z`);
    none.push(await timed(async () => {
      if ((await engine.tick()).length !== 0) throw new Error('nothing should be due yet');
    }));
  }
  const due: Timing[] = [];
  for (const day of SOON_DAYS) {
    clock.set(`${day}T17:00:00Z`); // the next day 00:00 local: that day's 100 tasks are late
    let appended = 0;
    due.push(await timed(async () => {
      appended = (await engine.tick()).length;
    }));
    if (appended !== DUE_NOW) throw new Error(`tick at the end of ${day} appended ${appended} events, not ${DUE_NOW}`);
  }
  await store.close();
  remove(file);

  // Raw: the open tasks in a table indexed by due time; a tick selects the due ones and, in one durable
  // transaction, inserts their overdue events and flags them.
  const rawFile = fresh('raw-tick');
  const db = openFile(rawFile);
  db.exec('CREATE TABLE tasks (task_id TEXT PRIMARY KEY, due_at TEXT NOT NULL, overdue INTEGER NOT NULL, version INTEGER NOT NULL) WITHOUT ROWID; CREATE INDEX tasks_due ON tasks (overdue, due_at)');
  const raw = rawStore(db);
  const add = db.prepare('INSERT INTO tasks VALUES (?, ?, 0, 2)');
  db.transaction(() => {
    for (let task = 0; task < OPEN_TASKS; task++) add.run(`bench-task-${task}`, `${dueOn(task)}T17:00:00.000Z`);
  })();
  const dueTasks = db.prepare('SELECT task_id, version, due_at FROM tasks WHERE overdue = 0 AND due_at <= ?');
  const flag = db.prepare('UPDATE tasks SET overdue = 1, version = version + 1 WHERE task_id = ?');
  const rawTick = db.transaction((now: string) => {
    const found = dueTasks.all(now) as { task_id: string; version: number; due_at: string }[];
    for (const task of found) {
      raw.append(`task-${task.task_id}`, [{ ...progressReport(randomUUID(), 0), type: 'task.overdue', data: { dueAt: task.due_at } } as NewEvent], 0);
      flag.run(task.task_id);
    }
    return found.length;
  }).immediate;
  const rawNone: Timing[] = [];
  for (let hour = 0; hour < 5; hour++) rawNone.push(await timed(() => rawTick(`2026-05-15T0${hour}:00:00.000Z`)));
  const rawDue: Timing[] = [];
  for (const day of SOON_DAYS) rawDue.push(await timed(() => rawTick(`${day}T17:00:00.000Z`)));
  db.close();
  remove(rawFile);

  const ticks = `median of ${SOON_DAYS.length} ticks (slowest planlog ${(slowest(due) * 1000).toFixed(1)} ms)`;
  rows.push({ workload: `tick() over ${fmt(OPEN_TASKS)} open tasks, none due`, unit: 'ms', count: 0, raw: median(rawNone), planlog: median(none), target: '< 50 ms', met: slowest(none) < 0.05, note: `median of 5 ticks (slowest planlog ${(slowest(none) * 1000).toFixed(1)} ms); state built beforehand in ${build.wall.toFixed(1)} s (not timed)` });
  rows.push({ workload: `tick() over ${fmt(OPEN_TASKS)} open tasks, ${DUE_NOW} due`, unit: 'ms', count: DUE_NOW, raw: median(rawDue), planlog: median(due), target: '< 50 ms', met: median(due).wall < 0.05, note: `${ticks}; ${DUE_NOW} task.overdue appended in one durable appendMany` });
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

function machineFacts(): string {
  let disk = 'unknown';
  try {
    const device = execSync(`df --output=source,fstype ${JSON.stringify(work)} | tail -1`, { encoding: 'utf8' }).trim().replace(/\s+/, ', ');
    const name = device.split(',')[0]!.replace('/dev/', '').replace(/[0-9]+$/, '');
    const rotational = existsSync(`/sys/block/${name}/queue/rotational`) ? readFileSync(`/sys/block/${name}/queue/rotational`, 'utf8').trim() : '?';
    disk = `${device} (${work}), rotational=${rotational}`;
  } catch {
    // not Linux
  }
  return `node ${process.version}, ${availableParallelism()} CPUs (nproc), ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${process.platform}/${process.arch}; disk: ${disk}; 1-minute load average ${loadavg()[0]!.toFixed(1)} when the run started`;
}

function cell(row: Row, which: 'raw' | 'planlog'): string {
  const t = row[which];
  if (!t) return '—';
  return row.unit === 'events/s' ? fmt(rate(row.count, t)) : row.unit === 'ms' ? (t.wall * 1000).toFixed(1) : t.wall.toFixed(2);
}
function ratio(row: Row): string {
  if (!row.raw) return '—';
  return (row.raw.wall / row.planlog.wall).toFixed(2);
}

function table(facts: string): string {
  const lines = [
    '## SQLite store',
    '',
    `@planlog/sqlite beside raw better-sqlite3 doing the same work in the same run (same tables and the same SQL per append — stream version, head, command id, inserts — without zod, the hash chain or promises). Generated by \`node --import tsx test/bench/sqlite.ts --write-docs\` (also run by \`pnpm bench\`). Durable appends: WAL, \`synchronous=FULL\`, one sync per commit. Rates are wall time; single appends take turns with raw in chunks of 100 (the disk's speed drifts), the rest is the best of 2–3 alternating runs; ratio = planlog speed / raw speed (1.00 = as fast as raw).`,
    '',
    `Machine: ${facts}.`,
    '',
    '| workload | unit | raw better-sqlite3 | planlog | ratio | target | met | note |',
    '| --- | --- | ---: | ---: | ---: | --- | --- | --- |',
    ...rows.map((row) => `| ${row.workload} | ${row.unit} | ${cell(row, 'raw')} | ${cell(row, 'planlog')} | ${ratio(row)} | ${row.target} | ${row.met === null ? '—' : row.met ? 'yes' : '**no**'} | ${row.note ?? ''} |`),
    '',
  ];
  return lines.join('\n');
}


// --only appends,read,rebuild,tick runs a part (the docs are written only from a full run).
const only = args.includes('--only') ? new Set(args[args.indexOf('--only') + 1]!.split(',')) : null;
const runs = (part: string) => only === null || only.has(part);
const facts = machineFacts();
console.log(`SQLite store bench: ${facts}`);
let shown = 0;
/** Progress: the rows measured since the last call, one line each (the table comes at the end). */
const progress = () => {
  for (const row of rows.slice(shown)) console.log(`  ${row.workload}: planlog ${cell(row, 'planlog')}, raw ${cell(row, 'raw')} ${row.unit}`);
  shown = rows.length;
};
if (runs('appends')) {
  await benchAppends();
  progress();
}
if (runs('read') || runs('rebuild')) {
  const log = await bigLog();
  if (runs('read')) await benchRead(log);
  progress();
  if (runs('rebuild')) await benchRebuild(log);
  progress();
}
if (runs('tick')) await benchTick(await tickLog());
const section = table(facts);
console.log(section);
if (args.includes('--write-docs') && only === null) {
  writePerformanceSection(section, { keepSubsections: true });
  console.log('docs/performance.md updated (## SQLite store)');
}
