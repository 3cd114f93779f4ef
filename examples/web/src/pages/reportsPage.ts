import { h, type Safe } from '../html.js';
import { t, type Lang } from '../i18n.js';
import { selectField } from '../pageBits.js';

/** Choose a period and a format; the Báo cáo of the signed-in unit downloads. */
export function reportsPage(lang: Lang, year: number, error?: string): Safe {
  const periods = [`${year}-Q1`, `${year}-Q2`, `${year}-H1`, `${year}-Q3`, `${year}-9M`, `${year}-Q4`, `${year}`].map((period) => [period, period] as const);
  return h`<h1>${t(lang, 'reports')}</h1>
${error ? h`<p class="error" role="alert">${error}</p>` : ''}
<form method="get" action="/reports/download" class="card">
  ${selectField('period', t(lang, 'period'), periods, `${year}-H1`)}
  <p class="muted">${t(lang, 'periodHint')}</p>
  ${selectField('format', t(lang, 'format'), [['docx', 'Word (.docx)'], ['pdf', 'PDF (.pdf)'], ['html', 'HTML (.html)']], 'docx')}
  <button>${t(lang, 'download')}</button>
</form>`;
}
