import { localDate, taskStates, type Actor, type Engine, type PlanView, type TaskView } from '@planlog/core';
import { sectionOf } from '@planlog/report';
import { h, type Safe } from '../html.js';
import { t, tOr, type Lang } from '../i18n.js';
import { deadlineText, fourWayBar, localTime, selectField, taskBadges, TIME_ZONE, taskHref, planHref } from '../pageBits.js';

/** A plan's tasks grouped by the plan's sections, filtered by unit (lead or support) and state. */
export async function planPage(lang: Lang, engine: Engine, actor: Actor, plan: PlanView, filter: { unit: string; state: string }): Promise<Safe> {
  const now = engine.clock.now();
  const all = await engine.getTasks(plan.planId);
  const units = new Map<string, string>();
  for (const task of all) for (const unit of [task.lead, ...task.support]) if (unit) units.set(unit.id, unit.name);
  const tasks = all.filter(
    (task) =>
      (filter.unit === '' || task.lead?.id === filter.unit || task.support.some((unit) => unit.id === filter.unit)) && (filter.state === '' || task.state === filter.state),
  );
  const sections = new Map<string, TaskView[]>();
  for (const task of tasks) {
    const key = task.ref ? sectionOf(task.ref) : '—';
    sections.set(key, [...(sections.get(key) ?? []), task]);
  }
  const canIssue = (await engine.can('issuePlan', { actor, planId: plan.planId, number: 'Số', issuedOn: localDate(now, TIME_ZONE) })).ok;
  return h`<h1>${plan.title}</h1>
<p class="muted">${plan.number ?? ''} · ${plan.issuer?.name ?? ''} · <span class="badge b-state" data-plan-state="${plan.state}">${tOr(lang, `planState_${plan.state}`, plan.state)}</span></p>
${fourWayBar(lang, await engine.getPlanSummary(plan.planId))}
${canIssue ? h`<form method="post" action="${planHref(plan.planId, "/issue")}" class="card inline" aria-label="${t(lang, 'issuePlan')}">
  <div><label for="number">${t(lang, 'number')}</label><input id="number" name="number" required value="${plan.number ?? ''}"></div>
  <div><label for="issuedOn">${t(lang, 'issuedOn')}</label><input id="issuedOn" name="issuedOn" type="date" required value="${localDate(now, TIME_ZONE)}"></div>
  <button data-action="issuePlan">${t(lang, 'issuePlan')}</button>
</form>` : ''}
<form method="get" class="card inline" aria-label="${t(lang, 'filter')}">
  ${selectField('unit', t(lang, 'unit'), [['', t(lang, 'all')], ...[...units].sort((a, b) => a[1].localeCompare(b[1], 'vi'))], filter.unit)}
  ${selectField('state', t(lang, 'state'), [['', t(lang, 'all')], ...taskStates.map((stateName) => [stateName, tOr(lang, `state_${stateName}`, stateName)] as const)], filter.state)}
  <div class="field"><button>${t(lang, 'filter')}</button></div>
</form>
<h2>${t(lang, 'planTasksOf')}</h2>
${tasks.length === 0 ? h`<p>${t(lang, 'noTasks')}</p>` : ''}
${[...sections].map(
  ([section, list]) => h`<section aria-labelledby="sec-${section}">
  <h3 id="sec-${section}">${t(lang, 'section')} ${section}</h3>
  <div class="table-wrap"><table class="stack">
  <thead><tr><th scope="col">${t(lang, 'ref')}</th><th scope="col">${t(lang, 'task')}</th><th scope="col">${t(lang, 'lead')}</th><th scope="col">${t(lang, 'support')}</th><th scope="col">${t(lang, 'deadline')}</th><th scope="col">${t(lang, 'state')}</th></tr></thead>
  <tbody>${list.map(
    (task) => h`<tr data-task="${task.taskId}">
    <td data-label="${t(lang, 'ref')}">${task.ref ?? ''}</td>
    <td data-label="${t(lang, 'task')}"><a href="${taskHref(task.taskId)}">${task.title}</a></td>
    <td data-label="${t(lang, 'lead')}">${task.lead?.name ?? '—'}</td>
    <td data-label="${t(lang, 'support')}">${task.support.map((unit) => unit.name).join('; ') || '—'}</td>
    <td data-label="${t(lang, 'deadline')}">${deadlineText(lang, task.deadline)}${task.dueAt ? h`<br><span class="muted">${localTime(task.dueAt)}</span>` : ''}</td>
    <td data-label="${t(lang, 'state')}">${taskBadges(lang, task, now)}</td>
  </tr>`,
  )}</tbody></table></div></section>`,
)}`;
}
