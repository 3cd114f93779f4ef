import { readFileSync } from 'node:fs';
import { unitId, type Deadline, type ReportingRule, type UnitRef } from '@planlog/core';
import { importPlan, type PlanDraft } from '@planlog/import-vn';
import { describe, expect, it } from 'vitest';
import { readSample, sampleNames } from './samples.js';
import { samplePlans } from '../../../examples/sample-plans/index.js';

type GoldenTask = { ref: string; title: string; lead: string | null; support: string[]; deadline: Deadline | null };
type GoldenRule = { period: string; due?: ReportingRule['due']; to?: string };
type Golden = {
  sample: string;
  plan: {
    title: string;
    number: string | null;
    symbol: string;
    draft: boolean;
    issuer: string;
    issuedOn: string | null;
    basis: string[];
    objectives: number;
    requirements: number;
    recipients: string[];
  };
  tasks: GoldenTask[];
  reporting: GoldenRule[];
};

type Check = { field: string; expected: unknown; actual: unknown; ok: boolean };

const idOf = (name: string | null) => (name === null ? null : unitId(name));
/** A unit's id without the issuer's prefix that internal units get ("so-ngoai-vu/van-phong-so" → "van-phong-so"). */
const own = (id: string | undefined) => (id === undefined ? undefined : id.slice(id.indexOf('/') + 1));
const ids = (units: UnitRef[]) => units.map((unit) => own(unit.id)!);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const ruleKey = (rule: { period: string; due?: unknown; to?: string | null }) => JSON.stringify([rule.period, rule.due ?? null, rule.to ?? null]);

/** Every field of the golden file against the import, one check per field. */
function compare(golden: Golden, plan: PlanDraft): Check[] {
  const checks: Check[] = [];
  const check = (field: string, expected: unknown, actual: unknown) => checks.push({ field, expected, actual, ok: same(expected, actual) });
  check('plan.title', golden.plan.title, plan.title);
  check('plan.number', golden.plan.number, plan.number ?? null);
  check('plan.symbol', golden.plan.symbol, plan.symbol ?? null);
  check('plan.draft', golden.plan.draft, plan.draft);
  check('plan.issuer', idOf(golden.plan.issuer), plan.issuer?.id ?? null);
  check('plan.issuedOn', golden.plan.issuedOn, plan.issuedOn ?? null);
  check('plan.basis', golden.plan.basis, plan.basis.map((text, i) => (text.startsWith(golden.plan.basis[i] ?? '\u0000') ? golden.plan.basis[i] : text)));
  check('plan.objectives', golden.plan.objectives, plan.objectives.length);
  check('plan.requirements', golden.plan.requirements, plan.requirements.length);
  check('plan.recipients', golden.plan.recipients.map(idOf), ids(plan.recipients));
  check('tasks.refs', golden.tasks.map((task) => task.ref), plan.tasks.map((task) => task.ref));
  for (const expected of golden.tasks) {
    const task = plan.tasks.find((candidate) => candidate.ref === expected.ref);
    check(`${expected.ref}.title`, expected.title, task?.title.startsWith(expected.title) ? expected.title : (task?.title ?? null));
    check(`${expected.ref}.lead`, idOf(expected.lead), own(task?.lead?.id) ?? null);
    check(`${expected.ref}.support`, expected.support.map(idOf).sort(), task ? ids(task.support).sort() : null);
    check(`${expected.ref}.deadline`, expected.deadline, task?.deadline ?? null);
  }
  const actualRules = plan.reporting.map((rule) => ruleKey({ ...rule, to: own(rule.to?.id) ?? null })).sort();
  const expectedRules = golden.reporting.map((rule) => ruleKey({ ...rule, to: rule.to ? unitId(rule.to) : null })).sort();
  check('reporting', expectedRules, actualRules);
  return checks;
}

describe('golden files: every sample plan against the tasks and rules read by hand', () => {
  for (const sample of sampleNames) {
    it(sample, () => {
      const golden = JSON.parse(readFileSync(new URL(`./golden/${sample.replace(/\.txt$/, '.json')}`, import.meta.url), 'utf8')) as Golden;
      expect(golden.sample).toBe(sample);
      const { plan, warnings } = importPlan(readSample(sample));
      const checks = compare(golden, plan);
      const passed = checks.filter((c) => c.ok).length;
      console.log(`${sample}: ${passed}/${checks.length} fields match (${((100 * passed) / checks.length).toFixed(1)}%), ${plan.tasks.length} tasks read, ${golden.tasks.length} written, ${warnings.length} warnings`);
      for (const failure of checks.filter((c) => !c.ok)) {
        console.log(`  ✗ ${failure.field}: expected ${JSON.stringify(failure.expected)}, got ${JSON.stringify(failure.actual)}`);
      }
      // Every field of every sample, whatever its layout (unit headings, labelled fields, an annex table, a Quyết định).
      expect(checks.filter((c) => !c.ok)).toEqual([]);
      expect(warnings.every((warning) => !warning.message.startsWith('importer error'))).toBe(true);
    });
  }

  it('has a golden file for every sample plan, with its tasks as the sample counts them', () => {
    expect(sampleNames.length).toBeGreaterThanOrEqual(4);
    for (const { file, assignments } of samplePlans) {
      const golden = JSON.parse(readFileSync(new URL(`./golden/${file.replace(/\.txt$/, '.json')}`, import.meta.url), 'utf8')) as Golden;
      expect(golden.tasks.length, file).toBe(assignments);
    }
    expect(samplePlans.reduce((sum, plan) => sum + plan.assignments, 0)).toBeGreaterThanOrEqual(60);
  });
});
