import type { ReplayResult, VerifyResult } from '@planlog/core';
import { h, type Safe } from '../html.js';
import { t, tOr, type Lang } from '../i18n.js';
import { deadlineText, localTime } from '../pageBits.js';

export type AsOfQuery = { id: string; date: string; result: ReplayResult | null; error?: string };

/** Verify the hash chain; see a plan or a task as it stood at the end of a chosen day. */
export function auditPage(lang: Lang, verified: VerifyResult | null, asOf: AsOfQuery): Safe {
  return h`<h1>${t(lang, 'audit')}</h1>
<form method="get" class="card"><input type="hidden" name="verify" value="1"><button>${t(lang, 'verify')}</button>
${verified ? (verified.ok ? h`<p class="notice" data-testid="verify">${t(lang, 'verifyOk')} (${verified.checked} ${t(lang, "events")})</p>` : h`<p class="error" data-testid="verify">${t(lang, 'verifyBad')} ${verified.firstBad?.position ?? ''}</p>`) : ''}
</form>
<form method="get" class="card inline" aria-label="${t(lang, 'asOf')}">
  <div><label for="id">${t(lang, 'idOfPlanOrTask')}</label><input id="id" name="id" value="${asOf.id}" required></div>
  <div><label for="date">${t(lang, 'date')}</label><input id="date" name="date" type="date" value="${asOf.date}" required></div>
  <button>${t(lang, 'asOf')}</button>
</form>
${asOf.error ? h`<p class="error" role="alert">${asOf.error}</p>` : ''}
${asOf.result ? h`<section class="card" data-testid="as-of"><h2>${t(lang, 'asOf')}: ${asOf.date}</h2>
${asOf.result.plans.map((plan) => h`<p><strong>${plan.title}</strong> — ${tOr(lang, `planState_${plan.state}`, plan.state)}</p>`)}
${asOf.result.tasks.map((task) => h`<p>${task.ref ?? ''} ${task.title} — <span class="badge b-state">${tOr(lang, `state_${task.state}`, task.state)}</span> · ${deadlineText(lang, task.deadline)} · ${localTime(task.dueAt)}</p>`)}
${asOf.result.plans.length + asOf.result.tasks.length === 0 ? h`<p>${t(lang, 'none')}</p>` : ''}
</section>` : ''}`;
}
