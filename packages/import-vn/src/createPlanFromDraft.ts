import { PlanlogError, type Actor, type Engine } from '@planlog/core';
import type { PlanDraft } from './types.js';
import { unitIdsForLog, type UnitIdWarning } from './unitIdsForLog.js';
import { unitsInLog } from './unitsInLog.js';

export type CreatePlanOptions = {
  /**
   * Who drafts the plan; by default the issuer the draft names, under the id it gets in this log (a
   * suffixed one when the log gives its id to another name).
   */
  actor?: Actor;
  /** Id of the plan; by default derived from the draft (issuer, symbol, number, title), so a re-run finds the same plan. */
  planId?: string;
  timeZone?: string;
  /** Move time limits that end on a day off to the next working day (Civil Code Art. 148(5); `draftPlan`'s `workingDays`). */
  workingDays?: boolean;
  parentPlanId?: string;
};

export type CreatePlanResult = {
  planId: string;
  tasks: { ref: string; taskId: string }[];
  /** Who drafted the plan. */
  actor: Actor;
  /** Units of the draft that got a suffixed id because the log already gives their id another name. */
  warnings: UnitIdWarning[];
};

/** FNV-1a, 32 bits, as 8 hex digits: a short stable digest for ids (not for security). */
function digest(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** The plan id a draft gets when the caller gives none. */
export function planIdOf(draft: PlanDraft): string {
  const key = [draft.issuer?.id ?? '', draft.symbol ?? '', draft.number ?? '', draft.issuedOn ?? '', draft.title].join('|');
  return `plan-${digest(key)}${digest(`${key}#`)}`;
}

/**
 * Create a plan from an imported draft: one `plan.drafted` (engine.draftPlan) and one `task.added`
 * per task (engine.addTask). Every command id is derived from the plan id and the task's ref, so
 * running it again on the same draft appends nothing new. A unit whose id the log already gives
 * another name ("Phòng Tư pháp" where the draft has "Phòng Tự pháp", both `phong-tu-phap`) gets a
 * suffixed id in every place the draft names it, with a warning (see `unitIdsForLog`).
 */
export async function createPlanFromDraft(engine: Engine, given: PlanDraft, options: CreatePlanOptions = {}): Promise<CreatePlanResult> {
  if (!options.actor && !given.issuer) {
    throw new PlanlogError('VALIDATION', 'actor: the draft names no issuing agency; say which unit drafts the plan', { field: 'actor' });
  }
  const { draft, warnings } = unitIdsForLog(given, await unitsInLog(engine.store));
  const actor = options.actor ?? { unitId: draft.issuer!.id };
  const planId = options.planId ?? planIdOf(draft);
  await engine.draftPlan({
    actor,
    commandId: `${planId}:draft`,
    planId,
    title: draft.title,
    ...(draft.issuer ? { issuer: draft.issuer } : {}),
    basis: draft.basis,
    objectives: draft.objectives,
    requirements: draft.requirements,
    reporting: draft.reporting,
    recipients: draft.recipients,
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    ...(options.workingDays ? { workingDays: true } : {}),
    ...(options.parentPlanId ? { parentPlanId: options.parentPlanId } : {}),
  });
  const tasks: CreatePlanResult['tasks'] = [];
  const seen = new Map<string, number>();
  for (const task of draft.tasks) {
    // A ref that repeats (numbering restarted in the text) gets a suffix, so no task shadows another.
    const count = (seen.get(task.ref) ?? 0) + 1;
    seen.set(task.ref, count);
    const key = count === 1 ? task.ref : `${task.ref}#${count}`;
    const taskId = `${planId}/${key}`;
    await engine.addTask({
      actor,
      commandId: `${planId}:task:${key}`,
      planId,
      taskId,
      title: task.title,
      ref: task.ref,
      ...(task.lead ? { lead: task.lead } : {}),
      support: task.support,
      ...(task.deadline ? { deadline: task.deadline } : {}),
    });
    tasks.push({ ref: task.ref, taskId });
  }
  return { planId, tasks, actor, warnings };
}
