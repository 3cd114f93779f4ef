import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { localDate, memoryStore, taskStream, type Deadline, type StoredEvent } from '@planlog/core';
import { collectReport, composeReport, HEADINGS, renderMarkdown, type ReportData } from '@planlog/report';
import { mulberry32 } from '@planlog/core/random';
import { importPlan } from '@planlog/import-vn';
import { demoPlans } from '../../examples/demo-year/src/demoPlans.js';
import { importDemoPlans } from '../../examples/demo-year/src/importSamples.js';
import { issuerDecisions } from '../../examples/demo-year/src/issuerDecisions.js';
import { SIMULATION_END, simulateYear } from '../../examples/demo-year/src/simulateYear.js';
import { periodicDates } from '../../examples/demo-year/src/yearModel.js';
import { readSample } from '../../examples/sample-plans/index.js';

/** The agencies that issue the demo's plans. */
const AGENCIES = ['so-ngoai-vu', 'so-tu-phap'];

/** Each agency's Báo cáo over the whole simulated year (from March 2026 to the simulation's last day). */
async function runYear(seed: number) {
  const lines: string[] = [];
  const result = await simulateYear({ store: memoryStore(), seed, onProgress: (line) => lines.push(line) });
  const period = { from: '2026-03-01', to: localDate(SIMULATION_END) };
  const reports: ReportData[] = [];
  for (const unit of AGENCIES) reports.push(await collectReport({ engine: result.engine, unit, period }));
  const markdown = reports.map((report) => renderMarkdown(composeReport(report))).join('\n');
  return { result, reports, lines, markdown };
}

