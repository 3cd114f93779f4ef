import { finishedTaskStates, type Engine } from '@planlog/core';
import { h, type Safe } from '../html.js';
import { t, tOr, type Lang } from '../i18n.js';
import { allPlans } from '../knownUnits.js';
import { fourWayBar, isOverdue, localTime, planHref } from '../pageBits.js';

/** Every plan: its four-way figures as a bar, how many tasks are overdue, the next deadline. */
export async function plansPage(lang: Lang, engine: Engine): Promise<Safe> {
  const now = engine.clock.now();
  const plans = await allPlans(engine);
  const cards = [];
  for (const plan of plans) {
    const summary = await engine.getPlanSummary(plan.planId);
    const tasks = await engine.getTasks(plan.planId);
    const overdue = tasks.filter((task) => isOverdue(task, now)).length;
    const next = tasks
      .filter((task) => task.dueAt !== null && Date.parse(task.dueAt) > now.getTime() && !finishedTaskStates.has(task.state))
      .map((task) => task.dueAt!)
      .sort()[0];
    cards.push(h`<article class="card" data-plan="${plan.planId}">
  <h2><a href="${planHref(plan.planId)}">${plan.title}</a></h2>
  <p class="muted">${plan.number ?? ''} · ${plan.issuer?.name ?? ''} · <span class="badge b-state">${tOr(lang, `planState_${plan.state}`, plan.state)}</span> · ${plan.taskCount} ${t(lang, 'tasks').toLowerCase()}</p>
  ${fourWayBar(lang, summary)}
  <p>${t(lang, 'overdueCount')}: <strong data-testid="overdue-count">${overdue}</strong> · ${t(lang, 'nextDeadline')}: <strong>${next ? localTime(next) : t(lang, 'none')}</strong></p>
</article>`);
  }
  return h`<h1>${t(lang, 'plans')}</h1>${cards.length ? cards : h`<p>${t(lang, 'noPlans')}</p>`}`;
}
