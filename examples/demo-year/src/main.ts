// The demo year: `pnpm start` at the root, or `tsx src/main.ts [--seed N] [--keep] [--pg <url>]` here.
// Reads two of the project's sample plans (examples/sample-plans: Sở Ngoại vụ and Sở Tư pháp of the
// fictional tỉnh Sông Hậu) with @planlog/import-vn, the issuer's decisions where a text is silent
// coming from issuerDecisions.ts. Creates planlog-demo.db (SQLite) in the working directory, and each agency's
// Báo cáo for Quý III/2026 in reports/<agency>/report.{docx,html,md,pdf} (the PDF when Chromium is installed).
// With --pg <url> or PLANLOG_PG_URL the log is kept in PostgreSQL instead (schema planlog_demo).
// Without --keep the old log is deleted and the year simulated again; with --keep an existing log is
// opened and reported on as it stands, without simulating.
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createEngine, manualClock } from '@planlog/core';
import { ChromiumMissingError, writeReportFiles } from '@planlog/report';
import { describeImport, importDemoPlans } from './importSamples.js';
import { openStore, postgresUrl } from './openStore.js';
import { SIMULATION_END, simulateYear, type Problem } from './simulateYear.js';

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

const started = performance.now();
const file = resolve('planlog-demo.db');
if (!keep && postgresUrl(args) === undefined) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
const { store, description } = await openStore({ file, args, fresh: !keep });
const stored = await store.headPosition();

let engine;
let problems: Problem[] = [];
let note: string;
if (keep && stored > 0) {
  console.log(`planlog: mở lại nhật ký sự kiện ${description}: ${stored} sự kiện, không mô phỏng lại\n`);
  engine = createEngine({ store, clock: manualClock(SIMULATION_END) });
  note = `Số liệu đọc lại từ nhật ký planlog: ${stored} sự kiện.`;
} else {
  console.log(`planlog: mô phỏng năm kế hoạch 2026 (hạt giống ${seed}); nhật ký sự kiện ${description}`);
  const plans = importDemoPlans();
  for (const plan of plans) console.log(`  ${describeImport(plan)}`);
  console.log('');
  const result = await simulateYear({ store, seed, plans, onProgress: (line) => console.log(line) });
  engine = result.engine;
  problems = result.problems;
  note = `Số liệu mô phỏng bằng planlog: ${result.events} sự kiện trong nhật ký, hạt giống ${seed}.`;
}

// Each agency's Báo cáo for Quý III/2026, as `planlog report --unit … --period 2026-Q3` writes it.
console.log(note);
const REPORT = { period: '2026-Q3', particulars: { place: 'Sông Hậu', date: '2026-09-16', superior: 'UBND tỉnh Sông Hậu', signer: { authority: 'KT. GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC' } } };
const written: string[] = [];
for (const unit of ['so-ngoai-vu', 'so-tu-phap']) {
  const dir = join('reports', unit);
  try {
    written.push(...(await writeReportFiles({ engine, unit, ...REPORT, dir, formats: ['docx', 'html', 'md', 'pdf'] })).files);
  } catch (error) {
    if (!(error instanceof ChromiumMissingError)) throw error;
    written.push(...['docx', 'html', 'md'].map((format) => join(dir, `report.${format}`)));
    console.log(`Không ghi được report.pdf: ${error.message}`);
  }
}
console.log(`\n${readFileSync(join('reports', 'so-ngoai-vu', 'report.md'), 'utf8')}`);

if (problems.length > 0) {
  console.log(`Engine refusals or impossible steps (${problems.length}):`);
  for (const problem of problems) console.log(`  ${problem.on} ${problem.action}: ${problem.code} ${problem.message}`);
}
await store.close();
console.log(`Đã ghi ${written.join(', ')} (${((performance.now() - started) / 1000).toFixed(1)} s).`);
