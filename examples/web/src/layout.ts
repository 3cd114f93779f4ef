import { EVENT_TYPES } from '@planlog/core';
import { h, raw, type Safe } from './html.js';
import { t, type Lang } from './i18n.js';
import { liveScript } from './liveScript.js';
import { styles } from './styles.js';

export type PageContext = { lang: Lang; unitId: string | null; unitName: string | null; path: string };

/** What a page listens for on the event stream: the streams it shows and the log position it was drawn at. */
export type Live = { streams: string[]; fromPosition: number };

const NAV = [
  ['/', 'plans'],
  ['/overdue', 'overdue'],
  ['/due-soon', 'dueSoon'],
  ['/import', 'import'],
  ['/reports', 'reports'],
  ['/audit', 'audit'],
] as const;

/** The page shell: header with the navigation, the unit signed in, the language toggle; then `body`. */
export function layout(context: PageContext, title: string, body: Safe, live?: Live): Safe {
  const { lang, unitId, unitName, path } = context;
  const current = (href: string) => (href === '/' ? path === '/' || path.startsWith('/plans') || path.startsWith('/tasks') : path.startsWith(href));
  return h`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t(lang, 'appName')}</title>
<style>${raw(styles)}</style>
</head>
<body>
<a class="skip" href="#main">${t(lang, 'skip')}</a>
<header>
  <div class="bar-top">
    <a class="brand" href="/">${t(lang, 'appName')}</a>
    <div class="who">
      ${unitId ? h`<span>${t(lang, 'signedInAs')}: <strong>${unitName ?? unitId}</strong> <span class="vh" data-testid="unit">${unitId}</span></span>
      <form method="post" action="/signout"><button class="link-button">${t(lang, 'signOut')}</button></form>` : h`<a href="/signin">${t(lang, 'signIn')}</a>`}
      <form method="post" action="/lang"><input type="hidden" name="lang" value="${lang === 'vi' ? 'en' : 'vi'}"><input type="hidden" name="back" value="${path}"><button class="link-button" lang="${lang === 'vi' ? 'en' : 'vi'}">${t(lang, 'language')}</button></form>
    </div>
  </div>
  ${unitId ? h`<nav aria-label="${t(lang, 'menu')}"><ul>${NAV.map(([href, key]) => h`<li><a href="${href}"${current(href) ? raw(' aria-current="page"') : ''}>${t(lang, key)}</a></li>`)}</ul></nav>` : ''}
</header>
<main id="main" tabindex="-1">
<div id="live-notice" role="status" aria-live="polite"></div>
${body}
</main>
${live ? h`<script type="application/json" id="live">${raw(JSON.stringify({ ...live, types: EVENT_TYPES, notice: t(lang, 'liveUpdated'), refresh: t(lang, 'refreshNow') }).replace(/</g, '\\u003c'))}</script><script>${raw(liveScript)}</script>` : ''}
</body>
</html>`;
}
