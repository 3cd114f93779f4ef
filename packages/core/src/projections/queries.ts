import type { Clock } from '../clock.js';
import { PlanlogError } from '../errors.js';
import type { TaskView } from '../engine/views.js';
import { chasedTaskStates } from '../machines/taskMachine.js';
import { summarizeTasks, type PlanSummary } from '../summarizeTasks.js';
import type { Row } from './Projection.js';
import type { ProjectionRunner } from './ProjectionRunner.js';
import type { ReadModels } from './ReadModels.js';
import { idArgument, optionsArgument } from '../store/storeArguments.js';

function countable(row: Row): Pick<TaskView, 'state' | 'outcome' | 'overdue' | 'dueAt'> {
  return {
    state: row.state as TaskView['state'],
    outcome: row.outcome as TaskView['outcome'],
    overdue: row.overdue === true,
    dueAt: row.due_at as string | null,
  };
}

const byDueAt = (a: Row, b: Row) => String(a.due_at ?? '').localeCompare(String(b.due_at ?? '')) || String(a.task_id).localeCompare(String(b.task_id));

/**
 * The questions users ask of the read models. Each first brings the projections up to the log's
 * end through `runner`; with `runner: null` they read the tables as they are (kept fresh by a
 * projection worker elsewhere, e.g. one process per projection set on PostgreSQL).
 */
export function createQueries(readModels: ReadModels, runner: ProjectionRunner | null, clock: Clock) {
  const fresh = async () => {
    await runner?.catchUp();
  };
  return {
    /** Task register rows led by a unit, or also those it supports (`role: 'any'`). */
    async tasksOfUnit(unit: string, options?: { role?: 'lead' | 'any' }): Promise<Row[]> {
      const unitId = idArgument(unit, 'unitId');
      const { role = 'lead' } = optionsArgument(options);
      if (role !== 'lead' && role !== 'any') throw new PlanlogError('VALIDATION', 'role: must be "lead" or "any"', { field: 'role' });
      await fresh();
      if (role === 'lead') return readModels.rows('task_register', { lead_id: unitId });
      const rows = await readModels.rows('task_register');
      return rows.filter((row) => row.lead_id === unitId || (row.support as { id: string }[]).some((unit) => unit.id === unitId));
    },
    /** Unfinished tasks whose due instant has passed as of now (flagged by a tick or not yet). */
    async overdueTasks(): Promise<Row[]> {
      await fresh();
      const now = clock.now().getTime();
      const rows = await readModels.rows('task_register');
      return rows
        .filter((row) => row.overdue === true || (chasedTaskStates.has(String(row.state)) && row.due_at !== null && Date.parse(String(row.due_at)) <= now))
        .sort(byDueAt);
    },
    /** Unfinished tasks falling due within the next `days` days, soonest first. */
    async dueWithin(days: number): Promise<Row[]> {
      if (typeof days !== 'number' || !Number.isFinite(days) || days < 0) throw new PlanlogError('VALIDATION', 'days: must be a number ≥ 0', { field: 'days' });
      await fresh();
      const now = clock.now().getTime();
      const until = now + days * 86_400_000;
      const rows = await readModels.rows('task_register');
      return rows
        .filter((row) => chasedTaskStates.has(String(row.state)) && row.due_at !== null)
        .filter((row) => {
          const due = Date.parse(String(row.due_at));
          return due > now && due <= until;
        })
        .sort(byDueAt);
    },
    /** A plan's 4-way statistics as of now, from the task register. */
    async planSummary(planId: string): Promise<PlanSummary> {
      idArgument(planId, 'planId');
      await fresh();
      const rows = await readModels.rows('task_register', { plan_id: planId });
      const [progress] = await readModels.rows('plan_progress', { plan_id: planId });
      if (!progress) throw new PlanlogError('NOT_FOUND', `planId: no plan ${planId}`, { field: 'planId' });
      return summarizeTasks(rows.map(countable), clock.now());
    },
    async unitWorkload(): Promise<Row[]> {
      await fresh();
      return readModels.rows('unit_workload');
    },
    async reportRequests(planId?: string): Promise<Row[]> {
      if (planId !== undefined) idArgument(planId, 'planId');
      await fresh();
      return readModels.rows('report_requests', planId === undefined ? {} : { plan_id: planId });
    },
  };
}

export type Queries = ReturnType<typeof createQueries>;
