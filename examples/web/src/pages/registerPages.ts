import { MAX_PAGE_LIMIT, type Engine, type TaskRecord } from '@planlog/core';
import { h, type Safe } from '../html.js';
import { t, type Lang } from '../i18n.js';
import { deadlineText, DUE_SOON_DAYS, localTime, taskHref } from '../pageBits.js';

/** Whole days from `dueAt` to `now` (at least 0). */
const daysLate = (dueAt: string | null, now: Date) => (dueAt === null ? 0 : Math.max(0, Math.floor((now.getTime() - Date.parse(dueAt)) / 86_400_000)));

function taskTable(lang: Lang, tasks: readonly Pick<TaskRecord, 'taskId' | 'ref' | 'title' | 'deadline' | 'dueAt'>[], lateAt?: Date): Safe {
  return h`<div class="table-wrap"><table class="stack"><thead><tr><th scope="col">${t(lang, 'ref')}</th><th scope="col">${t(lang, 'task')}</th><th scope="col">${t(lang, 'deadline')}</th><th scope="col">${t(lang, 'dueAt')}</th>${lateAt ? h`<th scope="col">${t(lang, 'daysLate')}</th>` : ''}</tr></thead>
<tbody>${tasks.map(
    (task) => h`<tr data-task="${task.taskId}"><td data-label="${t(lang, 'ref')}">${task.ref ?? ''}</td><td data-label="${t(lang, 'task')}"><a href="${taskHref(task.taskId)}">${task.title}</a></td>
  <td data-label="${t(lang, 'deadline')}">${deadlineText(lang, task.deadline)}</td><td data-label="${t(lang, 'dueAt')}">${localTime(task.dueAt)}</td>${lateAt ? h`<td data-label="${t(lang, 'daysLate')}">${daysLate(task.dueAt, lateAt)}</td>` : ''}</tr>`,
  )}</tbody></table></div>`;
}

/** The overdue register (sổ theo dõi quá hạn), grouped by lead unit. */
export async function overduePage(lang: Lang, engine: Engine): Promise<Safe> {
  const tasks: TaskRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await engine.queries.overdueTasks({ limit: MAX_PAGE_LIMIT, ...(cursor ? { cursor } : {}) });
    tasks.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const byUnit = new Map<string, { name: string; tasks: TaskRecord[] }>();
  for (const task of tasks) {
    const id = task.lead?.id ?? '—';
    const group = byUnit.get(id) ?? { name: task.lead?.name ?? '—', tasks: [] };
    group.tasks.push(task);
    byUnit.set(id, group);
  }
  const groups = [...byUnit].sort((a, b) => b[1].tasks.length - a[1].tasks.length || a[1].name.localeCompare(b[1].name, 'vi'));
  return h`<h1>${t(lang, 'overdue')}</h1>
<p class="muted">${t(lang, 'byUnit')} · ${tasks.length}</p>
${groups.length === 0 ? h`<p>${t(lang, 'nothingOverdue')}</p>` : ''}
${groups.map(([id, group]) => h`<section data-unit="${id}"><h2>${group.name} (${group.tasks.length})</h2>${taskTable(lang, group.tasks, engine.clock.now())}</section>`)}`;
}

/** What falls due within `days` (5 by default): tasks and report requests. */
export async function dueSoonPage(lang: Lang, engine: Engine, days: number): Promise<Safe> {
  const soon = await engine.dueSoon({ days });
  return h`<h1>${t(lang, 'dueSoon')}</h1>
<form method="get" class="card inline"><div><label for="days">${t(lang, 'days')}</label><input id="days" name="days" type="number" min="1" max="366" value="${days}"></div><button>${t(lang, 'show')}</button></form>
${soon.tasks.length === 0 && soon.reports.length === 0 ? h`<p>${t(lang, 'nothingDue')}</p>` : ''}
${soon.tasks.length ? h`<h2>${t(lang, 'tasks')}</h2>${taskTable(lang, soon.tasks)}` : ''}
${soon.reports.length ? h`<h2>${t(lang, 'reportRequests')}</h2><ul>${soon.reports.map((request) => h`<li>${request.subject} — ${localTime(request.dueAt)} — ${request.units.map((unit) => unit.name).join('; ')}</li>`)}</ul>` : ''}`;
}

export { DUE_SOON_DAYS };