describe('demo year', () => {
  it('mulberry32 repeats itself for one seed and differs for another', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, mulberry32(seed).next);
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('is deterministic for a fixed seed, and its four headings add up', async () => {
    const first = await runYear(3);
    const second = await runYear(3);
    expect(second.reports).toEqual(first.reports);
    expect(second.markdown).toBe(first.markdown);
    expect(second.lines).toEqual(first.lines);
    // No command the model sends is refused; what it could not send (a unit asked for a report with
    // no open task to carry it) is listed, never dropped.
    expect(first.result.problems.filter((problem) => problem.code !== 'NO_OPEN_TASK')).toEqual([]);
    expect(first.lines[0]).toMatch(/^Tháng 3\/2026: \d+ sự kiện/);

    const sum = (key: 'total' | 'cancelled' | 'completedOnTime' | 'completedLate' | 'inTerm' | 'overdueUnfinished') => first.reports.reduce((n, report) => n + report.summary[key], 0);
    for (const { summary } of first.reports) expect(summary.completedOnTime + summary.completedLate + summary.inTerm + summary.overdueUnfinished).toBe(summary.total);
    const imported = demoPlans.map((plan) => importPlan(readSample(plan.file)).plan.tasks.length);
    expect(sum('total') + sum('cancelled')).toBe(imported.reduce((a, b) => a + b, 0));
    // The default seed shows all four headings of the summary.
    for (const key of ['completedOnTime', 'completedLate', 'inTerm', 'overdueUnfinished'] as const) expect(sum(key)).toBeGreaterThan(0);
    // The scripted moments of the year are in the log.
    const changes = first.reports.flatMap((report) => report.changes.map((change) => change.kind));
    expect(changes).toContain('extended');
    expect(changes).toContain('reassigned');
    const request = first.reports[0]!.requests.find((line) => !line.periodic);
    expect((request?.onTime.length ?? 0) + (request?.late.length ?? 0)).toBe(3);
    expect(request?.late).toHaveLength(1);
    expect(request?.missing).toHaveLength(1);
  });

  it('plans periodic reports of the periods the rules name: a half-year rule without `half` is the first half only', () => {
    const due = { month: 5, day: 25, before: true };
    expect(periodicDates({ reporting: [{ period: 'half', due }] }).map((period) => period.key)).toEqual(['2026-H1']);
    expect(periodicDates({ reporting: [{ period: 'half', half: 2, due: { month: 12, day: 20, before: true } }] }).map((period) => period.key)).toEqual(['2026-H2']);
  });

  it('renders the plan titles and the four Vietnamese headings in Markdown', async () => {
    const { reports, markdown } = await runYear(11);
    for (const { plans } of reports) for (const plan of plans) expect(markdown).toContain(plan.title.slice(1, 60));
    for (const [, label] of HEADINGS) expect(markdown).toContain(label);
    expect(HEADINGS.map(([, label]) => label)).toEqual([
      'Hoàn thành đúng hạn',
      'Hoàn thành quá hạn',
      'Chưa hoàn thành, còn trong hạn',
      'Quá hạn chưa hoàn thành',
    ]);
  });

  it("takes its plans from the importer on the sample texts, the issuer's decisions where a text is silent", async () => {
    const { result } = await runYear(3);
    const plans = importDemoPlans();
    const sameDeadline = (a: Deadline | null | undefined, b: Deadline | null | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
    for (const plan of demoPlans) {
      const { plan: draft } = importPlan(readSample(plan.file));
      const decisions = issuerDecisions.find((entry) => entry.file === plan.file)!;
      const tasks = await result.engine.getTasks(plan.planId);
      // As many tasks as the importer reads, under the refs it reads, nothing added or dropped.
      expect(tasks.length, plan.file).toBe(draft.tasks.length);
      expect(tasks.map((task) => task.ref).sort(), plan.file).toEqual(draft.tasks.map((task) => task.ref).sort());
      expect((await result.engine.getPlan(plan.planId)).title).toBe(draft.title);

      for (const task of tasks) {
        const ref = task.ref ?? task.taskId;
        const read = draft.tasks.find((t) => t.ref === ref)!;
        const exception = decisions.exceptions.find((e) => e.refs.includes(ref));
        const events = await result.engine.store.readStream(taskStream(task.taskId));
        const added = events.find((event) => event.type === 'task.added') as StoredEvent<'task.added'>;
        const assigned = events.filter((event) => event.type === 'task.assigned') as StoredEvent<'task.assigned'>[];
        expect(assigned.length, `${plan.planId} ${ref}`).toBeGreaterThanOrEqual(1);
        if (read.lead) {
          // The document's lead (reassignment aside), given on task.added and assigned when the plan was issued.
          expect(added.data.lead?.name, ref).toBe(read.lead.name);
          expect(assigned[0]!.commandId, ref).toBe(`${plan.planId}:issue`);
        } else {
          // No lead in the document: added without one, then assigned by the issuer's own command.
          expect(added.data.lead, ref).toBeNull();
          expect(assigned[0]!.commandId, ref).toBe(`${plan.planId}:issuer-decision:${ref}`);
          expect(assigned[0]!.actor.unitId, ref).toBe(draft.issuer!.id);
          expect(assigned[0]!.data.lead.name, ref).toBe((exception?.lead ?? decisions.lead)!.name);
        }
        const deadline = assigned[0]!.data.deadline;
        if (read.deadline) expect(sameDeadline(deadline, read.deadline), ref).toBe(true);
        else expect(sameDeadline(deadline, exception?.deadline ?? decisions.deadline.deadline), ref).toBe(true);
      }
      const imported = plans.find((p) => p.planId === plan.planId)!;
      expect(imported.tasks.every((task) => task.why.length > 0 || (task.leadBy === 'document' && task.deadlineBy === 'document'))).toBe(true);
    }
  });

  it('reads its plans from the sample texts, not from the hand-encoded plan', () => {
    const dir = new URL('../../examples/demo-year/', import.meta.url);
    const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8'));
    expect(Object.keys(pkg.dependencies)).not.toContain('@planlog/example-hand-encoded-plan');
    for (const file of readdirSync(new URL('src/', dir))) {
      expect(readFileSync(new URL(`src/${file}`, dir), 'utf8'), file).not.toMatch(/hand-encoded-plan\//);
    }
    expect(readFileSync(new URL('src/importSamples.ts', dir), 'utf8')).toContain("from '../../sample-plans/index.js'");
  });
});
