import type { CommandName } from '../schemas/commands.js';
import type { Actor } from '../schemas/primitives.js';
import type { PlanView, TaskStateView } from '../state/views.js';

/** What a policy is asked: who wants to run which command on which plan (and task). */
export type PolicyQuestion = {
  command: CommandName;
  actor: Actor;
  plan: PlanView;
  /** The task as the live state holds it (its reports without their texts). */
  task?: TaskStateView;
  /** For reportTask: whether the report is final. */
  final?: boolean;
};

/** Says yes (`true`) or gives the reason for a `FORBIDDEN` refusal. */
export type Policy = (question: PolicyQuestion) => true | string;

/** The commands only the plan's issuer may run (design §3.1); the rest are the lead's and support's. */
export const ISSUER_COMMANDS: ReadonlySet<CommandName> = new Set([
  'draftPlan',
  'addTask',
  'issuePlan',
  'assignTask',
  'acceptReport',
  'returnReport',
  'extendDeadline',
  'reassignTask',
  'cancelTask',
  'requestReport',
  'closePlan',
  'upgradeRules',
]);

export type PolicyOptions = {
  /**
   * Separation of duties (default on): the unit that submitted a task's final report may not accept
   * or return it, even when it is also the plan's issuer. Off (`false`), an issuer that leads a task
   * itself reviews its own final report.
   */
  separationOfDuties?: boolean;
};

/** The commands that review a final report, which separation of duties keeps from the unit that submitted it. */
const REVIEW_COMMANDS: ReadonlySet<CommandName> = new Set(['acceptReport', 'returnReport']);

/**
 * Who may act (design §3.1): the plan's issuer runs the plan; the lead unit acknowledges and
 * reports; a support unit may report progress but not a final report; anyone else is refused. With
 * separation of duties (on unless `separationOfDuties: false`) a unit never reviews its own final report.
 */
export function createPolicy(options: PolicyOptions = {}): Policy {
  const separationOfDuties = options.separationOfDuties ?? true;
  return (question) => {
    const verdict = baseRules(question);
    if (verdict !== true || !separationOfDuties || !REVIEW_COMMANDS.has(question.command)) return verdict;
    const submitter = question.task?.reports.findLast((report) => report.final)?.by.unitId ?? question.task?.lead?.id;
    return submitter === question.actor.unitId
      ? `separation of duties: ${question.actor.unitId} submitted the final report, so it may not ${question.command === 'acceptReport' ? 'accept' : 'return'} it`
      : true;
  };
}

function baseRules({ command, actor, plan, task, final }: PolicyQuestion): true | string {
  if (ISSUER_COMMANDS.has(command)) {
    return actor.unitId === plan.issuer?.id ? true : `only the issuing unit ${plan.issuer?.id ?? '(none)'} may ${command}`;
  }
  const lead = task?.lead?.id;
  if (command === 'acknowledgeTask') return actor.unitId === lead ? true : `only the lead unit ${lead ?? '(none)'} may acknowledge`;
  if (command === 'reportTask') {
    if (actor.unitId === lead) return true;
    if (task?.support.some((unit) => unit.id === actor.unitId)) {
      return final ? 'a support unit may report progress but not a final report' : true;
    }
    return `only the lead unit ${lead ?? '(none)'} or a support unit may report`;
  }
  return `no rule allows ${command}`;
}

/** The policy engines use unless given another: `createPolicy()`, separation of duties on. */
export const defaultPolicy: Policy = createPolicy();
