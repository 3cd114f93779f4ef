import type { CommandName } from '../schemas/commands.js';
import type { Actor } from '../schemas/primitives.js';
import type { PlanView, TaskView } from './views.js';

/** What a policy is asked: who wants to run which command on which plan (and task). */
export type PolicyRequest = {
  command: CommandName;
  actor: Actor;
  plan: PlanView;
  task?: TaskView;
  /** For reportTask: whether the report is final. */
  final?: boolean;
};

/** Says yes (`true`) or gives the reason for a `FORBIDDEN` refusal. */
export type Policy = (request: PolicyRequest) => true | string;

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
]);

/**
 * Who may act (design §3.1): the plan's issuer runs the plan; the lead unit acknowledges and
 * reports; a support unit may report progress but not a final report; anyone else is refused.
 */
export const defaultPolicy: Policy = ({ command, actor, plan, task, final }) => {
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
};
