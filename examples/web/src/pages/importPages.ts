import type { ImportResult } from '@planlog/import-vn';
import { h, type Safe } from '../html.js';
import { t, type Lang } from '../i18n.js';
import { deadlineText } from '../pageBits.js';

/** Upload a plan (.docx, .pdf, .txt) or paste its text. */
export function importPage(lang: Lang, error?: string): Safe {
  return h`<h1>${t(lang, 'import')}</h1>
${error ? h`<p class="error" role="alert">${error}</p>` : ''}
<form method="post" action="/import" enctype="multipart/form-data" class="card">
  <div class="field"><label for="file">${t(lang, 'upload')}</label><input id="file" name="file" type="file" accept=".docx,.pdf,.txt,.md"></div>
  <div class="field"><label for="text">${t(lang, 'paste')}</label><textarea id="text" name="text" rows="8"></textarea></div>
  <button>${t(lang, 'read')}</button>
</form>`;
}

/** The draft as read: each task with its source lines, lead and deadline (correctable), and the warnings. */
export function reviewPage(lang: Lang, draftId: string, result: ImportResult): Safe {
  const { plan, warnings } = result;
  return h`<h1>${t(lang, 'review')}</h1>
<div class="card"><p><strong>${plan.title}</strong></p><p class="muted">${plan.number ?? ''} · ${t(lang, 'issuer')}: <span data-testid="issuer">${plan.issuer?.name ?? '—'}</span> (${plan.issuer?.id ?? ''})</p>
<p>${t(lang, 'importIssuerHint')}</p></div>
${warnings.length ? h`<section class="card warn" aria-labelledby="warnings"><h2 id="warnings">${t(lang, 'warnings')} (${warnings.length})</h2><ul>${warnings.map((warning) => h`<li>${t(lang, 'line')} ${warning.line}: ${warning.message}</li>`)}</ul></section>` : ''}
<form method="post" action="/import/${draftId}/create">
<p>${t(lang, 'reviewHint')}</p>
<div class="table-wrap"><table class="stack" data-testid="draft">
<thead><tr><th scope="col">${t(lang, 'ref')}</th><th scope="col">${t(lang, 'task')}</th><th scope="col">${t(lang, 'sourceLines')}</th><th scope="col">${t(lang, 'lead')}</th><th scope="col">${t(lang, 'deadline')}</th></tr></thead>
<tbody>${plan.tasks.map(
    (task, index) => h`<tr data-ref="${task.ref}">
  <td data-label="${t(lang, 'ref')}">${task.ref}</td>
  <td data-label="${t(lang, 'task')}">${task.title}${task.support.length ? h`<br><span class="muted">${t(lang, 'support')}: ${task.support.map((unit) => unit.name).join('; ')}</span>` : ''}</td>
  <td data-label="${t(lang, 'sourceLines')}">${task.source.lines[0]}–${task.source.lines[1]}</td>
  <td data-label="${t(lang, 'lead')}"><label class="vh" for="lead-${index}">${t(lang, 'leadName')} (${task.ref})</label><input id="lead-${index}" name="lead-${index}" value="${task.lead?.name ?? ''}"></td>
  <td data-label="${t(lang, 'deadline')}">${deadlineText(lang, task.deadline ?? null)}<label class="vh" for="deadline-${index}">${t(lang, 'deadlineDate')} (${task.ref}), ${t(lang, 'keep')}</label><input id="deadline-${index}" name="deadline-${index}" type="date"></td>
</tr>`,
  )}</tbody></table></div>
<p><button data-action="createPlan">${t(lang, 'createPlan')}</button></p>
</form>`;
}
