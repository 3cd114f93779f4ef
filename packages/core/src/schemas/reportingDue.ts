import { z } from 'zod';

const day = z.int().min(1).max(31);

/**
 * When a period's report is due, as a plan writes it. Three forms, each read against the period's
 * data cut-off (its window's last day):
 * - a fixed date, `{ month, day, before, nextYear? }` ("trước ngày 25 tháng 5"; "trước ngày 05 tháng 01
 *   năm sau": `nextYear: true`), in the year the window closes, or the next;
 * - a day of a month counted from the cut-off's month, `{ day, before, monthsAfterCutOff }` ("trước ngày
 *   20 hằng tháng", "trước ngày 18 của tháng cuối quý": 0; "ngày 05 tháng đầu quý sau": 1);
 * - days after the cut-off, `{ daysAfterCutOff, working? }` ("chậm nhất 02 ngày làm việc sau ngày chốt số
 *   liệu": 2, working). The report is due at the end of that day.
 * `before: true` is "trước ngày D": due at 00:00 of D (D itself is late); otherwise at the end of D.
 * Objects are strict, so one cannot be read as another.
 */
export const ReportingDueSchema = z.union([
  z.strictObject({ month: z.int().min(1).max(12), day, before: z.boolean(), nextYear: z.boolean().optional() }),
  z.strictObject({ day, before: z.boolean(), monthsAfterCutOff: z.int().min(0).max(12) }),
  z.strictObject({ daysAfterCutOff: z.int().min(0).max(366), working: z.boolean().optional() }),
]);
export type ReportingDue = z.infer<typeof ReportingDueSchema>;
