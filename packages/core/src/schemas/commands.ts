import { z } from 'zod';
import {
  ActorInputSchema,
  DeadlineInputSchema,
  IdInputSchema,
  InstantInputSchema,
  IsoDateInputSchema,
  ReportingRuleInputSchema,
  TEXT_BOUNDS,
  textInput,
  TimeZoneInputSchema,
  UnitRefInputSchema,
} from './primitives.js';

/** Command ids of the events planlog appends by itself (tick, repairs): refused from callers, so the two never meet. */
export const SYSTEM_COMMAND_ID_PREFIX = '@planlog:';

// Every field of a command is held to the text hygiene of primitives.ts (design §3.2): ids NFC and
// trimmed, texts stored exactly as sent, every length bounded, dates in 1900–2200.
const IdSchema = IdInputSchema;
const UnitRefSchema = UnitRefInputSchema;
const DeadlineSchema = DeadlineInputSchema;
const units = z.array(UnitRefSchema).max(TEXT_BOUNDS.list);
const notes = z.array(textInput(TEXT_BOUNDS.note)).max(TEXT_BOUNDS.list);

const base = {
  actor: ActorInputSchema,
  commandId: IdSchema.refine((id) => !id.startsWith(SYSTEM_COMMAND_ID_PREFIX), {
    message: `must not start with "${SYSTEM_COMMAND_ID_PREFIX}" (kept for the events planlog appends itself)`,
  }).optional(),
  correlationId: IdSchema.optional(),
  causationId: IdSchema.optional(),
};
const title = textInput(TEXT_BOUNDS.title);
const note = textInput(TEXT_BOUNDS.note);
const label = textInput(TEXT_BOUNDS.label);

/** zod schema of every command (design §3.1); the engine parses each input with its schema. */
export const commandSchemas = {
  draftPlan: z.object({
    ...base,
    title,
    planId: IdSchema.optional(),
    issuer: UnitRefSchema.optional(),
    basis: notes.default([]),
    objectives: notes.default([]),
    requirements: notes.default([]),
    reporting: z.array(ReportingRuleInputSchema).max(TEXT_BOUNDS.list).default([]),
    recipients: units.default([]),
    timeZone: TimeZoneInputSchema.default('Asia/Ho_Chi_Minh'),
    /** Deadlines and report dues ending on a day off move to the next working day (Civil Code Art. 148(5)). */
    workingDays: z.boolean().optional(),
    parentPlanId: IdSchema.optional(),
    /** The rules version the plan runs under (default `DEFAULT_RULES_VERSION`, 1); must be one this planlog carries. */
    rules: z.int().min(1).max(1000).optional(),
  }),
  addTask: z.object({
    ...base,
    planId: IdSchema,
    title,
    ref: label.optional(),
    taskId: IdSchema.optional(),
    lead: UnitRefSchema.optional(),
    support: units.default([]),
    deadline: DeadlineSchema.optional(),
  }),
  issuePlan: z.object({ ...base, planId: IdSchema, number: label, issuedOn: IsoDateInputSchema }),
  assignTask: z.object({
    ...base,
    taskId: IdSchema,
    lead: UnitRefSchema,
    support: units.default([]),
    deadline: DeadlineSchema,
  }),
  acknowledgeTask: z.object({ ...base, taskId: IdSchema }),
  reportTask: z.object({
    ...base,
    taskId: IdSchema,
    text: textInput(TEXT_BOUNDS.reportText),
    final: z.boolean().default(false),
    period: label.optional(),
    progress: z.number().min(0).max(100).optional(),
    requestId: IdSchema.optional(),
  }),
  acceptReport: z.object({ ...base, taskId: IdSchema, note: note.optional() }),
  returnReport: z.object({ ...base, taskId: IdSchema, reason: note }),
  extendDeadline: z.object({ ...base, taskId: IdSchema, deadline: DeadlineSchema, reason: note }),
  reassignTask: z.object({
    ...base,
    taskId: IdSchema,
    lead: UnitRefSchema,
    support: units.optional(),
    reason: note,
  }),
  cancelTask: z.object({ ...base, taskId: IdSchema, reason: note }),
  requestReport: z.object({
    ...base,
    planId: IdSchema,
    units: units
      .min(1)
      .superRefine((units, context) => {
        const seen = new Set<string>();
        units.forEach((unit, index) => {
          if (seen.has(unit.id)) context.addIssue({ code: 'custom', message: `names unit ${unit.id} twice`, path: [index] });
          seen.add(unit.id);
        });
      }),
    subject: title,
    dueAt: InstantInputSchema,
    requestId: IdSchema.optional(),
  }),
  closePlan: z.object({ ...base, planId: IdSchema, note: note.optional() }),
  /** Move a plan to a later rules version (issuer only): commands decided after it follow that version. */
  upgradeRules: z.object({ ...base, planId: IdSchema, version: z.int().min(1).max(1000), note: note.optional() }),
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
export type UpgradeRulesCommand = CommandInput<'upgradeRules'>;
