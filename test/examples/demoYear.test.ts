import { describe, expect, it } from 'vitest';
import { memoryStore } from '@planlog/core';
import { collectReport, type YearReport } from '../../examples/demo-year/src/collectReport.js';
import { HEADINGS, renderHtml, renderMarkdown } from '../../examples/demo-year/src/renderReport.js';
import { simulateYear } from '../../examples/demo-year/src/simulateYear.js';
import { mulberry32 } from '../../examples/demo-year/src/random.js';

async function runYear(seed: number) {
  const lines: string[] = [];
  const result = await simulateYear({ store: memoryStore(), seed, onProgress: (line) => lines.push(line) });
  const report = await collectReport(result.engine, result.plans.map((plan) => plan.planId), 2026);
  return { result, report, lines, markdown: renderMarkdown(report) };
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
    expect(second.report).toEqual(first.report);
    expect(second.markdown).toBe(first.markdown);
    expect(second.lines).toEqual(first.lines);
    // No command the model sends is refused; what it could not send (a unit asked for a report with
    // no open task to carry it) is listed, never dropped.
    expect(first.result.problems.filter((problem) => problem.code !== 'NO_OPEN_TASK')).toEqual([]);
    expect(first.lines[0]).toMatch(/^Tháng 3\/2026: \d+ sự kiện/);

    for (const { summary } of [...first.report.plans, { summary: first.report.total }]) {
      expect(summary.completedOnTime + summary.completedLate + summary.inTerm + summary.overdueUnfinished).toBe(summary.total);
    }
    expect(first.report.total.total).toBe(7 + 11 + 12);
    // The scripted moments of the year are in the log.
    const adjustments = first.report.plans.flatMap((plan) => plan.adjustments.map((adjustment) => adjustment.kind));
    expect(adjustments).toContain('extended');
    expect(adjustments).toContain('reassigned');
    const request = first.report.plans[2]!.requests.find((line) => !line.periodic);
    expect(request?.answered.length).toBe(3);
    expect(request?.answered.filter((answer) => answer.late)).toHaveLength(1);
    expect(request?.missing).toHaveLength(1);
  });

  it('renders the plan titles and the four Vietnamese headings in Markdown', async () => {
    const { report, markdown } = await runYear(11);
    for (const plan of report.plans) expect(markdown).toContain(plan.title);
    for (const [, label] of HEADINGS) expect(markdown).toContain(label);
    expect(HEADINGS.map(([, label]) => label)).toEqual([
      'Hoàn thành đúng hạn',
      'Hoàn thành quá hạn',
      'Chưa hoàn thành, còn trong hạn',
      'Quá hạn chưa hoàn thành',
    ]);
  });

  it('escapes HTML', async () => {
    const { report } = await runYear(3);
    const hostile: YearReport = {
      ...report,
      plans: report.plans.map((plan, i) => (i === 0 ? { ...plan, title: '<script>alert("x")</script> & “Chỉ thị”' } : plan)),
    };
    const html = renderHtml(hostile);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; “Chỉ thị”');
    expect(renderMarkdown(hostile)).toContain('\\<script\\>');
  });
});
