// `pnpm bench:import [--corpus DIR …] [--verbose]`: import every text that has an answer key
// (`NAME.key.json` beside `NAME.txt`) and grade it (see keyGrading.ts). Prints one row per document
// and the totals, and exits non-zero when a target is missed: lead recall ≥ 0.90 with precision
// ≥ 0.95, supporting units ≥ 0.80, task deadlines ≥ 0.85, report deadlines ≥ 0.85, no silent loss.
// Without --corpus it reads ../shared/corpus/real-plans and ../shared/seeds beside the repository,
// when they exist. The texts are never part of the repository.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importPlan } from '../../src/index.js';
import { gradeImport, type AnswerKey, type Grade } from './keyGrading.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const dirs: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--corpus' && args[i + 1]) dirs.push(resolve(args[++i]!));
  else if (args[i]!.startsWith('--corpus=')) dirs.push(resolve(args[i]!.slice('--corpus='.length)));
}
if (dirs.length === 0) {
  for (const dir of ['../shared/corpus/real-plans', '../shared/seeds']) if (existsSync(join(root, dir))) dirs.push(join(root, dir));
}
if (dirs.length === 0) {
  console.log('no corpus: pass --corpus DIR (a folder of NAME.txt with NAME.key.json)');
  process.exit(0);
}

const TARGETS = { leadRecall: 0.9, leadPrecision: 0.95, supports: 0.8, deadlines: 0.85, reports: 0.85 };
const ratio = (ok: number, all: number) => (all === 0 ? 1 : ok / all);
const cell = (ok: number, all: number) => `${ok}/${all}`.padStart(7);

const totals: Grade = {
  items: 0, found: 0, leadExpected: 0, leadOk: 0, leadClaims: 0, goodClaims: 0, supExpected: 0, supOk: 0, supExtra: 0,
  dlExpected: 0, dlOk: 0, reportExpected: 0, reportOk: 0, silentItems: 0, silentLeads: 0, rows: [],
};
const header = `${'document'.padEnd(48)} ${'items'.padStart(5)} ${'found'.padStart(5)} ${'lead'.padStart(7)} ${'claims'.padStart(7)} ${'support'.padStart(7)} ${'dl'.padStart(7)} ${'report'.padStart(7)} silent warnings`;
console.log(header);
let documents = 0;
for (const dir of dirs) {
  if (!existsSync(dir)) {
    console.log(`(no folder ${dir})`);
    continue;
  }
  for (const keyFile of readdirSync(dir).filter((name) => name.endsWith('.key.json')).sort()) {
    const name = keyFile.slice(0, -'.key.json'.length);
    const textFile = join(dir, `${name}.txt`);
    if (!existsSync(textFile)) continue;
    const text = readFileSync(textFile, 'utf8');
    const key = JSON.parse(readFileSync(join(dir, keyFile), 'utf8')) as AnswerKey;
    const result = importPlan(text);
    const grade = gradeImport(result, key, text);
    documents++;
    for (const field of Object.keys(totals) as (keyof Grade)[]) {
      if (field !== 'rows') (totals[field] as number) += grade[field] as number;
    }
    console.log(
      `${name.slice(0, 48).padEnd(48)} ${String(grade.items).padStart(5)} ${String(grade.found).padStart(5)} ${cell(grade.leadOk, grade.leadExpected)} ${cell(grade.goodClaims, grade.leadClaims)} ${cell(grade.supOk, grade.supExpected)} ${cell(grade.dlOk, grade.dlExpected)} ${cell(grade.reportOk, grade.reportExpected)} ${String(grade.silentItems + grade.silentLeads).padStart(6)} ${String(result.warnings.length).padStart(8)}`,
    );
    if (verbose) for (const row of grade.rows) console.log(`    ${row}`);
  }
}
console.log(
  `${'TOTAL'.padEnd(48)} ${String(totals.items).padStart(5)} ${String(totals.found).padStart(5)} ${cell(totals.leadOk, totals.leadExpected)} ${cell(totals.goodClaims, totals.leadClaims)} ${cell(totals.supOk, totals.supExpected)} ${cell(totals.dlOk, totals.dlExpected)} ${cell(totals.reportOk, totals.reportExpected)} ${String(totals.silentItems + totals.silentLeads).padStart(6)}`,
);
const measures = [
  ['lead recall', ratio(totals.leadOk, totals.leadExpected), TARGETS.leadRecall],
  ['lead precision', ratio(totals.goodClaims, totals.leadClaims), TARGETS.leadPrecision],
  ['supports', ratio(totals.supOk, totals.supExpected), TARGETS.supports],
  ['task deadlines', ratio(totals.dlOk, totals.dlExpected), TARGETS.deadlines],
  ['report deadlines', ratio(totals.reportOk, totals.reportExpected), TARGETS.reports],
] as const;
const missed: string[] = [];
console.log(`\n${documents} documents graded`);
for (const [label, value, target] of measures) {
  const ok = value >= target;
  if (!ok) missed.push(label);
  console.log(`${label.padEnd(18)} ${value.toFixed(3)}  (target ≥ ${target.toFixed(2)}) ${ok ? 'ok' : 'MISSED'}`);
}
const silent = totals.silentItems + totals.silentLeads;
console.log(`${'silent losses'.padEnd(18)} ${silent} (${totals.silentItems} items with no task and no warning, ${totals.silentLeads} leads wrong or missing without a warning)  (target 0) ${silent === 0 ? 'ok' : 'MISSED'}`);
if (silent > 0) missed.push('silent losses');
console.log(`extra supports (not in the keys): ${totals.supExtra}`);
if (documents > 0 && missed.length > 0) {
  console.log(`\ntargets missed: ${missed.join(', ')}`);
  process.exitCode = 1;
}
