import type { Clock } from '../base/clock.js';
import { PlanlogError } from '../base/errors.js';
import type { TaskView } from '../state/views.js';
import { chasedTaskStates, taskStates } from '../machines/taskMachine.js';
import { summarizeTasks, type PlanSummary } from '../state/summarizeTasks.js';
import { idArgument } from '../store/storeArguments.js';
import { decodeCursor, pageArguments, pageOf, type CursorValue, type Page, type PageOptions } from './Page.js';
import type { Row } from './Projection.js';
import type { ProjectionRunner } from './ProjectionRunner.js';
import type { ReadModels } from './ReadModels.js';
import type { RowCondition } from './RowQuery.js';
import { toReportRequestRecord, type ReportRequestRecord } from './ReportRequestRecord.js';
import { toTaskRecord, type TaskRecord } from './TaskRecord.js';
import { toUnitWorkloadRecord, type UnitWorkloadRecord } from './UnitWorkloadRecord.js';

type TaskState = TaskView['state'];

/** The task states, read from the task machine (all but its initial `new`). */
const TASK_STATES: readonly TaskState[] = taskStates;
/** The task machine's `chased` states (unfinished work that may fall overdue), as a list for an `in` condition. */
const chasedStates = [...chasedTaskStates];
/** The last instant an ISO string can hold in the form stored (`YYYY-…Z`), so far horizons stay comparable. */
const LAST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

export type TasksOptions = PageOptions & { planId?: string; unitId?: string; role?: 'lead' | 'any'; state?: TaskState };
export type OverdueTasksOptions = PageOptions & { planId?: string; unitId?: string };
export type DueWithinOptions = PageOptions & { days: number; planId?: string; unitId?: string };
export type UnitWorkloadOptions = PageOptions & { unitId?: string };
export type ReportRequestsOptions = PageOptions & { planId?: string; unitId?: string };

function refuse(field: string, message: string): PlanlogError {
  return new PlanlogError('VALIDATION', `${field}: ${message}`, { field });
}

/** An id to look up: a clean, non-empty string. */
function requiredId(value: unknown, field: string): string {
  const id = idArgument(value, field);
  if (id.length === 0) throw refuse(field, 'must be a non-empty string');
  return id;
}

/** An id to filter on, or left out. */
const filterId = (value: unknown, field: string): string | null => (value === undefined ? null : requiredId(value, field));

const equals = (column: string, value: string): RowCondition => ({ op: 'eq', column, value });

/** A paged read of one table: checks the cursor against the query, asks the store for one more row than the page. */
async function readPage<T>(
  readModels: ReadModels,
  table: string,
  where: RowCondition[],
  orderBy: string[],
  paging: { limit: number; cursor: string | undefined; query: string },
  toItem: (row: Row) => T,
): Promise<Page<T>> {
  const { limit, cursor, query } = paging;
  const after = cursor === undefined ? undefined : decodeCursor(cursor, query, orderBy.map(() => 'string' as const));
  const rows = await readModels.select(table, { where, orderBy, ...(after === undefined ? {} : { after }), limit: limit + 1 });
  return pageOf(rows, limit, query, (row) => orderBy.map((column) => row[column] as CursorValue), toItem);
}

/**
 * The questions apps ask of the read models, as typed records in pages (`limit`, `nextCursor`). Each
 * first brings the projections up to the log's end through `runner`; with `runner: null` they read
 * the tables as they are (kept fresh by a projection worker elsewhere, e.g. one process per
 * projection set on PostgreSQL). Filtering, ordering and paging run in the read-model store.
 */
