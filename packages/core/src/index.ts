// The public surface of @planlog/core.
export { PlanlogError, isPlanlogError, type ErrorCode } from './base/errors.js';
export { unitId, unitRef, normalizeName } from './schemas/unitId.js';
export { manualClock, systemClock, type Clock, type ManualClock } from './base/clock.js';
export { FIRST_YEAR, LAST_YEAR } from './base/yearRange.js';
export { resolveDeadline, dueAtOf } from './calendar/resolveDeadline.js';
export { localDate, localMidnight, DEFAULT_TIME_ZONE } from './calendar/localTime.js';
export {
  ActorSchema,
  ActorInputSchema,
  UnitRefInputSchema,
  DeadlineInputSchema,
  IdInputSchema,
  TEXT_BOUNDS,
  isCleanText,
  isReservedUnitId,
  UnitRefSchema,
  DeadlineSchema,
  ReportingRuleSchema,
  type Actor,
  type UnitRef,
  type Deadline,
  type ReportingRule,
} from './schemas/primitives.js';
export { ReportingDueSchema, type ReportingDue } from './schemas/reportingDue.js';
export {
  eventDataSchemas,
  NewEventSchema,
  StoredEventSchema,
  EVENT_TYPES,
  SCHEMA_VERSION,
  type EventType,
  type EventData,
  type NewEvent,
  type StoredEvent,
} from './schemas/events.js';
export {
  commandSchemas,
  SYSTEM_COMMAND_ID_PREFIX,
  type CommandName,
  type CommandInput,
  type Command,
  type DraftPlanCommand,
  type AddTaskCommand,
  type IssuePlanCommand,
  type AssignTaskCommand,
  type AcknowledgeTaskCommand,
  type ReportTaskCommand,
  type AcceptReportCommand,
  type ReturnReportCommand,
  type ExtendDeadlineCommand,
  type ReassignTaskCommand,
  type CancelTaskCommand,
  type RequestReportCommand,
  type ClosePlanCommand,
} from './schemas/commands.js';
export { upcastEvent, upcasters, type Upcaster, type UpcasterRegistry, type UpcastOptions } from './schemas/upcast.js';
export { chasedTaskStates, finishedTaskStates, obligedTaskStates, taskMachine, taskStates, type TaskContext, type TaskOutcome, type TaskReport, type TaskState } from './machines/taskMachine.js';
export { statesTagged } from './machines/statesTagged.js';
export { planMachine, planStates, type PlanContext, type PlanState, type ReportRequest } from './machines/planMachine.js';
export { decide, fold, initialSnapshotOf } from './machines/decide.js';
export { evolve, evolveCompiled, type MachineKind } from './machines/evolve.js';
export {
  compiledRules,
  DEFAULT_RULES_VERSION,
  LATEST_RULES_VERSION,
  rulesVersion,
  rulesVersions,
  type CompiledRules,
  type RulesVersion,
} from './machines/rulesVersions.js';
export { REMOVED_IN_TASK_V2, taskMachineV2 } from './machines/taskMachineV2.js';
export {
  compileMachine,
  MachineCompileError,
  type CompiledMachine,
  type CompiledMachineOf,
  type CompiledState,
} from './machines/compileMachine.js';
export type { MachineEvent } from './machines/machineEvent.js';
export type { EventStore, AppendOptions, StreamAppend, AppendResult, ExpectedVersion } from './store/EventStore.js';
export { memoryStore, type MemoryEventStore } from './store/memoryStore.js';
export type { ParkedEvent } from './store/ConsumerCheckpoints.js';
export { systemTimers, type Timers } from './base/timers.js';
export { subscribeToLog, type SubscribeOptions, type Subscription } from './consumers/subscribeToLog.js';
export { startConsumer, type Consumer, type ConsumerOptions, type HandleContext } from './consumers/startConsumer.js';
export { verifyLog, type VerifyAnchor, type VerifyOptions, type VerifyProgress, type VerifyResult } from './audit/verifyLog.js';
export type { ChainBreak } from './audit/chainCheck.js';
export { signAnchor, checkSignedAnchor, anchorMessage, keyFingerprint, ANCHOR_FORMAT, ANCHOR_FORMAT_VERSION, type SignedAnchor } from './audit/signedAnchor.js';
export { exportLog, exportLine, EXPORT_FORMAT, EXPORT_FORMAT_VERSION, type ExportHeader, type ExportOptions } from './audit/exportLog.js';
export { importLog, checkExport, type CheckedExport, type ImportResult } from './audit/importLog.js';
export { timeline, type TimelineEntry, type TimelineOptions } from './audit/timeline.js';
export { describeEvent, type EventDescription, type DescribeContext } from './audit/describeEvent.js';
export { describeDeadline } from './audit/describeDeadline.js';
export { formatLocalTime } from './audit/formatLocalTime.js';
export { createEngine, type Engine, type EngineOptions } from './engine/createEngine.js';
export type { Verdict } from './engine/Verdict.js';
export type { Telemetry, TelemetryTracer, TelemetryMeter, TelemetrySpan, TelemetryAttributes, TelemetryAttributeValue } from './telemetry/Telemetry.js';
export type { DueSoon } from './engine/dueSoon.js';
export {
  decree09Calendar,
  periodDueAt,
  periodOpensAt,
  periodCutOffAt,
  periodsOfRule,
  DEFAULT_REPORT_DUE_LAG_DAYS,
  type ReportingCalendar,
  type ReportingPeriod,
  type PeriodicKind,
  type PeriodDueOptions,
} from './calendar/reportingCalendar.js';
export { findEarlyDue } from './calendar/findEarlyDue.js';
export { lunarToSolar, lunarNewYear } from './calendar/lunarCalendar.js';
export { statutoryHolidays, vietnamHolidays, isWeekend, type Holiday } from './calendar/vietnamHolidays.js';
export {
  vietnamWorkingDays,
  addWorkingDays,
  workingDayFrom,
  type WorkingDayCalendar,
  type AnnouncedDays,
  type VietnamWorkingDaysOptions,
} from './calendar/workingDays.js';
export { endOfTimeLimit } from './calendar/endOfTimeLimit.js';
export { describeReportingDue } from './audit/describeReportingDue.js';
export type { CommandResult, CommandResults } from './engine/handlers.js';
export { createPolicy, defaultPolicy, ISSUER_COMMANDS, type Policy, type PolicyOptions, type PolicyQuestion } from './engine/policy.js';
export { planStream, taskStream, idOfStream } from './state/streams.js';
export type { TaskView, TaskStateView, TaskReportRecord, PlanView } from './state/views.js';
export type { ReplayOptions, ReplayResult } from './engine/replayLog.js';
export { machineFingerprint, describeMachine } from './snapshots/machineFingerprint.js';
export { snapshotFingerprint } from './snapshots/snapshotFingerprint.js';
export type { SnapshotStore, StreamSnapshot } from './snapshots/SnapshotStore.js';
export { memorySnapshots } from './snapshots/memorySnapshots.js';
export { loadStream, DEFAULT_SNAPSHOT_EVERY, type LoadStreamOptions, type LoadedStream } from './snapshots/loadStream.js';
export { summarizeTasks, type PlanSummary } from './state/summarizeTasks.js';
export {
  type Projection,
  type ProjectionInput,
  type RowChange,
  type Row,
  type RowValue,
  type TableDef,
  type ColumnType,
} from './projections/Projection.js';
export type { ReadModels, ProjectionBatch, ProjectionStatus } from './projections/ReadModels.js';
export { memoryReadModels } from './projections/memoryReadModels.js';
export { ProjectionRunner, type ProjectionRunnerOptions, type CatchUpResult } from './projections/ProjectionRunner.js';
export {
  createQueries,
  type Queries,
  type TasksOptions,
  type OverdueTasksOptions,
  type DueWithinOptions,
  type UnitWorkloadOptions,
  type ReportRequestsOptions,
} from './projections/queries.js';
export { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, type Page, type PageOptions } from './projections/Page.js';
export type { TaskRecord } from './projections/TaskRecord.js';
export type { UnitWorkloadRecord } from './projections/UnitWorkloadRecord.js';
export type { ReportRequestRecord } from './projections/ReportRequestRecord.js';
export type { PlanListItem, ListPlansOptions } from './engine/listPlans.js';
export { builtinProjections } from './projections/builtinProjections.js';
export { taskRegister } from './projections/taskRegister.js';
export { overdueRegister } from './projections/overdueRegister.js';
export { unitWorkload } from './projections/unitWorkload.js';
export { planProgress } from './projections/planProgress.js';
export { reportRequests } from './projections/reportRequests.js';
export { headingOf, hasFallenDue, type Heading } from './state/summarizeTasks.js';
