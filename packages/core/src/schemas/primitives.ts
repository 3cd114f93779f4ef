import { z } from 'zod';
import { FIRST_YEAR, LAST_YEAR } from '../base/yearRange.js';
import { normalizeName, unitId } from './unitId.js';
import { ReportingDueSchema } from './reportingDue.js';

// ---------------------------------------------------------------------------------------------------
// Text hygiene (design §3.2). Commands are checked by the `…InputSchema`s below: every string
// well-formed UTF-16 without NUL, ids NFC and trimmed, lengths bounded, dates between 1900 and 2200.
// Events are read with the older, looser schemas further down, so that a log written before these
// rules still reads; only what a caller sends now is held to them.
// ---------------------------------------------------------------------------------------------------

/** The longest text each kind of field takes (characters, UTF-16 code units). */
export const TEXT_BOUNDS = {
  /** Plan, task, unit, request, command, correlation and user ids. */
  id: 200,
  /** A plan's or a task's title, a report request's subject. */
  title: 2_000,
  /** The text of a report. */
  reportText: 100_000,
  /** Reasons, notes, and each item of a plan's basis, objectives and requirements. */
  note: 10_000,
  /** A unit's name. */
  name: 500,
  /** Short labels: a plan's number, a task's ref, a report's period, a time zone. */
  label: 200,
  /** The items of any list (basis, objectives, units, …). */
  list: 1_000,
} as const;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string is well-formed UTF-16 (no lone surrogate) and free of NUL: what every store can keep as sent. */
export function isCleanText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

/** Why a string cannot be stored as sent, or null when it can. */
export function uncleanTextReason(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed UTF-16 (it holds a lone surrogate)';
  return null;
}

/** planlog's own actors (`planlog/tick`, `planlog/assign`: unit id `planlog`) and any unit id in their name space. */
export function isReservedUnitId(id: string): boolean {
  return /^planlog(?:$|[/:])/i.test(id);
}

const cleanString = (max: number) =>
  z
    .string()
    .max(max)
    .superRefine((text, context) => {
      const reason = uncleanTextReason(text);
      if (reason !== null) context.addIssue({ code: 'custom', message: reason });
    });

/** A free text of a command: stored exactly as sent (not trimmed, not normalised); not blank; at most `max` characters. */
export const textInput = (max: number) =>
  cleanString(max).refine((text) => text.trim().length > 0, { message: 'must not be blank' });

/** An id of a command (plan, task, unit, request, command, correlation, user): as sent, so it must already be NFC and trimmed. */
export const IdInputSchema = cleanString(TEXT_BOUNDS.id)
  .min(1)
  .refine((id) => id === id.trim(), { message: 'must not start or end with white space' })
  .refine((id) => id === id.normalize('NFC'), { message: 'must be in Unicode NFC' });

/** Who acts, as a command names it: planlog's own actors are refused (VALIDATION on `actor.unitId`). */
export const ActorInputSchema = z.object({
  unitId: IdInputSchema.refine((id) => !isReservedUnitId(id), { message: 'is reserved for planlog itself (planlog/tick, planlog/assign)' }),
  userId: IdInputSchema.optional(),
});

/** A unit as a command names it: an id that is clean and not reserved (given, or derived from the name), the name NFC. */
export const UnitRefInputSchema = z
  .object({ id: IdInputSchema.optional(), name: textInput(TEXT_BOUNDS.name) })
  .superRefine(({ id, name }, context) => {
    const derived = id ?? unitId(normalizeName(name));
    if (derived.length === 0) context.addIssue({ code: 'custom', message: 'has no letter or digit to make a unit id of; give an id', path: ['name'] });
    else if (isReservedUnitId(derived)) context.addIssue({ code: 'custom', message: 'is reserved for planlog itself', path: ['id'] });
  })
  .transform(({ id, name }) => {
    const normalized = normalizeName(name);
    return { id: id ?? unitId(normalized), name: normalized };
  });

const yearInput = z.int().min(FIRST_YEAR).max(LAST_YEAR);

/** A calendar date of a command, YYYY-MM-DD, in 1900–2200. */
export const IsoDateInputSchema = z.iso
  .date()
  .refine((date) => inYears(Number(date.slice(0, 4))), { message: `must fall in the years ${FIRST_YEAR}–${LAST_YEAR}` });

