import { endOfTimeLimit } from '../calendar/endOfTimeLimit.js';
import { vietnamWorkingDays, type WorkingDayCalendar } from '../calendar/workingDays.js';
import type { PlanContext } from '../machines/planMachine.js';
import { decree09Calendar, DEFAULT_REPORT_DUE_LAG_DAYS, periodDueAt, type ReportingCalendar, type ReportingPeriod } from '../calendar/reportingCalendar.js';
import { resolveDeadline } from '../calendar/resolveDeadline.js';
import type { Deadline, ReportingRule } from '../schemas/primitives.js';

/** The calendars an engine computes due instants with (engine options `reportingCalendar`, `workingDayCalendar`, `reportDueLagDays`). */
export type CalendarSettings = { reporting: ReportingCalendar; workingDays: WorkingDayCalendar; dueLagDays: number };

export function calendarSettings(options: { reportingCalendar?: ReportingCalendar; workingDayCalendar?: WorkingDayCalendar; reportDueLagDays?: number }): CalendarSettings {
  return {
    reporting: options.reportingCalendar ?? decree09Calendar,
    workingDays: options.workingDayCalendar ?? vietnamWorkingDays(),
    dueLagDays: options.reportDueLagDays ?? DEFAULT_REPORT_DUE_LAG_DAYS,
  };
}

type PlanTime = Pick<PlanContext, 'timeZone' | 'workingDays'>;

/** A task's due instant in its plan's time zone, moved off a day off when the plan counts working days; null for ongoing work. */
export function taskDueAt(deadline: Deadline, plan: PlanTime, settings: CalendarSettings): string | null {
  const at = resolveDeadline(deadline, plan.timeZone);
  if (at === null) return null;
  return (plan.workingDays ? endOfTimeLimit(at, plan.timeZone, settings.workingDays) : at).toISOString();
}

/** A periodic report's due instant for a plan (its rule's due form, the engine's lag, the plan's working-day choice). */
export function reportDueAt(period: ReportingPeriod, rule: Pick<ReportingRule, 'due'>, plan: PlanTime, settings: CalendarSettings): Date {
  return periodDueAt(period, rule, plan.timeZone, { dueLagDays: settings.dueLagDays, workingDays: settings.workingDays, moveOffDays: plan.workingDays });
}
