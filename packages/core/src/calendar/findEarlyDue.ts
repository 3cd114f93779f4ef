import { DEFAULT_TIME_ZONE } from './localTime.js';
import { decree09Calendar, periodCutOffAt, periodDueAt, periodsOfRule, type ReportingCalendar, type ReportingPeriod } from './reportingCalendar.js';
import type { ReportingRule } from '../schemas/primitives.js';

/**
 * The first period of `years` whose report the rule makes due before the period's data window
 * closes (a half-year report due 25/5 for a window to 14/6), or `undefined`. Only a rule's own due
 * date can do that; the default due date comes after the cut-off. Ad-hoc rules have no period.
 */
export function findEarlyDue(
  rule: Pick<ReportingRule, 'period' | 'half' | 'due'>,
  { calendar = decree09Calendar, timeZone = DEFAULT_TIME_ZONE, years }: { calendar?: ReportingCalendar; timeZone?: string; years: readonly number[] },
): { period: ReportingPeriod; dueAt: Date; cutOffAt: Date } | undefined {
  if (!rule.due) return undefined;
  for (const year of years) {
    for (const period of periodsOfRule(calendar, rule, year)) {
      const dueAt = periodDueAt(period, rule, timeZone);
      const cutOffAt = periodCutOffAt(period, timeZone);
      if (dueAt.getTime() < cutOffAt.getTime()) return { period, dueAt, cutOffAt };
    }
  }
  return undefined;
}
