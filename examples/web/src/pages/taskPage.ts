import type { Actor, Engine, PlanView, TaskView } from '@planlog/core';
import { h, type Safe } from '../html.js';
import { t, type Lang } from '../i18n.js';
import { deadlineText, localTime, taskBadges, planHref } from '../pageBits.js';
import { actionForm, allowedActions } from '../taskActions.js';

const REPORT_STATUS = {
  progress: ['Báo cáo tiến độ', 'Progress report'],
  submitted: ['Chờ duyệt', 'Awaiting review'],
  accepted: ['Đã chấp nhận', 'Accepted'],
  returned: ['Bị trả lại', 'Returned'],
} as const;

/** A task: what it is, its reports, its timeline in the chosen language, and the actions the unit may take now. */
export async function taskPage(lang: Lang, engine: Engine, actor: Actor, task: TaskView, plan: PlanView): Promise<Safe> {
  const now = engine.clock.now();
  const timeline = await engine.timeline(task.taskId, { locale: lang, kind: 'task' });
  const { actions, finalReport } = await allowedActions(engine, actor, task);
  const names = new Map([task.lead, ...task.support].filter((unit) => unit !== null).map((unit) => [unit.id, unit.name]));
  if (plan.issuer) names.set(plan.issuer.id, plan.issuer.name);
  return h`<p><a href="${planHref(plan.planId)}">${plan.title}</a></p>
<h1>${task.ref ? `${task.ref}. ` : ''}${task.title}</h1>
<div class="card">
  <p>${taskBadges(lang, task, now)}</p>
  <dl>
    <dt>${t(lang, 'lead')}</dt><dd>${task.lead?.name ?? '—'}</dd>
    <dt>${t(lang, 'support')}</dt><dd>${task.support.map((unit) => unit.name).join('; ') || '—'}</dd>
    <dt>${t(lang, 'deadline')}</dt><dd>${deadlineText(lang, task.deadline)} ${task.dueAt ? h`(${t(lang, 'dueAt')}: ${localTime(task.dueAt)})` : ''}</dd>
    <dt>${t(lang, 'progress')}</dt><dd>${task.progress === null ? '—' : `${task.progress}%`}</dd>
  </dl>
  <p><a href="/audit?id=${encodeURIComponent(task.taskId)}">${t(lang, 'asOf')}</a></p>
</div>
<h2>${t(lang, 'actions')}</h2>
<div class="actions" data-testid="actions">${actions.length ? actions.map((action) => actionForm(lang, task, action, finalReport)) : h`<p>${t(lang, 'noActions')}</p>`}</div>
<h2>${t(lang, 'reportsOfTask')}</h2>
${task.reports.length === 0 ? h`<p>${t(lang, 'none')}</p>` : h`<div class="table-wrap"><table class="stack" data-testid="reports">
<thead><tr><th scope="col">${t(lang, 'when')}</th><th scope="col">${t(lang, 'reportedBy')}</th><th scope="col">${t(lang, 'text')}</th><th scope="col">${t(lang, 'status')}</th></tr></thead>
<tbody>${task.reports.map(
  (report) => h`<tr><td data-label="${t(lang, 'when')}">${localTime(report.at)}</td><td data-label="${t(lang, 'reportedBy')}">${names.get(report.by.unitId) ?? report.by.unitId}</td>
  <td data-label="${t(lang, 'text')}">${report.text}${report.progress === null ? '' : ` (${report.progress}%)`}</td>
  <td data-label="${t(lang, 'status')}" data-status="${report.status}">${REPORT_STATUS[report.status][lang === 'vi' ? 0 : 1]}${report.reviewNote ? h`: ${report.reviewNote}` : ''}</td></tr>`,
)}</tbody></table></div>`}
<h2>${t(lang, 'timeline')}</h2>
<ol class="timeline" data-testid="timeline">${timeline.map((entry) => h`<li><span class="muted">${entry.localTime}</span> — ${entry.description[lang]}</li>`)}</ol>`;
}
