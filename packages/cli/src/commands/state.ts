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
import { langOption, type Lang } from '../lang.js';
import { asOfOption, dbOption, jsonOption, type CommonOptions } from '../options.js';
import { parseAsOf } from '../parseAsOf.js';
import { formatTable } from '../table.js';

export type PlanAsOf = {
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
export async function planAsOf(store: EventStore, planId: string, asOfText: string | undefined, now: Date): Promise<PlanAsOf> {
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

/** The cut, in Vietnamese: what parseAsOf's `meaning` says in English. */
function meaningVi(asOf: PlanAsOf['asOf'], zone: string): string {
  const input = asOf.input?.trim() ?? null;
  if (input === null) return `thời điểm hiện tại (${asOf.instant})`;
  if (/^\d+$/.test(input)) return `vị trí ${input} của nhật ký`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(input)) return `cuối ngày ${input} (${zone})`;
  return asOf.instant;
}

/** The plan and its tasks as lines for a reader, in Vietnamese (default) or English. */
export function formatPlanAsOf({ asOf, plan, tasks, summary }: PlanAsOf, lang: Lang = 'vi'): string[] {
  const vi = lang === 'vi';
  const zone = plan.timeZone;
  const issued = plan.number ? `${plan.number}${plan.issuedOn ? (vi ? ` ngày ${plan.issuedOn}` : ` of ${plan.issuedOn}`) : ''}` : vi ? 'chưa có số' : 'no number yet';
  const lines = [
    `${plan.title}`,
    `  ${vi ? 'kế hoạch' : 'plan'} ${plan.planId}: ${plan.state} (${issued}${plan.issuer ? `, ${plan.issuer.name}` : ''})`,
    vi ? `  tại ${meaningVi(asOf, zone)}: đã đọc ${asOf.position} sự kiện của nhật ký` : `  as of ${asOf.meaning}: ${asOf.position} events of the log folded`,
    '',
    `${vi ? 'Nhiệm vụ' : 'Tasks'} (${tasks.length}):`,
  ];
  const rows = tasks.map((task) => [
    task.ref ?? task.taskId,
    task.state + (task.overdue ? (vi ? ' (quá hạn)' : ' (overdue)') : '') + (task.outcome ? ` (${vi ? (task.outcome === 'on_time' ? 'đúng hạn' : 'trễ hạn') : task.outcome.replace('_', ' ')})` : ''),
    task.lead?.name ?? (vi ? '(chưa có chủ trì)' : '(no lead)'),
    task.deadline
      ? `${describeDeadline(task.deadline)[lang]}${task.dueAt ? ` → ${vi ? 'trễ từ' : 'late from'} ${formatLocalTime(task.dueAt, zone)}` : ''}`
      : vi ? '(không có thời hạn)' : '(no deadline)',
  ]);
  lines.push(...formatTable([vi ? ['mục', 'trạng thái', 'chủ trì', 'thời hạn'] : ['ref', 'state', 'lead', 'deadline'], ...rows]));
  const completed = summary.completedOnTime + summary.completedLate;
  const cancelled = summary.cancelled ? (vi ? ` (${summary.cancelled} đã hủy, không tính)` : ` (${summary.cancelled} cancelled, not counted)`) : '';
  const rate =
    summary.completionRate === null
      ? vi ? 'chưa có nhiệm vụ nào đến hạn' : 'nothing has fallen due yet'
      : `${completed}/${summary.fallenDue} ${vi ? 'đã đến hạn' : 'fallen due'} (${percent(summary.completionRate)})`;
  lines.push(
    '',
    vi
      ? `Tổng hợp đến ${formatLocalTime(asOf.instant, zone)} (${zone}): ${summary.total} nhiệm vụ${cancelled}`
      : `Summary as of ${formatLocalTime(asOf.instant, zone)} (${zone}): ${summary.total} tasks${cancelled}`,
    ...formatTable([
      ['completed on time', 'hoàn thành đúng hạn', String(summary.completedOnTime)],
      ['completed late', 'hoàn thành quá hạn', String(summary.completedLate)],
      ['unfinished, in term', 'chưa hoàn thành, còn trong hạn', String(summary.inTerm)],
      ['overdue, unfinished', 'quá hạn chưa hoàn thành', String(summary.overdueUnfinished)],
    ].map(([en, viText, count]) => [vi ? viText! : en!, count!])),
    `  ${vi ? 'tỉ lệ hoàn thành' : 'completion rate'}: ${rate}`,
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
    .addOption(langOption())
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (planId: string, options: CommonOptions & { asOf?: string; lang: Lang }) => {
      await withStore(context, options.db, { create: false, readonly: true }, async ({ store }) => {
        const plan = await planAsOf(store, planId, options.asOf, new Date());
        if (options.json) writeJson(context.stdout, plan);
        else for (const line of formatPlanAsOf(plan, options.lang)) writeLine(context.stdout, line);
      });
    });
}
