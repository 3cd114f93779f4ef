import { chasedTaskStates, describeDeadline, formatLocalTime, type Deadline, type PlanSummary, type TaskView } from '@planlog/core';
import { h, type Safe } from './html.js';
import { t, tOr, type Lang } from './i18n.js';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const DUE_SOON_DAYS = 5;

/** An instant as local wall time in Vietnam. */
export const localTime = (iso: string | null): string => (iso === null ? '—' : formatLocalTime(iso, TIME_ZONE));

export const deadlineText = (lang: Lang, deadline: Deadline | null): string => (deadline === null ? '—' : describeDeadline(deadline)[lang]);

type Marked = Pick<TaskView, 'state' | 'overdue' | 'dueAt'>;

/** Whether a chased task (the machine's tag: work the unit owes) falls due within `days` after `now` (and is not overdue yet). */
export function isDueSoon(task: Marked, now: Date, days = DUE_SOON_DAYS): boolean {
  if (task.dueAt === null || task.overdue || !chasedTaskStates.has(task.state)) return false;
  const due = Date.parse(task.dueAt);
  return due > now.getTime() && due <= now.getTime() + days * 86_400_000;
}

/** Whether a task counts as overdue now: flagged by a tick, or chased and past its due instant. */
export function isOverdue(task: Marked, now: Date): boolean {
  return task.overdue || (task.dueAt !== null && chasedTaskStates.has(task.state) && Date.parse(task.dueAt) <= now.getTime());
}

/** The task's state badge, with the overdue or due-soon mark beside it. */
export function taskBadges(lang: Lang, task: Marked, now: Date): Safe {
  const done = task.state === 'completed';
  return h`<span class="badge ${done ? 'b-done' : 'b-state'}" data-state="${task.state}">${tOr(lang, `state_${task.state}`, task.state)}</span>
  ${isOverdue(task, now) ? h` <span class="badge b-overdue" data-mark="overdue">${t(lang, 'isOverdue')}</span>` : ''}
  ${isDueSoon(task, now) ? h` <span class="badge b-soon" data-mark="due-soon">${t(lang, 'isDueSoon')}</span>` : ''}`;
}

/** The plan's four-way figures as a bar with a legend in words (the bar alone says nothing to a screen reader). */
export function fourWayBar(lang: Lang, summary: PlanSummary): Safe {
  const parts = [
    ['s-ontime', 'completedOnTime', summary.completedOnTime],
    ['s-late', 'completedLate', summary.completedLate],
    ['s-interm', 'inTerm', summary.inTerm],
    ['s-overdue', 'overdueUnfinished', summary.overdueUnfinished],
  ] as const;
  const total = parts.reduce((sum, [, , count]) => sum + count, 0);
  return h`<div class="fourway" aria-hidden="true">${parts.map(([css, , count]) => (count > 0 ? h`<span class="${css}" style="width:${((100 * count) / total).toFixed(2)}%"></span>` : ''))}</div>
  <ul class="legend">${parts.map(([css, key, count]) => h`<li><i class="${css}"></i>${t(lang, key)}: <strong>${count}</strong></li>`)}</ul>`;
}

/** A labelled select. */
export function selectField(id: string, label: string, options: readonly (readonly [string, string])[], selected: string): Safe {
  return h`<div class="field"><label for="${id}">${label}</label><select id="${id}" name="${id}">${options.map(
    ([value, text]) => h`<option value="${value}"${value === selected ? h` selected` : ''}>${text}</option>`,
  )}</select></div>`;
}

/** Links to a task and a plan (ids may hold a slash: "stp-pbgdpl-2026/II.1.a"). */
export const taskHref = (taskId: string, suffix = ''): string => `/tasks/${encodeURIComponent(taskId)}${suffix}`;
export const planHref = (planId: string, suffix = ''): string => `/plans/${encodeURIComponent(planId)}${suffix}`;
