import type { UnitRef } from '@planlog/core';
import { h, type Safe } from '../html.js';
import { t, type Lang } from '../i18n.js';

/** The development picker: choose the unit to act as (a real app plugs its own sign-in into `unitOf`). */
export function signInPage(lang: Lang, units: readonly UnitRef[]): Safe {
  return h`<h1>${t(lang, 'signIn')}</h1>
<p class="notice">${t(lang, 'devPicker')}</p>
<form method="post" action="/signin" class="card">
  <div class="field"><label for="unit">${t(lang, 'chooseUnit')}</label>
  <select id="unit" name="unit"><option value="">—</option>${units.map((unit) => h`<option value="${unit.id}">${unit.name}</option>`)}</select></div>
  <div class="field"><label for="unitId">${t(lang, 'orUnitId')}</label><input id="unitId" name="unitId" autocomplete="off"></div>
  <button>${t(lang, 'signIn')}</button>
</form>`;
}
