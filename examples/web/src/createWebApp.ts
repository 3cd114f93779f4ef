import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { isPlanlogError, localDate, PlanlogError, planStream, taskStream, unitRef, type Actor, type Engine } from '@planlog/core';
import { createPlanlogApp, statusOfCode } from '@planlog/http';
import { createPlanFromDraft, importPlan, importPlanBytes, type ImportResult } from '@planlog/import-vn';
import { collectReport, composeReport, writeReport, type ReportFormat } from '@planlog/report';
import { h, type Safe } from './html.js';
import { t, type Lang } from './i18n.js';
import { knownUnits } from './knownUnits.js';
import { layout, type Live, type PageContext } from './layout.js';
import { planHref, taskHref, TIME_ZONE } from './pageBits.js';
import { auditPage, type AsOfQuery } from './pages/auditPage.js';
import { importPage, reviewPage } from './pages/importPages.js';
import { planPage } from './pages/planPage.js';
import { plansPage } from './pages/plansPage.js';
import { dueSoonPage, DUE_SOON_DAYS, overduePage } from './pages/registerPages.js';
import { reportsPage } from './pages/reportsPage.js';
import { signInPage } from './pages/signInPage.js';
import { taskPage } from './pages/taskPage.js';
import { actionInput, TASK_ACTIONS, type TaskAction } from './taskActions.js';

/**
 * Who is asking: the unit a request acts for, or null (the sign-in page). The default is the
 * development picker's cookie; a real app passes its own (a session, a signed token, the agency's
 * single sign-on) and leaves /signin unused.
 */
export type UnitOf = (request: Request) => string | null;

export type WebAppOptions = {
  /** The engine the pages read and the forms command; its clock is the dashboard's "now" (a manual clock in tests). */
  engine: Engine;
  unitOf?: UnitOf;
};

const UNIT_COOKIE = 'planlog_unit';
const LANG_COOKIE = 'planlog_lang';

/** The development picker's cookie: the unit id chosen on /signin. */
export const developmentUnitOf: UnitOf = (request) => {
  const match = /(?:^|;\s*)planlog_unit=([^;]+)/.exec(request.headers.get('cookie') ?? '');
  return match ? decodeURIComponent(match[1]!) : null;
};

type Env = { Variables: { lang: Lang; unitId: string | null; unitName: string | null } };

const MAX_DRAFTS = 50;

