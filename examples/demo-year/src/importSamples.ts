import { normalizeName, type Deadline, type Engine, type UnitRef } from '@planlog/core';
import { createPlanFromDraft, importPlan, type ImportWarning, type PlanDraft } from '@planlog/import-vn';
import { readSample } from '../../sample-plans/index.js';
import { agencyDirectory } from './agencyUnits.js';
import { demoPlans, type DemoPlan } from './demoPlans.js';
import { issuerDecisions, type IssuerDecisions, type UnitNamedIn } from './issuerDecisions.js';

/** Who gave a task its lead or its deadline: the document itself, or the issuer's decision table. */
export type Source = 'document' | 'issuer';

/** A task as the demo issues it: the importer's task item, with the issuer's decisions where the text is silent. */
export type DemoTask = {
  ref: string;
  title: string;
  lead: UnitRef;
  support: UnitRef[];
  deadline: Deadline;
  leadBy: Source;
  deadlineBy: Source;
  /** The reasons of the issuer's decisions for this task, if any. */
  why: string[];
};

/** A demo plan read from its sample text. */
export type ImportedPlan = DemoPlan & {
  /** Số and ngày ban hành, as the text gives them. */
  number: string;
  issuedOn: string;
  title: string;
  issuer: UnitRef;
  /** The importer's draft, as it read the document. */
  draft: PlanDraft;
  warnings: ImportWarning[];
  decisions: IssuerDecisions;
  tasks: DemoTask[];
  /** The reporting rules of the plan: the document's, then those the issuer added. */
  reporting: PlanDraft['reporting'];
  /** How many reporting rules the issuer added. */
  addedRules: number;
};

/** Read one sample with the importer and apply the issuer's decisions (not yet in any engine). */
export function importDemoPlan(plan: DemoPlan): ImportedPlan {
  const text = readSample(plan.file);
  // The document names its issuer (symbol, "Sở X xây dựng Kế hoạch"); its own units are then read
  // with ids qualified by it.
  const issuer = importPlan(text).plan.issuer;
  if (!issuer) throw new Error(`${plan.file}: the importer found no issuing agency`);
  const { plan: draft, warnings } = importPlan(text, { units: agencyDirectory(issuer) });
  if (!draft.number || !draft.issuedOn) throw new Error(`${plan.file}: the importer read no number or no date of issue; the demo runs issued plans`);
  const decisions = issuerDecisions.find((entry) => entry.file === plan.file);
  if (!decisions) throw new Error(`${plan.file}: no entry in issuerDecisions`);

  const refs = new Set<string>();
  for (const task of draft.tasks) {
    if (refs.has(task.ref)) throw new Error(`${plan.file}: ref ${task.ref} is read twice; the demo keys tasks by ref`);
    refs.add(task.ref);
  }
  const named = (unit: UnitNamedIn): UnitRef => {
    const lead = draft.tasks.find((task) => task.ref === unit.asIn)?.lead;
    if (!lead || normalizeName(lead.name) !== normalizeName(unit.name)) {
      throw new Error(`issuerDecisions ${plan.file}: ${unit.asIn} should name "${unit.name}", the importer read ${lead ? `"${lead.name}"` : 'no unit'}`);
    }
    return lead;
  };

  const exceptionFor = new Map<string, IssuerDecisions['exceptions'][number]>();
  for (const exception of decisions.exceptions) {
    for (const ref of exception.refs) {
      const task = draft.tasks.find((t) => t.ref === ref);
      if (!task) throw new Error(`issuerDecisions ${plan.file}: no task ${ref} in the draft`);
      if (exception.lead && task.lead) throw new Error(`issuerDecisions ${plan.file}: ${ref} has its lead in the document`);
      if (exception.deadline && task.deadline) throw new Error(`issuerDecisions ${plan.file}: ${ref} has its deadline in the document`);
      exceptionFor.set(ref, exception);
    }
  }

  const tasks = draft.tasks.map((task): DemoTask => {
    const exception = exceptionFor.get(task.ref);
    const why: string[] = [];
    let lead = task.lead;
    if (!lead) {
      const decided = exception?.lead ?? decisions.lead;
      if (!decided) throw new Error(`issuerDecisions ${plan.file}: ${task.ref} has no lead in the document and none decided`);
      lead = named(decided);
      why.push(exception?.lead ? exception.why : decisions.lead!.why);
    }
    let deadline = task.deadline;
    if (!deadline) {
      deadline = exception?.deadline ?? decisions.deadline.deadline;
      const reason = exception?.deadline ? exception.why : decisions.deadline.why;
      if (!why.includes(reason)) why.push(reason);
    }
    return {
      ref: task.ref,
      title: task.title,
      lead,
      support: task.support,
      deadline,
      leadBy: task.lead ? 'document' : 'issuer',
      deadlineBy: task.deadline ? 'document' : 'issuer',
      why,
    };
  });
  const added = (decisions.reporting?.rules ?? []).map(({ to, ...rule }) => ({ ...rule, ...(to ? { to: named(to) } : {}) }));
  return {
    ...plan,
    number: draft.number,
    issuedOn: draft.issuedOn,
    title: draft.title,
    issuer,
    draft,
    warnings,
    decisions,
    tasks,
    reporting: [...draft.reporting, ...added],
    addedRules: added.length,
  };
}

