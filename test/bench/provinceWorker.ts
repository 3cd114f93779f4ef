// One engine process of provinceScale.ts (started by it, not a bench of its own): engines for the
// province's tenants through `tenantEngines({ postgres })` (one schema per tenant, one pool), the
// projection workers of the tenants it is given, and random valid commands on random tenants at a
// fixed rate. It writes what it measured to a JSON file and exits.
//   node --import tsx test/bench/provinceWorker.ts '<WorkerJob as JSON>'
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { builtinProjections, isPlanlogError, type Clock, type Engine } from '../../packages/core/src/index.js';
import { mulberry32 } from '../../packages/core/src/random.js';
import { tenantEngines } from '../../packages/http/src/tenantEngines.js';
import { postgresReadModels, startProjectionWorker, type PostgresEventStore, type ProjectionWorker } from '../../packages/postgres/src/index.js';
import { ISSUERS, LEADS, taskIdOf } from './provinceYear.js';

export type WorkerJob = {
  index: number;
  url: string;
  /** Every tenant of this row; commands go to them at random. */
  tenants: string[];
  /** The tenants whose projection worker runs here (each tenant's in one process). */
  leases: string[];
  plans: number;
  tasksPerPlan: number;
  /** Commands per second this process starts (open loop), and the most in flight at once. */
  rate: number;
  inFlight: number;
  durationMs: number;
  poolMax: number;
  /** The instant the seeded year ended (epoch ms): the engines' clock starts there when the parent says go. */
  clockStart: number;
  out: string;
};

/** A command's commit: its tenant, the position of its last event, its latency, and when the caller had its answer (epoch ms). */
export type CommandSample = { tenant: string; command: string; position: number; ms: number; doneAt: number };
/** A projection worker's catch-up: where the tenant's read models got to, and when (epoch ms). */
export type CatchUpSample = { tenant: string; position: number; at: number };
export type WorkerResult = { index: number; commands: CommandSample[]; catchUps: CatchUpSample[]; refused: Record<string, number>; behind: number; openMs: number; rssMB: number; heapMB: number };

const job = JSON.parse(process.argv[2]!) as WorkerJob;
const epochNow = () => performance.timeOrigin + performance.now();
let goAt = Number.POSITIVE_INFINITY;
const clock: Clock = { now: () => new Date(job.clockStart + Math.max(0, Date.now() - goAt)) };
const random = mulberry32(1_000 + job.index);
const engines = tenantEngines({ postgres: { connectionString: job.url, max: job.poolMax }, maxOpen: job.tenants.length, engine: { clock } });

// Open every tenant's engine (from its live checkpoint) before the clock starts.
const opened = performance.now();
for (const tenant of job.tenants) {
  const engine = await engines(tenant);
  await engine.getTask(taskIdOf(0, 0));
  engines.release(tenant);
}
const openMs = performance.now() - opened;

// The projection workers of this process's tenants. Each folds its tenant's log once when it first
// takes the lease (its runner keeps a fold of its own to give projections each task before and
// after): that happens here, before the clock starts, not inside the measured seconds.
const catchUps: CatchUpSample[] = [];
const workers: ProjectionWorker[] = [];
const firstCatchUps: Promise<void>[] = [];
for (const tenant of job.leases) {
  const engine = await engines(tenant);
  const store = engine.store as PostgresEventStore;
  let caughtUp!: () => void;
  firstCatchUps.push(new Promise<void>((resolve) => (caughtUp = resolve)));
  workers.push(
    startProjectionWorker({
      store,
      readModels: postgresReadModels(store),
      projections: builtinProjections,
      onCatchUp: (result) => {
        catchUps.push({ tenant, position: result.position, at: epochNow() });
        caughtUp();
      },
      onError: (error) => console.error(`worker ${job.index}, ${tenant}: projection`, error),
    }),
  );
  engines.release(tenant);
}
await Promise.all(firstCatchUps);

// Tell the parent we are ready; wait for its go (a line on stdin: the epoch ms all processes start at).
console.log('ready');
const lines = createInterface({ input: process.stdin });
goAt = Number(await new Promise<string>((resolve) => lines.once('line', resolve)));
lines.close();
await new Promise((resolve) => setTimeout(resolve, Math.max(0, goAt - Date.now())));

