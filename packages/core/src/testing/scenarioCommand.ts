import type { Engine } from '../engine/createEngine.js';
import { ISSUER_COMMANDS } from '../engine/policy.js';
import type { TaskView } from '../state/views.js';
import type { CommandName } from '../schemas/commands.js';
import type { Actor } from '../schemas/primitives.js';
import { unitRef } from '../schemas/unitId.js';
import type { ScenarioRun } from './runScenario.js';
import type { ActorPick, BadInput, CommandStep } from './scenarioArbitrary.js';
import { UNIT_NAMES } from './valueArbitraries.js';
import { LATEST_RULES_VERSION } from '../machines/rulesVersions.js';

// The command a scenario step sends, built on the state the engine has when the step runs.

/** A command as sent to the engine. */
export type SentCommand = { name: CommandName; input: Record<string, unknown> };

/** The plan every scenario drafts first. */
export const SCENARIO_PLAN_ID = 'kh-1';
const PLAN_ID = SCENARIO_PLAN_ID;

function pickOutsider(excluded: readonly (string | undefined)[]): Actor {
  const name = UNIT_NAMES.map(unitRef).find((unit) => !excluded.includes(unit.id));
  return { unitId: name?.id ?? 'don-vi-khac' };
}

async function taskViewOf(engine: Engine, taskId: string): Promise<TaskView | null> {
  try {
    return await engine.getTask(taskId);
  } catch {
    return null;
  }
}

/** The actor a step asks for, on the state the engine has now. */
async function actorFor(run: ScenarioRun, engine: Engine, name: CommandName, pick: ActorPick, taskId: string | undefined, final: boolean): Promise<Actor> {
  const issuer = run.scenario.plan.issuer.id;
  const task = taskId === undefined ? null : await taskViewOf(engine, taskId);
  const lead = task?.lead?.id;
  const support = task?.support[0]?.id;
  switch (pick) {
    case 'right':
      if (ISSUER_COMMANDS.has(name)) return { unitId: issuer };
      if (name === 'reportTask' && !final && support !== undefined && lead === undefined) return { unitId: support };
      return { unitId: lead ?? issuer, userId: 'chuyen-vien-1' };
    case 'issuer':
      return { unitId: issuer };
    case 'lead':
      return { unitId: lead ?? issuer };
    case 'support':
      return { unitId: support ?? lead ?? issuer };
    case 'outsider':
      return pickOutsider([issuer, lead, ...(task?.support ?? []).map((unit) => unit.id)]);
  }
}

function spoil(name: CommandName, input: Record<string, unknown>, bad: BadInput): void {
  const idField = 'taskId' in input ? 'taskId' : 'planId';
  const required: Record<CommandName, string> = {
    draftPlan: 'title',
    addTask: 'title',
    issuePlan: 'number',
    assignTask: 'deadline',
    acknowledgeTask: 'taskId',
    reportTask: 'text',
    acceptReport: 'taskId',
    returnReport: 'reason',
    extendDeadline: 'reason',
    reassignTask: 'lead',
    cancelTask: 'reason',
    requestReport: 'units',
    closePlan: 'planId',
    upgradeRules: 'version',
  };
  switch (bad) {
    case 'missing-field':
      delete input[required[name]];
      return;
    case 'wrong-type':
      input[name === 'draftPlan' ? 'title' : idField] = 42;
      return;
    case 'unknown-id':
      if (name === 'draftPlan') input.parentPlanId = 'khong-co-ke-hoach';
      else input[idField] = 'khong-co';
      return;
    case 'bad-deadline':
      if ('deadline' in input || name === 'assignTask' || name === 'extendDeadline' || name === 'addTask') {
        input.deadline = { kind: 'quarter', year: 2026, quarter: 5 };
      } else {
        input.actor = { unitId: '   ' };
      }
      return;
    case 'bad-actor':
      delete input.actor;
      return;
    case 'out-of-range':
      if (name === 'reportTask') input.progress = 150;
      else if (name === 'issuePlan') input.issuedOn = '2026-13-45';
      else if (name === 'requestReport') input.dueAt = 'cuối tháng';
      else if (name === 'draftPlan') input.timeZone = 'Asia/Hanoi_Khong_Co';
      else input.commandId = '';
      return;
  }
}

/** The command a step sends: input built on the state the engine has now. */
export async function commandFor(run: ScenarioRun, engine: Engine, step: CommandStep, index: number): Promise<SentCommand> {
  const { args } = step;
  const name = step.command;
  const taskId = run.taskIds[step.target % run.taskIds.length]!;
  const planId = run.planIds[step.target % run.planIds.length]!;
  const onTask = !ISSUER_COMMANDS.has(name) || ['assignTask', 'acceptReport', 'returnReport', 'extendDeadline', 'reassignTask', 'cancelTask'].includes(name);
  const actor = await actorFor(run, engine, name, step.actor, onTask ? taskId : undefined, args.final);
  let input: Record<string, unknown>;
  switch (name) {
    case 'draftPlan':
      input = { actor, title: args.text, planId: args.flag ? `kh-${run.planIds.length + 1}` : PLAN_ID, issuer: run.scenario.plan.issuer };
      break;
    case 'addTask':
      input = {
        actor,
        planId,
        title: args.text,
        taskId: `nv-${run.taskIds.length + 1}`,
        ref: `III.${index + 1}`,
        ...(args.omit ? {} : { lead: args.lead }),
        support: args.support,
        deadline: args.deadline,
      };
      break;
    case 'issuePlan':
      input = { actor, planId, number: `${index + 10}/KH-UBND`, issuedOn: '2026-02-25' };
      break;
    case 'assignTask':
      input = { actor, taskId, lead: args.lead, support: args.support, deadline: args.deadline };
      break;
    case 'acknowledgeTask':
      input = { actor, taskId };
      break;
    case 'reportTask': {
      const requestId = args.flag && run.requestIds.length > 0 ? run.requestIds[step.target % run.requestIds.length] : undefined;
      input = {
        actor,
        taskId,
        text: args.text,
        final: args.final,
        ...(args.period === undefined ? {} : { period: args.period }),
        ...(args.progress === undefined ? {} : { progress: args.progress }),
        ...(requestId === undefined ? {} : { requestId }),
      };
      break;
    }
    case 'acceptReport':
      input = { actor, taskId, ...(args.omit ? {} : { note: args.text }) };
      break;
    case 'returnReport':
      input = { actor, taskId, reason: args.text };
      break;
    case 'extendDeadline':
      input = { actor, taskId, deadline: args.deadline, reason: args.text };
      break;
    case 'reassignTask':
      input = { actor, taskId, lead: args.lead, ...(args.omit ? {} : { support: args.support }), reason: args.text };
      break;
    case 'cancelTask':
      input = { actor, taskId, reason: args.text };
      break;
    case 'requestReport':
      input = {
        actor,
        planId,
        units: [args.lead, ...args.support],
        subject: `Báo cáo đột xuất: ${args.text}`,
        dueAt: new Date(run.clock.now().getTime() + args.dueInMs).toISOString(),
        requestId: `yc-${index + 1}`,
      };
      break;
    case 'closePlan':
      input = { actor, planId };
      break;
    case 'upgradeRules':
      input = { actor, planId, version: args.flag ? LATEST_RULES_VERSION : 1 + (args.progress ?? 0) % LATEST_RULES_VERSION };
      break;
  }
  if (step.withId) input.commandId = `lenh-${index + 1}`;
  if (step.bad) spoil(name, input, step.bad);
  return { name, input };
}
