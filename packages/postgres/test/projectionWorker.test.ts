import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { builtinProjections, createEngine, manualClock, memoryReadModels, ProjectionRunner, type Engine, type ReadModels, type TelemetrySpan } from '@planlog/core';
import { afterEach, describe, expect, it } from 'vitest';
import { leaseKey, postgresReadModels, postgresStore, startProjectionWorker, type PostgresEventStore, type ProjectionWorker } from '../src/index.js';
import { applications } from './fixtures/applications.js';
import { usePostgres } from './usePostgres.js';

const { server, admin } = usePostgres();

const root = fileURLToPath(new URL('../../..', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/projectionWorker.ts', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const STP = { unitId: 'so-tu-phap' };
const LEAD = { id: 'phong-xay-dung-phap-luat', name: 'Phòng Xây dựng pháp luật' };
const tableNames = builtinProjections.flatMap((projection) => projection.tables.map((table) => table.name));

type Line = { pid: number; t: number; lease?: boolean; position?: number; failed?: number; error?: string; stopped?: boolean };
type WorkerProcess = { child: ChildProcess; lines: Line[]; exited: Promise<unknown>; waitFor(test: (line: Line) => boolean, ms?: number): Promise<Line> };

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** A worker in its own process (cwd at the workspace root: tsx maps @planlog/* to the sources). */
function spawnWorker(schema: string, pollMs: number, retryMs: number): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, server().url, schema, String(pollMs), String(retryMs)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: Line[] = [];
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => {
    out += chunk;
    const complete = out.split('\n');
    out = complete.pop()!;
    for (const line of complete) if (line.trim()) lines.push(JSON.parse(line));
  });
  child.stderr!.on('data', (chunk) => (err += chunk));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return {
    child,
    lines,
    exited,
    async waitFor(test, ms = 20_000) {
      for (const until = Date.now() + ms; Date.now() < until; await sleep(10)) {
        const found = lines.find(test);
        if (found) return found;
      }
      throw new Error(`worker ${child.pid}: no such line within ${ms} ms; lines: ${JSON.stringify(lines)}; stderr: ${err}`);
    },
  };
}

async function issuedPlan(store: PostgresEventStore, tasks: number) {
  const engine = createEngine({ store, clock: manualClock('2026-04-10T02:00:00Z') });
  const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch phổ biến, giáo dục pháp luật năm 2026', issuer: { id: STP.unitId, name: 'Sở Tư pháp' } });
  const taskIds: string[] = [];
  for (let i = 0; i < tasks; i++) {
    const { taskId } = await engine.addTask({ actor: STP, planId, ref: `II.${i + 1}`, title: `Nhiệm vụ ${i + 1}`, lead: LEAD, deadline: { kind: 'quarter', year: 2026, quarter: 2 } });
    taskIds.push(taskId);
  }
  await engine.issuePlan({ actor: STP, planId, number: '45/KH-STP', issuedOn: '2026-04-15' });
  return { engine, planId, taskIds };
}

/** The application names of the sessions holding the lease of the built-in projections in `schema` now (and their backends). */
async function leaseHolders(key: string): Promise<string[]> {
  return (await leaseBackends(key)).map((row) => row.name);
}
async function leaseBackends(key: string): Promise<{ name: string; pid: number }[]> {
  // A bigint advisory key shows in pg_locks as its high (classid) and low (objid) 32 bits, objsubid 1.
  const { rows } = await admin().query<{ name: string; pid: number }>(
    `SELECT a.application_name AS name, l.pid FROM pg_locks l JOIN pg_stat_activity a USING (pid)
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND ((l.classid::bigint << 32) | l.objid::bigint) = $1::bigint
      ORDER BY 1`,
    [key],
  );
  return rows;
}

/** The read models equal a rebuild from the log in memory; every event was applied exactly once. */
async function expectEqualToRebuild(store: PostgresEventStore, readModels: ReadModels) {
  const memory = memoryReadModels();
  await new ProjectionRunner({ store, readModels: memory, projections: builtinProjections }).catchUp();
  for (const table of tableNames) expect(await readModels.rows(table), table).toEqual(await memory.rows(table));
}

const report = async (engine: Engine, taskId: string, text: string) => (await engine.reportTask({ actor: { unitId: LEAD.id }, taskId, text })).position!;

describe('projection worker', () => {
  it('one process holds the lease; NOTIFY wakes it before its poll; another takes over within seconds of a SIGKILL', { timeout: 120_000 }, async () => {
    const schema = server().freshSchema();
    const store = postgresStore({ connectionString: server().url, max: 4 }, { schema });
    const { engine, taskIds } = await issuedPlan(store, 6);
    const head = await store.headPosition();

    const key = leaseKey(schema, [...builtinProjections, applications]);
    const pollMs = 10_000;
    const workers = [spawnWorker(schema, pollMs, 250), spawnWorker(schema, pollMs, 250)];
    const first = await Promise.any(workers.map((worker) => worker.waitFor((line) => line.lease === true)));
    const holder = workers.find((worker) => worker.child.pid === first.pid)!;
    const other = workers.find((worker) => worker !== holder)!;
    await holder.waitFor((line) => (line.position ?? 0) >= head);
    await other.waitFor((line) => 'key' in line); // started, and trying
    await sleep(1_000); // several of its tries
    expect(other.lines.some((line) => line.lease === true)).toBe(false);
    expect(await leaseHolders(key)).toEqual([`planlog-worker-${holder.child.pid}`]);

    // Appends NOTIFY at commit: the holder catches up long before its 10 s poll.
    const readModels = postgresReadModels(store);
    await readModels.prepare([...builtinProjections, applications]);
    const latencies: number[] = [];
    for (const [i, taskId] of taskIds.slice(0, 3).entries()) {
      const started = Date.now();
      const position = await report(engine, taskId, `Báo cáo ${i}`);
      const seen = await holder.waitFor((line) => (line.position ?? 0) >= position, 5_000);
      latencies.push(seen.t - started);
    }
    expect(Math.max(...latencies)).toBeLessThan(2_000);
    expect((await readModels.rows('task_register', { task_id: taskIds[0]! }))[0]).toMatchObject({ state: 'in_progress', last_report_text: 'Báo cáo 0' });

    // The holder dies mid-flight; events keep coming; the other takes the lease and catches up.
    holder.child.kill('SIGKILL');
    const killed = Date.now();
    let last = 0;
    for (const taskId of taskIds.slice(3)) last = await report(engine, taskId, 'Sau khi tiến trình chết');
    const taken = await other.waitFor((line) => line.lease === true, 15_000);
    const caughtUp = await other.waitFor((line) => (line.position ?? 0) >= last, 15_000);
    const takeover = { lease: taken.t - killed, caughtUp: caughtUp.t - killed, notify: latencies };
    console.log(`projection worker: NOTIFY to rows ${latencies.join('/')} ms (poll ${pollMs} ms); lease taken ${takeover.lease} ms after SIGKILL, caught up after ${takeover.caughtUp} ms`);
    expect(takeover.caughtUp).toBeLessThan(5_000);
    expect(await leaseHolders(key)).toEqual([`planlog-worker-${other.child.pid}`]);

    await expectEqualToRebuild(store, readModels);
    const applied = await readModels.rows('applications');
    expect(applied.reduce((sum, row) => sum + Number(row.events), 0)).toBe(await store.headPosition());
    expect(applied.map((row) => Number(row.worker)).sort()).toEqual([holder.child.pid, other.child.pid].sort());

    // stop() gives the lease back.
    other.child.kill('SIGTERM');
    await other.waitFor((line) => line.stopped === true);
    await other.exited;
    expect(await leaseHolders(key)).toEqual([]);
    await store.close();
  });

  it('traces its catch-ups when given telemetry', { timeout: 60_000 }, async () => {
    const schema = server().freshSchema();
    const store = postgresStore({ connectionString: server().url, max: 4 }, { schema });
    await issuedPlan(store, 2);
    const head = await store.headPosition();
    const spans: { name: string; attributes: Record<string, unknown> }[] = [];
    const span = (name: string): TelemetrySpan => {
      const recorded = { name, attributes: {} as Record<string, unknown> };
      spans.push(recorded);
      const self: TelemetrySpan = {
        setAttribute: (key, value) => void (recorded.attributes[key] = value),
        setAttributes: (attributes) => void Object.assign(recorded.attributes, attributes),
        setStatus: () => undefined,
        recordException: () => undefined,
        end: () => undefined,
      };
      return self;
    };
    const tracer = { startActiveSpan: <F extends (span: TelemetrySpan) => unknown>(name: string, _options: unknown, fn: F) => fn(span(name)) as ReturnType<F> };
    let reached!: () => void;
    const caughtUp = new Promise<void>((resolve) => (reached = resolve));
    const worker = startProjectionWorker({
      store,
      readModels: postgresReadModels(store),
      projections: builtinProjections,
      telemetry: { tracer },
      onCatchUp: (result) => {
        if (result.position >= head) reached();
      },
    });
    await caughtUp;
    await worker.stop();
    expect(spans.some((recorded) => recorded.name === 'planlog.projection.catch_up' && recorded.attributes['planlog.position'] === head)).toBe(true);
    await store.close();
  });

  it('stop() hands the lease over; a dropped lease connection is noticed and the lease moves on', { timeout: 60_000 }, async () => {
    const schema = server().freshSchema();
    const store = postgresStore({ connectionString: server().url, max: 8, application_name: 'planlog-test' }, { schema });
    const { engine, taskIds } = await issuedPlan(store, 2);
    const readModels = postgresReadModels(store);
    const errors: unknown[] = [];
    const start = () => startProjectionWorker({ store, readModels: postgresReadModels(store), projections: builtinProjections, pollMs: 10_000, retryMs: 100, onError: (error) => errors.push(error) });
    const workers: ProjectionWorker[] = [start(), start()];
    const holding = async () => {
      for (const until = Date.now() + 10_000; Date.now() < until; await sleep(20)) {
        const holders = workers.filter((worker) => worker.holding);
        if (holders.length === 1) return holders[0]!;
      }
      throw new Error('no single lease holder');
    };
    const a = await holding();
    expect(workers[0]!.key).toBe(workers[1]!.key);
    await a.stop();
    workers.splice(workers.indexOf(a), 1, start());
    const b = await holding();
    expect(b).not.toBe(a);

    // Cut the holder's lease connection from the server side: it notices, and the lease moves on.
    const key = leaseKey(schema, builtinProjections);
    const [lease] = await leaseBackends(key);
    await admin().query('SELECT pg_terminate_backend($1)', [lease!.pid]);
    for (const until = Date.now() + 10_000; Date.now() < until; await sleep(20)) {
      const [now] = await leaseBackends(key);
      if (now && now.pid !== lease!.pid) break;
    }
    const [next] = await leaseBackends(key);
    expect(next?.pid).not.toBe(lease!.pid);
    // The lost connection is reported once the old holder's catch-up in progress (if any) has ended,
    // which may be after the other worker has taken the lease.
    for (const until = Date.now() + 10_000; errors.length === 0 && Date.now() < until; ) await sleep(20);
    expect(errors.length).toBeGreaterThan(0);
    const position = await report(engine, taskIds[1]!, 'Sau khi mất kết nối');
    await readModels.prepare(builtinProjections);
    for (const until = Date.now() + 10_000; Date.now() < until; await sleep(20)) {
      if ((await readModels.status()).every((entry) => entry.checkpoint >= position)) break;
    }
    await expectEqualToRebuild(store, readModels);
    for (const worker of workers) await worker.stop();
    expect(await leaseHolders(key)).toEqual([]);
    await store.close();
  });
});
