import { summarizeTasks, type EventStore, type PlanSummary } from '@planlog/core';
import { planStateAsOf } from '../commands/state.js';
import { collectPlanReport, type PlanReport } from './collectPlanReport.js';

/** The report on several plans of a year (Báo cáo kết quả thực hiện các kế hoạch năm …), before rendering. */
export type YearReport = {
  year: number;
  /** The instant every plan is reported as of. */
  asOf: string;
  plans: PlanReport[];
  /** The four headings over the tasks of every plan (TỔNG HỢP CHUNG). */
  total: PlanSummary;
  /** A line under the date saying where the figures come from. */
  note?: string;
};

/** Each plan's report as of `asOf`, replayed from the log as `planlog report` does, and their total. */
export async function collectYearReport(store: EventStore, planIds: readonly string[], options: { year: number; asOf: Date; note?: string }): Promise<YearReport> {
  const plans: PlanReport[] = [];
  for (const planId of planIds) plans.push(await collectPlanReport(store, await planStateAsOf(store, planId, options.asOf.toISOString(), options.asOf)));
  return {
    year: options.year,
    asOf: options.asOf.toISOString(),
    plans,
    total: summarizeTasks(plans.flatMap((plan) => plan.tasks), options.asOf),
    ...(options.note === undefined ? {} : { note: options.note }),
  };
}
