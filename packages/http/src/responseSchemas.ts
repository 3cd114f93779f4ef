import { z } from 'zod';
import { ActorSchema, DeadlineSchema, EVENT_TYPES, planStates, ReportingDueSchema, taskStates, type EventType } from '@planlog/core';

// The bodies the GET routes answer with, as zod schemas: they document the responses in
// /openapi.json, and the tests parse every response the server gives with them.

const nullableString = z.string().nullable();

/** A unit as the engine answers with it (core's UnitRefSchema reads events, deriving the id: a transform, not a response). */
const UnitRefSchema = z.object({ id: z.string(), name: z.string() }).meta({ id: 'UnitRef' });

const ReportingRuleSchema = z.object({
  period: z.enum(['month', 'quarter', 'half', 'nine-months', 'year', 'ad-hoc']),
  due: ReportingDueSchema.optional(),
  half: z.union([z.literal(1), z.literal(2)]).optional(),
  allowEarlyDue: z.boolean().optional(),
  to: UnitRefSchema.optional(),
});
const instant = z.string().meta({ description: 'ISO 8601 instant (UTC)' });

export const TaskReportSchema = z.object({
  at: instant,
  by: ActorSchema,
  text: z.string(),
  final: z.boolean(),
  period: nullableString,
  progress: z.number().nullable(),
  requestId: nullableString,
  status: z.enum(['progress', 'submitted', 'accepted', 'returned']),
  reviewNote: nullableString,
});

/** The task states, read from the task machine (core's `taskStates`). */
export const TaskStateSchema = z.enum(taskStates as [(typeof taskStates)[number], ...(typeof taskStates)[number][]]);
/** The plan states, read from the plan machine (core's `planStates`). */
export const PlanStateSchema = z.enum(planStates as [(typeof planStates)[number], ...(typeof planStates)[number][]]);

export const TaskViewSchema = z
  .object({
    taskId: z.string(),
    planId: z.string(),
    ref: nullableString,
    title: z.string(),
    state: TaskStateSchema,
    lead: UnitRefSchema.nullable(),
    support: z.array(UnitRefSchema),
    deadline: DeadlineSchema.nullable(),
    dueAt: instant.nullable(),
    overdue: z.boolean(),
    overdueEpisodes: z.array(z.string()),
    outcome: z.enum(['on_time', 'late']).nullable(),
    progress: z.number().nullable(),
    reports: z.array(TaskReportSchema),
    cancelReason: nullableString,
    addedAt: instant.nullable(),
    updatedAt: instant.nullable(),
    version: z.int(),
  })
  .meta({ id: 'Task' });

/** A task as the task register holds it (`queries.tasks`, `overdueTasks`, `dueWithin`). */
export const TaskRecordSchema = TaskViewSchema.pick({
  taskId: true,
  planId: true,
  ref: true,
  title: true,
  state: true,
  lead: true,
  support: true,
  deadline: true,
  dueAt: true,
  overdue: true,
  outcome: true,
  progress: true,
  updatedAt: true,
  version: true,
})
  .extend({ lastReportAt: instant.nullable(), lastReportText: nullableString })
  .meta({ id: 'TaskRecord' });

/** A plan in a list (`engine.listPlans`). */
export const PlanListItemSchema = z
  .object({
    planId: z.string(),
    title: z.string(),
    number: nullableString,
    state: PlanStateSchema,
    issuer: UnitRefSchema.nullable(),
    issuedOn: nullableString,
    taskCount: z.int(),
    draftedAt: instant.nullable(),
  })
  .meta({ id: 'PlanListItem' });

export const ReportRequestSchema = z.object({
  requestId: z.string(),
  units: z.array(UnitRefSchema),
  subject: z.string(),
  dueAt: instant,
  requestedAt: instant,
  period: nullableString,
  overdueUnits: z.array(z.string()),
});

export const PlanViewSchema = z
  .object({
    planId: z.string(),
    state: PlanStateSchema,
    title: z.string(),
    number: nullableString,
    issuedOn: nullableString,
    issuer: UnitRefSchema.nullable(),
    drafter: ActorSchema.nullable(),
    basis: z.array(z.string()),
    objectives: z.array(z.string()),
    requirements: z.array(z.string()),
    reporting: z.array(ReportingRuleSchema),
    recipients: z.array(UnitRefSchema),
    timeZone: z.string(),
    workingDays: z.boolean(),
    parentPlanId: nullableString,
    requests: z.array(ReportRequestSchema),
    taskIds: z.array(z.string()),
    draftedAt: instant.nullable(),
    closedAt: instant.nullable(),
    rules: z.int().min(1).meta({ description: 'The rules version the plan and its tasks run under (which machines decide their commands)' }),
    version: z.int(),
  })
  .meta({ id: 'Plan' });

export const PlanSummarySchema = z
  .object({
    total: z.int(),
    completedOnTime: z.int(),
    completedLate: z.int(),
    inTerm: z.int(),
    overdueUnfinished: z.int(),
    cancelled: z.int(),
    fallenDue: z.int(),
    completionRate: z.number().nullable(),
  })
  .meta({ id: 'PlanSummary' });

export const TimelineEntrySchema = z.object({
  position: z.int(),
  streamId: z.string(),
  version: z.int(),
  type: z.enum(EVENT_TYPES as [EventType, ...EventType[]]),
  recordedAt: instant,
  localTime: z.string(),
  timeZone: z.string(),
  actor: ActorSchema,
  actorName: z.string(),
  task: z.object({ taskId: z.string(), ref: nullableString, title: z.string() }).nullable(),
  description: z.object({ vi: z.string(), en: z.string() }),
  text: z.string(),
});

/** A stored event as the log keeps it (POST /tick answers with the ones it appended; GET /events streams them). */
export const EventSchema = z
  .object({
    id: z.string(),
    streamId: z.string(),
    version: z.int(),
    position: z.int(),
    type: z.enum(EVENT_TYPES as [EventType, ...EventType[]]),
    schemaVersion: z.int(),
    data: z.record(z.string(), z.unknown()),
    actor: ActorSchema,
    commandId: z.string(),
    causationId: nullableString,
    correlationId: z.string(),
    recordedAt: instant,
    hash: z.string(),
  })
  .meta({ id: 'Event' });

export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'VALIDATION, NOT_FOUND, FORBIDDEN, CONFLICT, ILLEGAL_TRANSITION, STORE; UNAUTHENTICATED (401), INTERNAL (500)' }),
      field: nullableString.meta({ description: 'The input field at fault (dotted path, or a header name), null when none' }),
      message: z.string(),
    }),
  })
  .meta({ id: 'Error' });

/** A page of a paginated query: `nextCursor` null on the last page. */
export const pageSchema = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
