import { DeadlineSchema, PlanlogError, type Deadline } from '@planlog/core';
import type { Lang } from './lang.js';

const FORMS = '2026-Q2, 2026-06, 2026-H1, 2026, 2026-05-25, before:2026-05-25, ongoing';

/**
 * A deadline as written on the command line: `2026-Q2` (a quarter), `2026-06` (a month), `2026-H1`
 * (a half year), `2026` (a year), `2026-05-25` (end of that day), `before:2026-05-25` (00:00 of that
 * day, "trước ngày"), `ongoing` ("thường xuyên"). Anything else is VALIDATION naming the option.
 */
export function parseDeadline(value: string, option: string, lang: Lang): Deadline {
  const text = value.trim().toLowerCase();
  let deadline: unknown = null;
  let match: RegExpExecArray | null;
  if (text === 'ongoing' || text === 'thuong-xuyen' || text === 'thường xuyên') deadline = { kind: 'ongoing' };
  else if ((match = /^(\d{4})-q([1-4])$/.exec(text))) deadline = { kind: 'quarter', year: Number(match[1]), quarter: Number(match[2]) };
  else if ((match = /^(\d{4})-h([12])$/.exec(text))) deadline = { kind: 'half', year: Number(match[1]), half: Number(match[2]) };
  else if ((match = /^(\d{4})-(\d{2})$/.exec(text))) deadline = { kind: 'month', year: Number(match[1]), month: Number(match[2]) };
  else if ((match = /^(\d{4})$/.exec(text))) deadline = { kind: 'year', year: Number(match[1]) };
  else if ((match = /^(before:)?(\d{4}-\d{2}-\d{2})$/.exec(text))) deadline = { kind: 'date', on: match[2], ...(match[1] ? { before: true } : {}) };
  const parsed = deadline === null ? null : DeadlineSchema.safeParse(deadline);
  if (parsed?.success) return parsed.data;
  const message =
    lang === 'vi'
      ? `${option}: không đọc được thời hạn "${value}"; viết theo một trong các dạng: ${FORMS}`
      : `${option}: cannot read the deadline "${value}"; write one of: ${FORMS}`;
  throw new PlanlogError('VALIDATION', message, { field: option.replace(/^--/, '') });
}
