import {
  DEFAULT_TIME_ZONE,
  PlanlogError,
  createEngine,
  describeDeadline,
  formatLocalTime,
  planStream,
  summarizeTasks,
  type EventStore,
  type PlanSummary,
  type PlanView,
  type StoredEvent,
  type TaskView,
} from '@planlog/core';
import type { Command } from 'commander';
import { writeJson, writeLine, type Context } from '../io.js';
import { withStore } from '../openStore.js';
import { asOfOption, dbOption, jsonOption, type CommonOptions } from '../options.js';
import { parseAsOf } from '../parseAsOf.js';
import { formatTable } from '../table.js';

export type PlanState = {
  /** The cut asked for, and the instant the 4-way summary is taken at. */
  asOf: { input: string | null; meaning: string; instant: string; position: number };
  plan: PlanView;
  tasks: TaskView[];
  summary: PlanSummary;
};

/** The plan's time zone, from its `plan.drafted` event; NOT_FOUND when the log has no such plan. */
async function timeZoneOf(store: EventStore, planId: string): Promise<string> {
  const [drafted] = (await store.readStream(planStream(planId))) as StoredEvent<'plan.drafted'>[];
  if (!drafted) throw new PlanlogError('NOT_FOUND', `planId: no plan ${planId}`, { field: 'planId' });
  return drafted.data.timeZone ?? DEFAULT_TIME_ZONE;
}

async function recordedAtOf(store: EventStore, position: number): Promise<string | null> {
  for await (const event of store.readAll({ fromPosition: position })) return event.recordedAt;
  return null;
}

/** A plan and its tasks as they were at a date, an instant or a log position, rebuilt by `engine.replay`. */
export async function planStateAsOf(store: EventStore, planId: string, asOfText: string | undefined, now: Date): Promise<PlanState> {
  const timeZone = await timeZoneOf(store, planId);
  const asOf = asOfText === undefined ? { instant: now, meaning: `now (${now.toISOString()})` } : parseAsOf(asOfText, timeZone);
  const engine = createEngine({ store });
  const result = await engine.replay({ asOf: 'position' in asOf ? asOf.position : asOf.instant });
  const plan = result.plans.find((candidate) => candidate.planId === planId);
  const meaning = 'position' in asOf ? `log position ${asOf.position}` : asOf.meaning;
  if (!plan) throw new PlanlogError('NOT_FOUND', `planId: plan ${planId} was not yet drafted as of ${meaning}`, { field: 'planId' });
  const byId = new Map(result.tasks.map((task) => [task.taskId, task]));
  const tasks = plan.taskIds.map((taskId) => byId.get(taskId)!).filter(Boolean);
  // A position stands for the moment its event was recorded.
  const instant = 'position' in asOf ? new Date((await recordedAtOf(store, Math.max(1, result.position))) ?? now) : asOf.instant;
  return {
    asOf: { input: asOfText ?? null, meaning, instant: instant.toISOString(), position: result.position },
    plan,
    tasks,
    summary: summarizeTasks(tasks, instant),
  };
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

export function formatState({ asOf, plan, tasks, summary }: PlanState): string[] {
  const zone = plan.timeZone;
  const issued = plan.number ? `${plan.number}${plan.issuedOn ? ` of ${plan.issuedOn}` : ''}` : 'no number yet';
  const lines = [
    `${plan.title}`,
    `  plan ${plan.planId}: ${plan.state} (${issued}${plan.issuer ? `, ${plan.issuer.name}` : ''})`,
    `  as of ${asOf.meaning}: ${asOf.position} events of the log folded`,
    '',
    `Tasks (${tasks.length}):`,
  ];
  const rows = tasks.map((task) => [
    task.ref ?? task.taskId,
    task.state + (task.overdue ? ' (overdue)' : '') + (task.outcome ? ` (${task.outcome.replace('_', ' ')})` : ''),
    task.lead?.name ?? '(no lead)',
    task.deadline ? `${describeDeadline(task.deadline).vi}${task.dueAt ? ` → late from ${formatLocalTime(task.dueAt, zone)}` : ''}` : '(no deadline)',
  ]);
  lines.push(...formatTable([['ref', 'state', 'lead', 'deadline'], ...rows]));
  const completed = summary.completedOnTime + summary.completedLate;
  lines.push(
    '',
    `Summary as of ${formatLocalTime(asOf.instant, zone)} (${zone}): ${summary.total} tasks` + (summary.cancelled ? ` (${summary.cancelled} cancelled, not counted)` : ''),
    ...formatTable([
      ['completed on time', 'hoàn thành đúng hạn', String(summary.completedOnTime)],
      ['completed late', 'hoàn thành quá hạn', String(summary.completedLate)],
      ['unfinished, in term', 'chưa hoàn thành, còn trong hạn', String(summary.inTerm)],
      ['overdue, unfinished', 'quá hạn chưa hoàn thành', String(summary.overdueUnfinished)],
    ]),
    `  completion rate: ${summary.completionRate === null ? 'nothing has fallen due yet' : `${completed}/${summary.fallenDue} fallen due (${percent(summary.completionRate)})`}`,
  );
  return lines;
}

export function stateCommand(program: Command, context: Context): void {
  program
    .command('state')
    .summary('a plan and its tasks as of a date, instant or position')
    .description('a plan and its tasks as they were at a date, an instant or a log position, replayed from the log')
    .argument('<planId>', 'the plan')
    .addOption(asOfOption())
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (planId: string, options: CommonOptions & { asOf?: string }) => {
      await withStore(context, options.db, { create: false, readonly: true }, async ({ store }) => {
        const state = await planStateAsOf(store, planId, options.asOf, new Date());
        if (options.json) writeJson(context.stdout, state);
        else for (const line of formatState(state)) writeLine(context.stdout, line);
      });
    });
}
