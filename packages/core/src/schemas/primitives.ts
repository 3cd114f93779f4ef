import { z } from 'zod';
import { normalizeName, unitId } from '../unitId.js';
import { ReportingDueSchema } from './reportingDue.js';

const nonEmpty = z.string().trim().min(1);

/** Who acts: every command carries one. */
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

/** Deadline kinds of design §3.1. */
export const DeadlineSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('date'), on: IsoDateSchema, before: z.boolean().optional() }),
  z.object({ kind: z.literal('month'), year: z.int().min(1900).max(9999), month: z.int().min(1).max(12) }),
  z.object({
    kind: z.literal('quarter'),
    year: z.int().min(1900).max(9999),
    quarter: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  }),
  z.object({ kind: z.literal('half'), year: z.int().min(1900).max(9999), half: z.union([z.literal(1), z.literal(2)]) }),
  z.object({ kind: z.literal('year'), year: z.int().min(1900).max(9999) }),
  // "thường xuyên; báo cáo trước ngày 15/12/2026": ongoing work that still owes a report by a date.
  z.object({ kind: z.literal('ongoing'), reportBy: z.object({ on: IsoDateSchema, before: z.boolean().optional() }).optional() }),
]);
export type Deadline = z.infer<typeof DeadlineSchema>;

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

/**
 * Zones `Intl` has accepted: building a DateTimeFormat to ask costs far more than validating the rest
 * of an event. Bounded (Intl accepts any letter case, so spellings are many); past the bound, ask again.
 */
const knownTimeZones = new Set<string>();
const KNOWN_TIME_ZONES_MAX = 1_000;

export const TimeZoneSchema = nonEmpty.refine(
  (zone) => {
    if (knownTimeZones.has(zone)) return true;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
    } catch {
      return false;
    }
    if (knownTimeZones.size < KNOWN_TIME_ZONES_MAX) knownTimeZones.add(zone);
    return true;
  },
  { message: 'unknown IANA time zone' },
);

export const IdSchema = nonEmpty.max(200);