/** The dashboard: HTML pages on the engine, the JSON API of @planlog/http under /api (its events feed the pages live). */
export function createWebApp(options: WebAppOptions): Hono<Env> {
  const { engine } = options;
  const unitOf = options.unitOf ?? developmentUnitOf;
  const app = new Hono<Env>();
  const drafts = new Map<string, { result: ImportResult; unitId: string }>();

  const api = createPlanlogApp({
    engineFor: () => engine,
    authenticate: (request) => {
      const unitId = unitOf(request);
      return unitId ? { tenantId: 'web', actor: { unitId } } : null;
    },
  });

  // Unit names for the header, from the log's units, read again when the log has grown.
  let names: { position: number; byId: Map<string, string> } = { position: -1, byId: new Map() };
  async function unitName(unitId: string | null): Promise<string | null> {
    if (unitId === null) return null;
    const position = await engine.store.headPosition();
    if (position !== names.position) names = { position, byId: new Map((await knownUnits(engine)).map((unit) => [unit.id, unit.name])) };
    return names.byId.get(unitId) ?? null;
  }

  const context = (c: Context<Env>): PageContext => ({ lang: c.get('lang'), unitId: c.get('unitId'), unitName: c.get('unitName'), path: c.req.path });
  const page = (c: Context<Env>, title: string, body: Safe, status: 200 | 400 | 403 | 404 | 409 | 500 | 503 = 200, live?: Live) =>
    c.html(layout(context(c), title, body, live).text, status);
  const actorOf = (c: Context<Env>): Actor => ({ unitId: c.get('unitId')! });

  app.onError((error, c) => {
    const lang = c.get('lang') ?? 'vi';
    if (!isPlanlogError(error)) {
      console.error(error);
      return page(c, t(lang, 'refused'), h`<h1>${t(lang, 'refused')}</h1><p class="error" role="alert">500</p>`, 500);
    }
    const status = statusOfCode[error.code];
    const title = error.code === 'FORBIDDEN' ? t(lang, 'forbidden') : error.code === 'NOT_FOUND' ? t(lang, 'notFound') : t(lang, 'refused');
    return page(
      c,
      title,
      h`<h1>${title}</h1><p class="error" role="alert" data-code="${error.code}">${t(lang, `why_${error.code}`)}</p><p class="muted">${t(lang, 'details')}: ${error.message}</p><p><a href="javascript:history.back()">${t(lang, 'back')}</a> · <a href="/">${t(lang, 'plans')}</a></p>`,
      status as 400,
    );
  });

  app.use('*', async (c, next) => {
    c.set('lang', getCookie(c, LANG_COOKIE) === 'en' ? 'en' : 'vi');
    c.set('unitId', unitOf(c.req.raw));
    const open = c.req.path === '/signin' || c.req.path === '/lang' || c.req.path.startsWith('/api/');
    if (!open && c.get('unitId') === null) return c.redirect('/signin');
    c.set('unitName', c.req.path.startsWith('/api/') ? null : await unitName(c.get('unitId')));
    await next();
  });

  // The event stream of @planlog/http, from the position a page was drawn at: `?after=N` becomes Last-Event-ID.
  app.get('/api/events', (c) => {
    const url = new URL(c.req.url);
    const after = url.searchParams.get('after');
    url.searchParams.delete('after');
    const headers = new Headers(c.req.raw.headers);
    if (after !== null && !headers.has('last-event-id')) headers.set('last-event-id', after);
    return api.fetch(new Request(new URL(url.pathname.slice('/api'.length) + url.search, url), { headers, signal: c.req.raw.signal }));
  });
  app.route('/api', api);

  app.get('/signin', async (c) => page(c, t(c.get('lang'), 'signIn'), signInPage(c.get('lang'), await knownUnits(engine))));
  app.post('/signin', async (c) => {
    const form = await c.req.parseBody();
    const unitId = String(form.unitId ?? '').trim() || String(form.unit ?? '').trim();
    if (!unitId) return c.redirect('/signin');
    setCookie(c, UNIT_COOKIE, unitId, { path: '/', httpOnly: true, sameSite: 'Lax' });
    return c.redirect('/');
  });
  app.post('/signout', (c) => {
    deleteCookie(c, UNIT_COOKIE, { path: '/' });
    return c.redirect('/signin');
  });
  app.post('/lang', async (c) => {
    const form = await c.req.parseBody();
    setCookie(c, LANG_COOKIE, form.lang === 'en' ? 'en' : 'vi', { path: '/', sameSite: 'Lax' });
    const back = String(form.back ?? '/');
    return c.redirect(back.startsWith('/') && !back.startsWith('//') ? back : '/');
  });

  app.get('/', async (c) => page(c, t(c.get('lang'), 'plans'), await plansPage(c.get('lang'), engine)));

  app.get('/plans/:planId', async (c) => {
    const plan = await engine.getPlan(c.req.param('planId'));
    const filter = { unit: c.req.query('unit') ?? '', state: c.req.query('state') ?? '' };
    const live: Live = { streams: [planStream(plan.planId), ...plan.taskIds.map(taskStream)], fromPosition: await engine.store.headPosition() };
    return page(c, plan.title, await planPage(c.get('lang'), engine, actorOf(c), plan, filter), 200, live);
  });
  app.post('/plans/:planId/issue', async (c) => {
    const form = await c.req.parseBody();
    const planId = c.req.param('planId');
    await engine.issuePlan({ actor: actorOf(c), planId, number: String(form.number ?? '').trim(), issuedOn: String(form.issuedOn ?? '').trim() });
    return c.redirect(planHref(planId), 303);
  });

  app.get('/tasks/:taskId', async (c) => {
    const task = await engine.getTask(c.req.param('taskId'));
    const plan = await engine.getPlan(task.planId);
    const live: Live = { streams: [taskStream(task.taskId)], fromPosition: await engine.store.headPosition() };
    return page(c, task.title, await taskPage(c.get('lang'), engine, actorOf(c), task, plan), 200, live);
  });
  app.post('/tasks/:taskId/act', async (c) => {
    const form = Object.fromEntries(Object.entries(await c.req.parseBody()).map(([key, value]) => [key, typeof value === 'string' ? value : undefined]));
    const command = form.command as TaskAction;
    if (!(TASK_ACTIONS as readonly string[]).includes(command)) throw new PlanlogError('VALIDATION', 'command: not an action on a task', { field: 'command' });
    const task = await engine.getTask(c.req.param('taskId'));
    await (engine[command] as (input: unknown) => Promise<unknown>)(actionInput(command, actorOf(c), task, form));
    return c.redirect(taskHref(task.taskId), 303);
  });

  app.get('/overdue', async (c) => page(c, t(c.get('lang'), 'overdue'), await overduePage(c.get('lang'), engine)));
  app.get('/due-soon', async (c) => {
    const days = Number(c.req.query('days') ?? DUE_SOON_DAYS);
    return page(c, t(c.get('lang'), 'dueSoon'), await dueSoonPage(c.get('lang'), engine, Number.isInteger(days) && days > 0 ? days : DUE_SOON_DAYS));
  });

  app.get('/import', (c) => page(c, t(c.get('lang'), 'import'), importPage(c.get('lang'))));
  app.post('/import', async (c) => {
    const form = await c.req.parseBody();
    const file = form.file;
    const text = typeof form.text === 'string' ? form.text : '';
    let result: ImportResult;
    if (file instanceof File && file.size > 0) {
      result = await importPlanBytes(new Uint8Array(await file.arrayBuffer()), { fileName: file.name });
    } else if (text.trim()) {
      result = importPlan(text);
    } else {
      return page(c, t(c.get('lang'), 'import'), importPage(c.get('lang'), `${t(c.get('lang'), 'upload')} / ${t(c.get('lang'), 'paste')}`), 400);
    }
    const draftId = crypto.randomUUID();
    drafts.set(draftId, { result, unitId: c.get('unitId')! });
    if (drafts.size > MAX_DRAFTS) drafts.delete(drafts.keys().next().value!);
    return c.redirect(`/import/${draftId}`, 303);
  });
  const draftOf = (c: Context<Env>) => {
    const draft = drafts.get(c.req.param('draftId') ?? '');
    if (!draft || draft.unitId !== c.get('unitId')) throw new PlanlogError('NOT_FOUND', 'draftId: no such draft (drafts live until the server restarts)', { field: 'draftId' });
    return draft;
  };
  app.get('/import/:draftId', (c) => page(c, t(c.get('lang'), 'review'), reviewPage(c.get('lang'), c.req.param('draftId'), draftOf(c).result)));
  app.post('/import/:draftId/create', async (c) => {
    const { result } = draftOf(c);
    const form = await c.req.parseBody();
    const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');
    const tasks = result.plan.tasks.map((task, index) => {
      const lead = field(`lead-${index}`);
      const deadline = field(`deadline-${index}`);
      const { lead: _lead, ...rest } = task;
      return {
        ...rest,
        ...(lead ? { lead: lead === task.lead?.name ? task.lead : unitRef(lead) } : {}),
        ...(deadline ? { deadline: { kind: 'date' as const, on: deadline } } : task.deadline ? { deadline: task.deadline } : {}),
      };
    });
    const created = await createPlanFromDraft(engine, { ...result.plan, tasks }, { actor: actorOf(c) });
    drafts.delete(c.req.param('draftId'));
    return c.redirect(planHref(created.planId), 303);
  });

  app.get('/reports', (c) => page(c, t(c.get('lang'), 'reports'), reportsPage(c.get('lang'), Number(localDate(engine.clock.now(), TIME_ZONE).slice(0, 4)))));
  app.get('/reports/download', async (c) => {
    const format = (c.req.query('format') ?? 'docx') as ReportFormat;
    if (!['docx', 'pdf', 'html'].includes(format)) throw new PlanlogError('VALIDATION', 'format: docx, pdf or html', { field: 'format' });
    const period = c.req.query('period') ?? '';
    const data = await collectReport({ engine, unit: c.get('unitId')!, period });
    const bytes = await writeReport(composeReport(data), format);
    const types = { docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', pdf: 'application/pdf', html: 'text/html; charset=utf-8', md: 'text/markdown' };
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': types[format],
      'content-disposition': `attachment; filename="bao-cao-${c.get('unitId')!.replace(/[^a-z0-9-]/gi, '')}-${period.replace(/[^0-9A-Z-]/g, '')}.${format}"`,
    });
  });

  app.get('/audit', async (c) => {
    const lang = c.get('lang');
    const verified = c.req.query('verify') ? await engine.verify() : null;
    const asOf: AsOfQuery = { id: c.req.query('id') ?? '', date: c.req.query('date') ?? '', result: null };
    if (asOf.id && asOf.date) {
      try {
        const kind = await engine.getTask(asOf.id).then(() => 'task', () => 'plan');
        // The end of the chosen local day.
        const end = new Date(Date.parse(`${asOf.date}T23:59:59.999+07:00`));
        if (Number.isNaN(end.getTime())) throw new PlanlogError('VALIDATION', 'date: not a date', { field: 'date' });
        asOf.result = await engine.replay({ streamId: kind === 'task' ? taskStream(asOf.id) : planStream(asOf.id), asOf: end });
      } catch (error) {
        if (!isPlanlogError(error)) throw error;
        asOf.error = error.message;
      }
    }
    return page(c, t(lang, 'audit'), auditPage(lang, verified, asOf));
  });

  app.notFound((c) => page(c, t(c.get('lang') ?? 'vi', 'notFound'), h`<h1>${t(c.get('lang') ?? 'vi', 'notFound')}</h1><p><a href="/">${t(c.get('lang') ?? 'vi', 'plans')}</a></p>`, 404));
  return app;
}
