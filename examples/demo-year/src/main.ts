// The demo year: `pnpm start` at the root, or `tsx src/main.ts [--seed N] [--keep]` here.
// Writes planlog-demo.db (when the SQLite store is available), report.md and report.html in the
// working directory.
import { rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { collectReport } from './collectReport.js';
import { openStore } from './openStore.js';
import { renderHtml, renderMarkdown } from './renderReport.js';
import { simulateYear } from './simulateYear.js';

// The default seed is one whose year shows all four headings of the summary; any integer works.
const DEFAULT_SEED = 3;
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const seedArg = args[args.indexOf('--seed') + 1];
const seed = args.includes('--seed') && seedArg !== undefined ? Number(seedArg) : DEFAULT_SEED;
if (!Number.isInteger(seed)) {
  console.error(`--seed wants an integer, got ${seedArg}`);
  process.exit(2);
}

const file = resolve('planlog-demo.db');
if (!keep) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });

const started = performance.now();
const { store, description } = await openStore({ file, keep });
console.log(`planlog: mô phỏng năm kế hoạch 2026 (hạt giống ${seed}); nhật ký sự kiện ${description}\n`);

const result = await simulateYear({ store, seed, onProgress: (line) => console.log(line) });
const report = await collectReport(result.engine, result.plans.map((plan) => plan.planId), 2026);
report.note = `Số liệu mô phỏng bằng planlog: ${result.events} sự kiện trong nhật ký, hạt giống ${seed}.`;
const markdown = renderMarkdown(report);
console.log(`\n${markdown}`);

writeFileSync('report.md', markdown);
writeFileSync('report.html', renderHtml(report));

if (result.problems.length > 0) {
  console.log(`Engine refusals or impossible steps (${result.problems.length}):`);
  for (const problem of result.problems) console.log(`  ${problem.on} ${problem.action}: ${problem.code} ${problem.message}`);
}
await store.close();
console.log(`Đã ghi report.md và report.html (${((performance.now() - started) / 1000).toFixed(1)} s).`);