/** An ISO instant of a command, with an offset, in 1900–2200 (UTC). */
export const InstantInputSchema = z.iso
  .datetime({ offset: true })
  .refine((instant) => inYears(new Date(instant).getUTCFullYear()), { message: `must fall in the years ${FIRST_YEAR}–${LAST_YEAR}` });

function inYears(year: number): boolean {
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

// ---------------------------------------------------------------------------------------------------
// The schemas events are read (and stores append) with: what logs written so far may hold.
// ---------------------------------------------------------------------------------------------------

const nonEmpty = z.string().trim().min(1);

/** Who acts: every event carries one. */
export const ActorSchema = z.object({ unitId: nonEmpty, userId: nonEmpty.optional() });
export type Actor = z.infer<typeof ActorSchema>;

/** A unit: stable id (slug of the NFC name unless given) and the name as written (NFC). */
export const UnitRefSchema = z
  .object({ id: nonEmpty.optional(), name: nonEmpty })
  .transform(({ id, name }) => {
    const normalized = normalizeName(name);
    return { id: id ?? unitId(normalized), name: normalized };
  });
export type UnitRef = { id: string; name: string };

export const IsoDateSchema = z.iso.date();
export const InstantSchema = z.iso.datetime({ offset: true });

/** The deadline kinds of design §3.1, with a schema for their years and dates. */
function deadlineSchema(year: z.ZodType<number>, date: z.ZodType<string>) {
  return z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('date'), on: date, before: z.boolean().optional() }),
    z.object({ kind: z.literal('month'), year, month: z.int().min(1).max(12) }),
    z.object({ kind: z.literal('quarter'), year, quarter: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]) }),
    z.object({ kind: z.literal('half'), year, half: z.union([z.literal(1), z.literal(2)]) }),
    z.object({ kind: z.literal('year'), year }),
    // "thường xuyên; báo cáo trước ngày 15/12/2026": ongoing work that still owes a report by a date.
    z.object({ kind: z.literal('ongoing'), reportBy: z.object({ on: date, before: z.boolean().optional() }).optional() }),
  ]);
}

/** Deadline kinds of design §3.1, as events hold them. */
export const DeadlineSchema = deadlineSchema(z.int().min(1900).max(9999), IsoDateSchema);
export type Deadline = z.infer<typeof DeadlineSchema>;

/** A deadline as a command gives it: years and dates in 1900–2200. */
export const DeadlineInputSchema = deadlineSchema(yearInput, IsoDateInputSchema);

export const ReportPeriodSchema = z.enum(['month', 'quarter', 'half', 'nine-months', 'year', 'ad-hoc']);

/**
 * A plan's reporting regime entry ("báo cáo 6 tháng trước ngày 25 tháng 5"). `half: 2` is the second
 * half ("6 tháng cuối năm"); a half-year rule without it is the first. `allowEarlyDue`: the plan
 * wants the report before the period's data window closes (refused otherwise).
 */
export const ReportingRuleSchema = z.object({
  period: ReportPeriodSchema,
  due: ReportingDueSchema.optional(),
  half: z.union([z.literal(1), z.literal(2)]).optional(),
  allowEarlyDue: z.boolean().optional(),
  to: UnitRefSchema.optional(),
});
export type ReportingRule = z.infer<typeof ReportingRuleSchema>;

/** The same, as a command gives it. */
export const ReportingRuleInputSchema = ReportingRuleSchema.extend({ to: UnitRefInputSchema.optional() });

/**
 * Zones `Intl` has accepted: building a DateTimeFormat to ask costs far more than validating the rest
 * of an event. Bounded (Intl accepts any letter case, so spellings are many); past the bound, ask again.
 */
const knownTimeZones = new Set<string>();
const KNOWN_TIME_ZONES_MAX = 1_000;

function isTimeZone(zone: string): boolean {
  if (knownTimeZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return false;
  }
  if (knownTimeZones.size < KNOWN_TIME_ZONES_MAX) knownTimeZones.add(zone);
  return true;
}

export const TimeZoneSchema = nonEmpty.refine(isTimeZone, { message: 'unknown IANA time zone' });

/** A time zone as a command gives it: clean, at most 200 characters, known to `Intl`. */
export const TimeZoneInputSchema = IdInputSchema.refine(isTimeZone, { message: 'unknown IANA time zone' });

export const IdSchema = nonEmpty.max(200);
