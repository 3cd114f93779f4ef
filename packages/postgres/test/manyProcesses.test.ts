import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createEngine, manualClock, type StoredEvent } from '@planlog/core';
import { describe, expect, it } from 'vitest';
import { postgresStore } from '../src/index.js';
import { expectWholeLog } from './fixtures/events.js';
import { usePostgres } from './usePostgres.js';

const { server, admin } = usePostgres();

const STP = { unitId: 'so-tu-phap' };
const ISSUER = { id: STP.unitId, name: 'Sở Tư pháp' };
const LEAD = { id: 'phong-xay-dung-phap-luat', name: 'Phòng Xây dựng pháp luật' };
const root = fileURLToPath(new URL('../../..', import.meta.url));
const appender = fileURLToPath(new URL('./fixtures/appender.ts', import.meta.url));

/** Run one appender process; resolves to its summary line. */
type Lanes = { own: number; shared: number; engine: number };
type Summary = { worker: number; conflicts: Lanes; counts: Lanes; batch: number; ms: Lanes };

function runAppender(args: string[]): Promise<Summary> {
  return new Promise((resolve, reject) => {
    // cwd at the workspace root: tsx maps @planlog/* to the sources through tsconfig paths.
    const child = spawn(process.execPath, ['--import', 'tsx', appender, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(`appender exited ${code}: ${err}`))));
  });
}

async function issuedPlan(schema: string, tasks: number, clock = manualClock('2026-04-10T02:00:00Z')) {
  const store = postgresStore({ connectionString: server().url, max: 4 }, { schema });
  const engine = createEngine({ store, clock });
  const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch xây dựng và thi hành pháp luật năm 2026', issuer: ISSUER });
  const taskIds: string[] = [];
  for (let index = 0; index < tasks; index++) {
    const { taskId } = await engine.addTask({
      actor: STP,
      planId,
      ref: `II.${index + 1}`,
      title: `Nhiệm vụ ${index + 1}`,
      lead: LEAD,
      deadline: { kind: 'quarter', year: 2026, quarter: 2 },
    });
    taskIds.push(taskId);
  }
  await engine.issuePlan({ actor: STP, planId, number: '12/KH-STP', issuedOn: '2026-04-15' });
  return { store, engine, planId, taskIds };
}

describe('many processes on one database', () => {
  it('4 processes × 2,500 reports on shared and own streams: none lost, none doubled, versions gap-free', { timeout: 240_000 }, async () => {
    const workers = 4;
    const perWorker = 2_500;
    const schema = server().freshSchema();
    const sharedTasks = 6;
    const { store, taskIds } = await issuedPlan(schema, sharedTasks + workers);
    const shared = taskIds.slice(0, sharedTasks);
    const setupEvents = await store.headPosition();

    const summaries = await Promise.all(
      Array.from({ length: workers }, (_, worker) =>
        runAppender([server().url, schema, String(worker), String(perWorker), JSON.stringify({ shared, own: taskIds[sharedTasks + worker] })]),
      ),
    );

    const log = await expectWholeLog(store); // positions 1..n, hash chain intact
    const reports = log.filter((event): event is StoredEvent<'task.reported'> => event.type === 'task.reported');
    expect(log.length).toBe(setupEvents + workers * perWorker);
    expect(reports.length).toBe(workers * perWorker);
    // Each report landed exactly once, under its command, on the stream its lane writes.
    const byText = new Map(reports.map((event) => [event.data.text, event]));
    expect(byText.size).toBe(workers * perWorker);
    for (const { worker, counts, batch } of summaries) {
      for (const lane of ['own', 'shared', 'engine'] as const) {
        for (let i = 0; i < counts[lane]; i++) {
          const event = byText.get(`${lane} ${worker}.${i}`);
          const first = lane === 'engine' ? i : i - (i % batch);
          expect(event?.commandId).toBe(`w${worker}-${lane}-${first}`);
          if (lane === 'own') expect(event?.streamId).toBe(`task-${taskIds[sharedTasks + worker]}`);
          else expect(shared.map((taskId) => `task-${taskId}`)).toContain(event?.streamId);
        }
      }
    }
    // Every stream's versions are 1..n.
    const { rows } = await admin().query(`SELECT stream_id, count(*)::int AS n, max(version) AS top, min(version) AS bottom FROM "${schema}".events GROUP BY stream_id`);
    for (const row of rows) expect([row.stream_id, row.bottom, row.top]).toEqual([row.stream_id, 1, row.n]);
    // The shared streams were fought over: CONFLICTs reached both the direct writers and the engines,
    // whose retries resolved every one; nobody else ever wrote a worker's own stream.
    const total = (lane: 'own' | 'shared' | 'engine') => summaries.reduce((sum, summary) => sum + summary.conflicts[lane], 0);
    expect(total('own')).toBe(0);
    expect(total('shared')).toBeGreaterThan(0);
    expect(total('engine')).toBeGreaterThan(0);
    // The engine folded all of it: each task's view counts its reports.
    const engine = createEngine({ store, clock: manualClock('2026-05-02T02:00:00Z') });
    const reportsOf = async (taskId: string) => (await engine.getTask(taskId)).reports.length;
    expect(await reportsOf(taskIds[sharedTasks]!)).toBe(summaries[0]!.counts.own);
    console.log(`many processes: ${log.length} events; conflicts retried: ${total('shared')} direct, ${total('engine')} in engines; lanes took ${JSON.stringify(summaries.map((summary) => summary.ms))} ms`);
    await store.close();
  });

  it('two engines ticking at the same moment append each task.overdue once', async () => {
    const schema = server().freshSchema();
    const { store, taskIds } = await issuedPlan(schema, 40);
    const late = manualClock('2026-07-02T02:00:00Z');
    const stores = [0, 1].map(() => postgresStore({ connectionString: server().url, max: 4 }, { schema }));
    const engines = stores.map((each) => createEngine({ store: each, clock: late }));
    await Promise.all(engines.map((engine) => engine.getTask(taskIds[0]!))); // both caught up and ready

    const [first, second] = await Promise.all(engines.map((engine) => engine.tick()));
    const overdue = (await expectWholeLog(store)).filter((event) => event.type === 'task.overdue');
    expect(overdue.length).toBe(taskIds.length);
    expect(new Set(overdue.map((event) => event.streamId)).size).toBe(taskIds.length);
    // What the two ticks say they appended is exactly what is in the log, with nothing claimed twice.
    expect([...first!, ...second!].map((event) => event.position).sort((a, b) => a - b)).toEqual(overdue.map((event) => event.position));
    expect(await Promise.all(engines.map((engine) => engine.tick()))).toEqual([[], []]);
    await Promise.all([store, ...stores].map((each) => each.close()));
  });
});