/** The demo plans, read from their sample texts. */
export function importDemoPlans(): ImportedPlan[] {
  return demoPlans.map((plan) => importDemoPlan(plan));
}

/** One line for the start of the demo: what the importer made of the sample, and what the issuer decided. */
export function describeImport(plan: ImportedPlan): string {
  const leads = plan.tasks.filter((task) => task.leadBy === 'issuer').length;
  const deadlines = plan.tasks.filter((task) => task.deadlineBy === 'issuer').length;
  const rules = plan.addedRules > 0 ? `, ${plan.addedRules} kỳ báo cáo` : '';
  return (
    `${plan.file} (${plan.number}): ${plan.tasks.length} nhiệm vụ, ${plan.warnings.length} cảnh báo khi nhập; ` +
    `${plan.issuer.name} quyết định ${leads} đơn vị chủ trì, ${deadlines} thời hạn${rules} (issuerDecisions.ts)`
  );
}

/**
 * Create the plan from the importer's draft (createPlanFromDraft: plan.drafted, task.added), issue
 * it with the number and date the text gives, and assign the tasks the document leaves without a lead, as
 * the issuer decided (task.assigned, command id "<planId>:issuer-decision:<ref>").
 * Returns the task ids by ref.
 */
export async function issueDemoPlan(engine: Engine, plan: ImportedPlan): Promise<Map<string, string>> {
  const actor = { unitId: plan.issuer.id };
  const byRef = new Map(plan.tasks.map((task) => [task.ref, task]));
  // Only what issuing would otherwise decide by itself goes in before it: a deadline for a task the
  // document gives a lead (issuePlan would assign it as ongoing), and the reporting periods.
  const draft: PlanDraft = {
    ...plan.draft,
    reporting: plan.reporting,
    tasks: plan.draft.tasks.map((task) => (task.lead && !task.deadline ? { ...task, deadline: byRef.get(task.ref)!.deadline } : task)),
  };
  const created = await createPlanFromDraft(engine, draft, { actor, planId: plan.planId });
  await engine.issuePlan({ actor, planId: plan.planId, number: plan.number, issuedOn: plan.issuedOn, commandId: `${plan.planId}:issue` });
  const taskIds = new Map(created.tasks.map(({ ref, taskId }) => [ref, taskId]));
  for (const task of plan.tasks) {
    if (task.leadBy !== 'issuer') continue;
    await engine.assignTask({
      actor,
      taskId: taskIds.get(task.ref)!,
      lead: task.lead,
      support: task.support,
      deadline: task.deadline,
      commandId: `${plan.planId}:issuer-decision:${task.ref}`,
    });
  }
  return taskIds;
}
