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

/** Command ids of the events planlog appends by itself (tick, repairs): refused from callers, so the two never meet. */
export const SYSTEM_COMMAND_ID_PREFIX = '@planlog:';

const base = {
  actor: ActorSchema,
  commandId: IdSchema.refine((id) => !id.startsWith(SYSTEM_COMMAND_ID_PREFIX), {
    message: `must not start with "${SYSTEM_COMMAND_ID_PREFIX}" (kept for the events planlog appends itself)`,
  }).optional(),
  correlationId: IdSchema.optional(),
  causationId: IdSchema.optional(),
};
const text = z.string().trim().min(1);

/** zod schema of every command (design §3.1); the engine parses each input with its schema. */
export const commandSchemas = {
  draftPlan: z.object({
    ...base,
    title: text,
    planId: IdSchema.optional(),
    issuer: UnitRefSchema.optional(),
    basis: z.array(text).default([]),
    objectives: z.array(text).default([]),
    requirements: z.array(text).default([]),
    reporting: z.array(ReportingRuleSchema).default([]),
    recipients: z.array(UnitRefSchema).default([]),
    timeZone: TimeZoneSchema.default('Asia/Ho_Chi_Minh'),
    /** Deadlines and report dues ending on a day off move to the next working day (Civil Code Art. 148(5)). */
    workingDays: z.boolean().optional(),
    parentPlanId: IdSchema.optional(),
  }),
  addTask: z.object({
    ...base,
    planId: IdSchema,
    title: text,
    ref: text.optional(),
    taskId: IdSchema.optional(),
    lead: UnitRefSchema.optional(),
    support: z.array(UnitRefSchema).default([]),
    deadline: DeadlineSchema.optional(),
  }),
  issuePlan: z.object({ ...base, planId: IdSchema, number: text, issuedOn: IsoDateSchema }),
  assignTask: z.object({
    ...base,
    taskId: IdSchema,
    lead: UnitRefSchema,
    support: z.array(UnitRefSchema).default([]),
    deadline: DeadlineSchema,
  }),
  acknowledgeTask: z.object({ ...base, taskId: IdSchema }),
  reportTask: z.object({
    ...base,
    taskId: IdSchema,
    text,
    final: z.boolean().default(false),
    period: text.optional(),
    progress: z.number().min(0).max(100).optional(),
    requestId: IdSchema.optional(),
  }),
  acceptReport: z.object({ ...base, taskId: IdSchema, note: text.optional() }),
  returnReport: z.object({ ...base, taskId: IdSchema, reason: text }),
  extendDeadline: z.object({ ...base, taskId: IdSchema, deadline: DeadlineSchema, reason: text }),
  reassignTask: z.object({
    ...base,
    taskId: IdSchema,
    lead: UnitRefSchema,
    support: z.array(UnitRefSchema).optional(),
    reason: text,
  }),
  cancelTask: z.object({ ...base, taskId: IdSchema, reason: text }),
  requestReport: z.object({
    ...base,
    planId: IdSchema,
    units: z
      .array(UnitRefSchema)
      .min(1)
      .superRefine((units, context) => {
        const seen = new Set<string>();
        units.forEach((unit, index) => {
          if (seen.has(unit.id)) context.addIssue({ code: 'custom', message: `names unit ${unit.id} twice`, path: [index] });
          seen.add(unit.id);
        });
      }),
    subject: text,
    dueAt: InstantSchema,
    requestId: IdSchema.optional(),
  }),
  closePlan: z.object({ ...base, planId: IdSchema, note: text.optional() }),
} as const;

export type CommandName = keyof typeof commandSchemas;
/** What a caller passes (defaults optional). */
export type CommandInput<C extends CommandName> = z.input<(typeof commandSchemas)[C]>;
/** A command after parsing (defaults filled, names normalised). */
export type Command<C extends CommandName> = z.output<(typeof commandSchemas)[C]>;

export type DraftPlanCommand = CommandInput<'draftPlan'>;
export type AddTaskCommand = CommandInput<'addTask'>;
export type IssuePlanCommand = CommandInput<'issuePlan'>;
export type AssignTaskCommand = CommandInput<'assignTask'>;
export type AcknowledgeTaskCommand = CommandInput<'acknowledgeTask'>;
export type ReportTaskCommand = CommandInput<'reportTask'>;
export type AcceptReportCommand = CommandInput<'acceptReport'>;
export type ReturnReportCommand = CommandInput<'returnReport'>;
export type ExtendDeadlineCommand = CommandInput<'extendDeadline'>;
export type ReassignTaskCommand = CommandInput<'reassignTask'>;
export type CancelTaskCommand = CommandInput<'cancelTask'>;
export type RequestReportCommand = CommandInput<'requestReport'>;
export type ClosePlanCommand = CommandInput<'closePlan'>;