const commands: CommandSample[] = [];
const refused: Record<string, number> = {};
const refuse = (key: string) => (refused[key] = (refused[key] ?? 0) + 1);

type Chosen = { name: string; run: () => Promise<{ position: number }> };

/** A command the task takes now, by its state (as the engine sees it), or null for a finished task. */
function choose(engine: Engine, plan: number, taskId: string, task: Awaited<ReturnType<Engine['getTask']>>): Chosen | null {
  const issuer = { unitId: ISSUERS[plan % ISSUERS.length]!.id };
  const lead = { unitId: task.lead?.id ?? LEADS[0]!.id };
  const roll = random.next();
  switch (task.state) {
    case 'assigned':
      return { name: 'acknowledgeTask', run: () => engine.acknowledgeTask({ actor: lead, taskId }) };
    case 'acknowledged':
    case 'in_progress': {
      if (roll < 0.05) {
        const on = `2027-${String(random.int(3, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
        return { name: 'extendDeadline', run: () => engine.extendDeadline({ actor: issuer, taskId, deadline: { kind: 'date', on }, reason: 'Gia hạn theo đề nghị của đơn vị chủ trì' }) };
      }
      if (roll < 0.15) return { name: 'reportTask final', run: () => engine.reportTask({ actor: lead, taskId, final: true, text: 'Báo cáo kết quả: đã hoàn thành các nội dung được giao' }) };
      const reporter = random.chance(0.2) && task.support.length > 0 ? { unitId: random.pick(task.support).id } : lead;
      return { name: 'reportTask progress', run: () => engine.reportTask({ actor: reporter, taskId, progress: random.int(10, 90), text: 'Báo cáo tiến độ: đang triển khai theo kế hoạch' }) };
    }
    case 'submitted':
      return roll < 0.6
        ? { name: 'acceptReport', run: () => engine.acceptReport({ actor: issuer, taskId, note: 'Đạt yêu cầu' }) }
        : { name: 'returnReport', run: () => engine.returnReport({ actor: issuer, taskId, reason: 'Đề nghị bổ sung số liệu minh chứng' }) };
    default:
      return null;
  }
}

/** One command on a random tenant's random open task (looked up first, untimed); only the command is timed. */
async function serveOne(): Promise<void> {
  const tenant = random.pick(job.tenants);
  const engine = await engines(tenant);
  try {
    for (let attempt = 0; attempt < 30; attempt++) {
      const plan = random.int(0, job.plans - 1);
      const taskId = taskIdOf(plan, random.int(0, job.tasksPerPlan - 1));
      const chosen = choose(engine, plan, taskId, await engine.getTask(taskId));
      if (!chosen) continue;
      const start = performance.now();
      try {
        const { position } = await chosen.run();
        const end = performance.now();
        commands.push({ tenant, command: chosen.name, position, ms: end - start, doneAt: performance.timeOrigin + end });
      } catch (error) {
        if (!isPlanlogError(error)) throw error;
        refuse(`${chosen.name}: ${error.code}`); // another process acted on the task in between
      }
      return;
    }
    refuse('no open task found in 30 tries');
  } finally {
    engines.release(tenant);
  }
}

// Open loop: start a command every 1/rate s (exponential gaps), at most `inFlight` at once.
let running = 0;
let behind = 0;
const pending = new Set<Promise<void>>();
const endAt = goAt + job.durationMs;
let next = Date.now();
while (Date.now() < endAt) {
  next += (-Math.log(1 - random.next()) * 1000) / job.rate;
  const wait = next - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  if (running >= job.inFlight) {
    behind++;
    continue;
  }
  running++;
  const one = serveOne()
    .catch((error: unknown) => {
      refuse(`error: ${(error as Error).message.slice(0, 80)}`);
    })
    .finally(() => {
      running--;
      pending.delete(one);
    });
  pending.add(one);
}
await Promise.all(pending);
// Let the projection workers finish what was appended (the parent reads how far they got).
await new Promise((resolve) => setTimeout(resolve, 3_000));
for (const worker of workers) await worker.stop();
const { rss, heapUsed } = process.memoryUsage();
await engines.close();
const result: WorkerResult = { index: job.index, commands, catchUps, refused, behind, openMs, rssMB: rss / 2 ** 20, heapMB: heapUsed / 2 ** 20 };
writeFileSync(job.out, JSON.stringify(result));