export function createQueries(readModels: ReadModels, runner: ProjectionRunner | null, clock: Clock) {
  const fresh = async () => {
    await runner?.catchUp();
  };

  /** Filters common to the task queries: a plan, and a unit as lead (or, with `role: 'any'`, as support too). */
  function taskFilters(given: { planId?: unknown; unitId?: unknown; role?: unknown }) {
    const planId = filterId(given.planId, 'planId');
    const unitId = filterId(given.unitId, 'unitId');
    const role = given.role ?? 'lead';
    if (role !== 'lead' && role !== 'any') throw refuse('role', 'must be "lead" or "any"');
    const where: RowCondition[] = [];
    if (planId !== null) where.push(equals('plan_id', planId));
    if (unitId !== null) {
      where.push(role === 'lead' ? equals('lead_id', unitId) : { op: 'or', conditions: [equals('lead_id', unitId), { op: 'hasId', column: 'support', value: unitId }] });
    }
    return { where, filters: [planId, unitId, unitId === null ? null : role] };
  }

  return {
    /**
     * Tasks from the task register, by plan and task id: of a plan, of a unit (as lead, or with
     * `role: 'any'` also as support), in a state.
     */
    async tasks(options?: TasksOptions): Promise<Page<TaskRecord>> {
      const { limit, cursor, given } = pageArguments(options, ['planId', 'unitId', 'role', 'state']);
      const { where, filters } = taskFilters(given);
      const stateName = given.state;
      if (stateName !== undefined) {
        if (!TASK_STATES.includes(stateName as TaskState)) throw refuse('state', `must be one of ${TASK_STATES.join(', ')}`);
        where.push(equals('state', stateName as string));
      }
      await fresh();
      const query = `tasks:${JSON.stringify([...filters, stateName ?? null])}`;
      return readPage(readModels, 'task_register', where, ['plan_id', 'task_id'], { limit, cursor, query }, toTaskRecord);
    },

    /**
     * Unfinished tasks whose due instant has passed as of now (flagged by a tick or not yet), of a
     * plan or led by a unit, longest overdue first (by due instant, then task id).
     */
    async overdueTasks(options?: OverdueTasksOptions): Promise<Page<TaskRecord>> {
      const { limit, cursor, given } = pageArguments(options, ['planId', 'unitId']);
      const { where, filters } = taskFilters(given);
      const now = clock.now().toISOString();
      where.push({
        op: 'or',
        conditions: [
          { op: 'eq', column: 'overdue', value: true },
          { op: 'and', conditions: [{ op: 'in', column: 'state', values: chasedStates }, { op: 'le', column: 'due_at', value: now }] },
        ],
      });
      await fresh();
      const query = `overdueTasks:${JSON.stringify(filters)}`;
      return readPage(readModels, 'task_register', where, ['due_at', 'task_id'], { limit, cursor, query }, toTaskRecord);
    },

    /** Unfinished tasks falling due within the next `days` days, of a plan or led by a unit, soonest first. */
    async dueWithin(options: DueWithinOptions): Promise<Page<TaskRecord>> {
      const { limit, cursor, given } = pageArguments(options, ['days', 'planId', 'unitId']);
      const { days } = given;
      if (typeof days !== 'number' || !Number.isFinite(days) || days < 0) throw refuse('days', 'must be a number ≥ 0');
      const { where, filters } = taskFilters(given);
      const now = clock.now().getTime();
      const until = Math.min(now + days * 86_400_000, LAST_INSTANT);
      where.push(
        { op: 'in', column: 'state', values: chasedStates },
        { op: 'gt', column: 'due_at', value: new Date(now).toISOString() },
        { op: 'le', column: 'due_at', value: new Date(until).toISOString() },
      );
      await fresh();
      const query = `dueWithin:${JSON.stringify([days, ...filters])}`;
      return readPage(readModels, 'task_register', where, ['due_at', 'task_id'], { limit, cursor, query }, toTaskRecord);
    },

    /** A plan's 4-way statistics as of now, from the task register. */
    async planSummary(planId: string): Promise<PlanSummary> {
      const id = requiredId(planId, 'planId');
      await fresh();
      const [progress] = await readModels.select('plan_progress', { where: [equals('plan_id', id)], limit: 1 });
      if (!progress) throw new PlanlogError('NOT_FOUND', `planId: no plan ${id}`, { field: 'planId' });
      const rows = await readModels.select('task_register', { where: [equals('plan_id', id)] });
      return summarizeTasks(
        rows.map((row) => ({ state: row.state as TaskState, outcome: row.outcome as TaskView['outcome'], overdue: row.overdue === true, dueAt: row.due_at as string | null })),
        clock.now(),
      );
    },

    /** Per lead unit (by unit id): how many tasks it holds in each state, and how many are overdue. */
    async unitWorkload(options?: UnitWorkloadOptions): Promise<Page<UnitWorkloadRecord>> {
      const { limit, cursor, given } = pageArguments(options, ['unitId']);
      const unitId = filterId(given.unitId, 'unitId');
      await fresh();
      const query = `unitWorkload:${JSON.stringify([unitId])}`;
      const where = unitId === null ? [] : [equals('unit_id', unitId)];
      return readPage(readModels, 'unit_workload', where, ['unit_id'], { limit, cursor, query }, (row) => toUnitWorkloadRecord(row, TASK_STATES));
    },

    /** Report requests (ad hoc and periodic), one record per unit asked, by plan, request and unit. */
    async reportRequests(options?: ReportRequestsOptions): Promise<Page<ReportRequestRecord>> {
      const { limit, cursor, given } = pageArguments(options, ['planId', 'unitId']);
      const planId = filterId(given.planId, 'planId');
      const unitId = filterId(given.unitId, 'unitId');
      await fresh();
      const query = `reportRequests:${JSON.stringify([planId, unitId])}`;
      const where: RowCondition[] = [];
      if (planId !== null) where.push(equals('plan_id', planId));
      if (unitId !== null) where.push(equals('unit_id', unitId));
      return readPage(readModels, 'report_requests', where, ['plan_id', 'request_id', 'unit_id'], { limit, cursor, query }, toReportRequestRecord);
    },
  };
}

export type Queries = ReturnType<typeof createQueries>;
