import { LAST_YEAR, unitRef, type Actor, type Deadline, type CommandInput, type Engine, type TaskView } from '@planlog/core';
import { h, type Safe } from './html.js';
import { t, type Lang } from './i18n.js';
import { taskHref } from './pageBits.js';

/** The task commands a page offers as buttons and forms. */
export const TASK_ACTIONS = ['acknowledgeTask', 'reportTask', 'acceptReport', 'returnReport', 'extendDeadline', 'reassignTask', 'cancelTask'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/** The form of an action; the engine checks what is sent. */
export type ActionForm = Record<string, string | undefined>;

const SAMPLE_REASON = 'Lý do';

/** A deadline other than the task's (the machine refuses an extension that changes nothing). */
function probeDeadline(task: TaskView): Deadline {
  const year = task.deadline?.kind === 'year' && task.deadline.year === LAST_YEAR ? LAST_YEAR - 1 : LAST_YEAR;
  return { kind: 'year', year };
}

/**
 * The command input for an action from its form. With no form (`probe`), the input a page asks
 * `engine.can` about: the fields a form would fill, with sample values the schema accepts.
 */
export function actionInput(action: TaskAction, actor: Actor, task: TaskView, form: ActionForm | 'probe', final = false): CommandInput<TaskAction> {
  const probe = form === 'probe';
  const value = (name: string) => (probe ? SAMPLE_REASON : (form[name] ?? '').trim());
  const base = { actor, taskId: task.taskId };
  switch (action) {
    case 'acknowledgeTask':
      return base;
    case 'reportTask': {
      const progress = probe ? undefined : form.progress?.trim();
      return {
        ...base,
        text: value('text'),
        final: probe ? final : form.final === 'on',
        ...(progress ? { progress: Number(progress) } : {}),
      };
    }
    case 'acceptReport':
      return { ...base, ...(value('note') ? { note: value('note') } : {}) };
    case 'returnReport':
    case 'cancelTask':
      return { ...base, reason: value('reason') };
    case 'extendDeadline':
      return {
        ...base,
        reason: value('reason'),
        deadline: probe ? probeDeadline(task) : { kind: 'date', on: (form.deadline ?? '').trim() },
      };
    case 'reassignTask':
      return { ...base, reason: value('reason'), lead: probe ? { id: 'don-vi-moi', name: 'Đơn vị mới' } : unitRef(value('lead') || '-') };
  }
}

/** The actions the engine says `actor` may take on the task now (and whether a final report is among them). */
export async function allowedActions(engine: Engine, actor: Actor, task: TaskView): Promise<{ actions: TaskAction[]; finalReport: boolean }> {
  const actions: TaskAction[] = [];
  for (const action of TASK_ACTIONS) {
    if ((await engine.can(action, actionInput(action, actor, task, 'probe') as never)).ok) actions.push(action);
  }
  const finalReport = actions.includes('reportTask') && (await engine.can('reportTask', actionInput('reportTask', actor, task, 'probe', true) as never)).ok;
  return { actions, finalReport };
}

const reasonField = (lang: Lang, id: string, required = true) =>
  h`<div class="field"><label for="${id}">${t(lang, 'reason')}</label><textarea id="${id}" name="reason"${required ? h` required` : ''}></textarea></div>`;

/** The form of one allowed action. */
export function actionForm(lang: Lang, task: TaskView, action: TaskAction, finalReport: boolean): Safe {
  const id = (name: string) => `${action}-${name}`;
  const fields: Record<TaskAction, Safe> = {
    acknowledgeTask: h``,
    reportTask: h`<div class="field"><label for="${id('text')}">${t(lang, 'text')}</label><textarea id="${id('text')}" name="text" required></textarea></div>
      <div class="field"><label for="${id('progress')}">${t(lang, 'percent')}</label><input id="${id('progress')}" name="progress" type="number" min="0" max="100" inputmode="numeric"></div>
      ${finalReport ? h`<div class="field checkbox"><input id="${id('final')}" name="final" type="checkbox"> <label for="${id('final')}">${t(lang, 'finalReport')}</label></div>` : ''}`,
    acceptReport: h`<div class="field"><label for="${id('note')}">${t(lang, 'note')}</label><textarea id="${id('note')}" name="note"></textarea></div>`,
    returnReport: reasonField(lang, id('reason')),
    extendDeadline: h`<div class="field"><label for="${id('deadline')}">${t(lang, 'newDeadline')}</label><input id="${id('deadline')}" name="deadline" type="date" required></div>${reasonField(lang, id('reason'))}`,
    reassignTask: h`<div class="field"><label for="${id('lead')}">${t(lang, 'newLead')}</label><input id="${id('lead')}" name="lead" required></div>${reasonField(lang, id('reason'))}`,
    cancelTask: reasonField(lang, id('reason')),
  };
  const danger = action === 'cancelTask' || action === 'returnReport';
  return h`<form method="post" action="${taskHref(task.taskId, "/act")}" aria-label="${t(lang, action)}">
    <input type="hidden" name="command" value="${action}">
    ${fields[action]}
    <button${danger ? h` class="danger"` : ''} data-action="${action}">${t(lang, action)}</button>
  </form>`;
}
