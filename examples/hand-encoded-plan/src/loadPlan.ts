import type { Actor, Engine } from '@planlog/core';
import type { HandEncodedPlan } from './HandEncodedPlan.js';

export type LoadPlanOptions = {
  /** Who drafts and issues: a unit of the issuing agency (the default policy requires the issuer). */
  actor: Actor;
  /** Số the plan is issued with; the document's own by default. */
  number?: string;
  /** Ngày ban hành (YYYY-MM-DD); the document's own by default. */
  issuedOn?: string;
  /** A stable plan id; with it every command gets a derived command id, so loading twice is a no-op. */
  planId?: string;
};

export type LoadedPlan = {
  planId: string;
  /** Task ids by the task's `ref` ("II.2.b"). */
  taskIds: Record<string, string>;
};

/** Draft the plan, add its tasks and issue it through the engine's commands (issuing assigns them). */
export async function loadPlan(engine: Engine, plan: HandEncodedPlan, options: LoadPlanOptions): Promise<LoadedPlan> {
  const number = options.number ?? plan.number;
  const issuedOn = options.issuedOn ?? plan.issuedOn;
  const { actor } = options;
  const commandId = (suffix: string) => (options.planId === undefined ? {} : { commandId: `load:${options.planId}:${suffix}` });

  const { planId } = await engine.draftPlan({
    actor,
    ...(options.planId === undefined ? {} : { planId: options.planId }),
    ...commandId('draft'),
    title: plan.title,
    issuer: plan.issuer,
    basis: plan.basis,
    objectives: plan.objectives,
    requirements: plan.requirements,
    reporting: plan.reporting,
    recipients: plan.recipients,
  });
  if (planId === undefined) throw new Error('loadPlan: draftPlan returned no planId');

  const taskIds: Record<string, string> = {};
  for (const task of plan.tasks) {
    const { taskId } = await engine.addTask({
      actor,
      planId,
      ...(options.planId === undefined ? {} : { taskId: `${options.planId}:${task.ref}` }),
      ...commandId(`task:${task.ref}`),
      ref: task.ref,
      title: task.title,
      lead: task.lead,
      support: task.support,
      deadline: task.deadline,
    });
    if (taskId === undefined) throw new Error(`loadPlan: addTask ${task.ref} returned no taskId`);
    taskIds[task.ref] = taskId;
  }

  await engine.issuePlan({ actor, planId, number, issuedOn, ...commandId('issue') });
  return { planId, taskIds };
}
