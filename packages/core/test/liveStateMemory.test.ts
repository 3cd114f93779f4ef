/**
 * Memory by tasks, not events (issue 19): the live state keeps what decisions need, not the texts of
 * reports; `getTask` reads them from the log. Measured by structure (what the live state reaches),
 * never by heap figures or timings.
 */
import { describe, expect, it } from 'vitest';
import { LiveFold } from '../src/state/LiveFold.js';
import { issuedPlan, LEAD, SUPPORT, STP } from './fixtures.js';

/** Every string reachable from `root` (objects, arrays, maps, sets; functions are not walked). */
function reachableStrings(root: unknown, skip: readonly object[] = []): string[] {
  const seen = new Set<object>(skip);
  const strings: string[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') strings.push(value);
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (value instanceof Map) for (const [key, item] of value) stack.push(key, item);
    else if (value instanceof Set) for (const item of value) stack.push(item);
    else for (const key of Reflect.ownKeys(value)) stack.push((value as Record<PropertyKey, unknown>)[key]);
  }
  return strings;
}

/** A log with one task and four reports of `size` characters each (two by the lead, two by a support unit); the live state folded from it. */
async function foldedWithReports(size: number) {
  const { store, engine, taskId } = await issuedPlan();
  await engine.acknowledgeTask({ actor: LEAD, taskId });
  const texts = ['A', 'B', 'C', 'D'].map((letter) => `Báo cáo ${letter} `.padEnd(size, letter));
  await engine.reportTask({ actor: SUPPORT, taskId, text: texts[0]!, progress: 10 });
  await engine.reportTask({ actor: LEAD, taskId, text: texts[1]!, progress: 50 });
  await engine.reportTask({ actor: SUPPORT, taskId, text: texts[2]!, progress: 60 });
  await engine.reportTask({ actor: LEAD, taskId, text: texts[3]!, final: true });
  await engine.returnReport({ actor: STP, taskId, reason: 'Thiếu số liệu' });
  const fold = new LiveFold(store);
  await fold.catchUp();
  return { engine, taskId, texts, fold };
}

describe('the live state holds what decisions need, not report texts', () => {
  it('reaches no report text, and its strings add up to the same whatever the texts weigh', async () => {
    const small = await foldedWithReports(40);
    const large = await foldedWithReports(90_000);
    const largeStrings = reachableStrings(large.fold.live);
    for (const text of large.texts) expect(largeStrings.some((value) => value.includes(text.slice(0, 40)))).toBe(false);
    const weight = (strings: string[]) => strings.reduce((sum, value) => sum + value.length, 0);
    // Ids differ from run to run (uuid v7, same length): the weights are equal, not the strings.
    expect(weight(largeStrings)).toBe(weight(reachableStrings(small.fold.live)));
    // Of the four reports' records it keeps what decisions read: the last final report (returned).
    expect(large.fold.live.tasks.get(large.taskId)!.machineState.context.reports.map((report) => [report.final, report.status])).toEqual([[true, 'returned']]);
  });

  it('getTask still shows every report with its text, read from the log, and its review', async () => {
    const { engine, taskId, texts } = await foldedWithReports(5_000);
    const task = await engine.getTask(taskId);
    expect(task.reports.map((report) => report.text)).toEqual(texts);
    expect(task.reports.map((report) => [report.by.unitId, report.status])).toEqual([
      [SUPPORT.unitId, 'progress'],
      [LEAD.unitId, 'progress'],
      [SUPPORT.unitId, 'progress'],
      [LEAD.unitId, 'returned'],
    ]);
    const [inPlan] = await engine.getTasks(task.planId);
    expect(inPlan!.reports.map((report) => report.text)).toEqual(texts);
    const replayed = await engine.replay({ streamId: `task-${taskId}` });
    expect(replayed.tasks[0]!.reports.map((report) => report.text)).toEqual(texts);
    // The task register's last report is the last report's text.
    const page = await engine.queries.tasks({ planId: task.planId });
    expect(page.items[0]!.lastReportText).toBe(texts[3]);
  });

  it("an engine that folds large reports and never queries keeps none of them in its projection runner's backlog", async () => {
    const { store, engine, taskId } = await issuedPlan();
    await engine.acknowledgeTask({ actor: LEAD, taskId });
    const text = (i: number) => `Báo cáo ${i} `.padEnd(99_000, 'x');
    for (let i = 0; i < 90; i++) await engine.reportTask({ actor: LEAD, taskId, text: text(i), progress: i % 100 });
    const held = reachableStrings(engine.projections, [store, engine.readModels]);
    expect(held.filter((value) => value.length >= 99_000)).toHaveLength(0);
    // The queries still see every report (the runner folds the log once on its own).
    const page = await engine.queries.tasks({ planId: (await engine.getTask(taskId)).planId });
    expect(page.items[0]!.lastReportText).toBe(text(89));
  });
});
