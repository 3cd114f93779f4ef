import { z } from 'zod';
import {
  ActorSchema,
  DeadlineSchema,
  IdSchema,
  InstantSchema,
  IsoDateSchema,
  ReportingRuleSchema,
  TimeZoneSchema,
  UnitRefSchema,
} from './primitives.js';

/** A stream id (`plan-…`, `task-…`): a non-empty string without surrounding white space, at most 256 characters. */
export const StreamIdSchema = z
  .string()
  .min(1)
  .max(256)
  .refine((id) => id === id.trim(), { message: 'must not start or end with white space' });

/** Current schema version of every event type. */
export const SCHEMA_VERSION = 1;

const nullableText = z.string().nullable();

/** The data of each event type: the log's vocabulary (design §3). */
export const eventDataSchemas = {
  'plan.drafted': z.object({
    planId: IdSchema,
    title: z.string().min(1),
    issuer: UnitRefSchema,
    basis: z.array(z.string()),
    objectives: z.array(z.string()),
    requirements: z.array(z.string()),
    reporting: z.array(ReportingRuleSchema),
    recipients: z.array(UnitRefSchema),
    timeZone: TimeZoneSchema,
    /** Present (true) when the plan moves time limits off days off; absent in older logs and for other plans. */
    workingDays: z.literal(true).optional(),
    parentPlanId: IdSchema.nullable(),
    /** The rules version the plan runs under (machines/rulesVersions.ts); absent in older logs, which run under version 1. */
    rules: z.int().min(1).max(1000).optional(),
  }),
  'plan.issued': z.object({ number: z.string().min(1), issuedOn: IsoDateSchema }),
  'plan.closed': z.object({ note: nullableText }),
  /** The issuer moved the plan to a later rules version: commands decided after it follow `to`. */
  'plan.rules_upgraded': z.object({ from: z.int().min(1).max(1000), to: z.int().min(1).max(1000), note: nullableText }),
  'task.added': z.object({
    taskId: IdSchema,
    planId: IdSchema,
    ref: nullableText,
    title: z.string().min(1),
    lead: UnitRefSchema.nullable(),
    support: z.array(UnitRefSchema),
    deadline: DeadlineSchema.nullable(),
    dueAt: InstantSchema.nullable(),
  }),
  'task.assigned': z.object({
    lead: UnitRefSchema,
    support: z.array(UnitRefSchema),
    deadline: DeadlineSchema,
    dueAt: InstantSchema.nullable(),
  }),
  'task.acknowledged': z.object({}),
  'task.reported': z.object({
    text: z.string().min(1),
    final: z.boolean(),
    period: nullableText,
    progress: z.number().min(0).max(100).nullable(),
    requestId: IdSchema.nullable(),
  }),
  'task.report_accepted': z.object({ note: nullableText }),
  'task.report_returned': z.object({ reason: z.string().min(1) }),
  'task.deadline_extended': z.object({ deadline: DeadlineSchema, dueAt: InstantSchema.nullable(), reason: z.string().min(1) }),
  'task.reassigned': z.object({ lead: UnitRefSchema, support: z.array(UnitRefSchema), reason: z.string().min(1) }),
  'task.cancelled': z.object({ reason: z.string().min(1) }),
  'task.overdue': z.object({ dueAt: InstantSchema }),
  'report.requested': z.object({
    requestId: IdSchema,
    units: z.array(UnitRefSchema).min(1),
    subject: z.string().min(1),
    dueAt: InstantSchema,
    /** The reporting period of a periodic obligation ("2026-H1"), absent for an ad-hoc request. */
    period: z.string().min(1).optional(),
  }),
  'report.overdue': z.object({ requestId: IdSchema, unit: UnitRefSchema, dueAt: InstantSchema }),
} as const;

export type EventType = keyof typeof eventDataSchemas;
export const EVENT_TYPES = Object.keys(eventDataSchemas) as EventType[];
export type EventData<T extends EventType> = z.output<(typeof eventDataSchemas)[T]>;

/** An event as a command decides it, before the store gives it a version and position. */
export type NewEvent<T extends EventType = EventType> = {
  [K in T]: {
    id: string;
    type: K;
    schemaVersion: number;
    data: EventData<K>;
    actor: z.infer<typeof ActorSchema>;
    commandId: string;
    causationId: string | null;
    correlationId: string;
    recordedAt: string;
  };
}[T];

/** An event as the store holds it. */
export type StoredEvent<T extends EventType = EventType> = NewEvent<T> & {
  streamId: string;
  version: number;
  position: number;
  hash: string;
};

const envelopeFields = {
  id: z.uuid(),
  schemaVersion: z.int().min(1),
  actor: ActorSchema,
  commandId: IdSchema,
  causationId: IdSchema.nullable(),
  correlationId: IdSchema,
  recordedAt: InstantSchema,
};

/**
 * The event schemas as zod interprets them. The exported schemas are these compiled by zod
 * (`z.compile`): the same rules run as generated code, several times faster, with any input the
 * generated code refuses handed to this interpreter, so errors read as before. Exported for the test
 * that proves the two equal; callers use `NewEventSchema` and `StoredEventSchema`.
 */
export const interpretedEventSchemas = {
  NewEvent: z.discriminatedUnion(
    'type',
    EVENT_TYPES.map((type) => z.object({ ...envelopeFields, type: z.literal(type), data: eventDataSchemas[type] })) as unknown as [
      z.ZodObject,
      ...z.ZodObject[],
    ],
  ),
  StoredEvent: z.discriminatedUnion(
    'type',
    EVENT_TYPES.map((type) =>
      z.object({
        ...envelopeFields,
        type: z.literal(type),
        data: eventDataSchemas[type],
        streamId: StreamIdSchema,
        version: z.int().min(1),
        position: z.int().min(1),
        hash: z.string().regex(/^[0-9a-f]{64}$/),
      }),
    ) as unknown as [z.ZodObject, ...z.ZodObject[]],
  ),
};

/** zod schema of a new event (any type), discriminated by `type`; checked on append and on read. */
export const NewEventSchema = z.compile(interpretedEventSchemas.NewEvent);

/** zod schema of a stored event, as an exported log holds it. */
export const StoredEventSchema = z.compile(interpretedEventSchemas.StoredEvent);
