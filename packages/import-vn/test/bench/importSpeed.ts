// `node --import tsx packages/import-vn/test/bench/importSpeed.ts`: how long importPlan takes on about
// 100 KB of plan text (the budget is 200 ms). The text is the test's sample plan with its task
// sections repeated until the size is reached, so every layout the importer reads is in it.
import { performance } from 'node:perf_hooks';
import { importPlan } from '../../src/index.js';
import { samplePlanBlocks, samplePlanText, type Block } from '../samplePlanBlocks.js';

const TARGET_BYTES = 100 * 1024;
const BUDGET_MS = 200;

function planOfSize(bytes: number): string {
  const start = samplePlanBlocks.findIndex((block) => block.kind === 'item' && block.list === 'roman' && block.text === 'NHIỆM VỤ');
  const end = samplePlanBlocks.findIndex((block) => block.kind === 'item' && block.list === 'roman' && block.text === 'CHẾ ĐỘ BÁO CÁO');
  const head = samplePlanBlocks.slice(0, start);
  const body = samplePlanBlocks.slice(start, end);
  const tail = samplePlanBlocks.slice(end);
  const blocks: Block[] = [...head];
  while (Buffer.byteLength(samplePlanText([...blocks, ...tail])) < bytes) blocks.push(...body);
  return samplePlanText([...blocks, ...tail]);
}

const text = planOfSize(TARGET_BYTES);
for (let i = 0; i < 3; i++) importPlan(text); // warm up
const times: number[] = [];
const cpu: number[] = [];
let tasks = 0;
for (let i = 0; i < 10; i++) {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  tasks = importPlan(text).plan.tasks.length;
  const used = process.cpuUsage(cpuStarted);
  cpu.push((used.user + used.system) / 1000);
  times.push(performance.now() - started);
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const stat = (values: number[]) => `median ${median(values).toFixed(1)} ms, best ${Math.min(...values).toFixed(1)} ms, worst ${Math.max(...values).toFixed(1)} ms`;
console.log(`importPlan on ${(Buffer.byteLength(text) / 1024).toFixed(1)} KB (${text.split('\n').length} lines, ${tasks} tasks), 10 runs after 3 to warm up`);
console.log(`  wall time: ${stat(times)}`);
console.log(`  CPU time:  ${stat(cpu)} (what a busy machine does not inflate)`);
// The budget is held against the CPU time: on a shared machine the wall time also counts other processes' turns.
const held = median(cpu);
console.log(`budget ${BUDGET_MS} ms: median CPU time is ${(held / BUDGET_MS).toFixed(2)} of it ${held <= BUDGET_MS ? '(ok)' : '(OVER)'}`);
if (held > BUDGET_MS) process.exitCode = 1;
