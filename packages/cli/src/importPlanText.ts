import { PlanlogError, createEngine, describeDeadline, type Actor, type EventStore } from '@planlog/core';
import type { CreatePlanResult, ImportWarning, PlanDraft } from '@planlog/import-vn';
import { formatTable } from './table.js';

export type PlanImportOptions = {
  /** Who drafts the plan (default: the issuer the text names). */
  actor?: string;
  planId?: string;
  /** Also issue the plan with the number and date the text gives (assigns every task that has a lead). */
  issue?: boolean;
};

export type PlanImport = {
  draft: PlanDraft;
  warnings: ImportWarning[];
  /** What was appended; null on a dry run. */
  created: (CreatePlanResult & { appended: number; issued: boolean }) | null;
};

/** Read a Kế hoạch file (.txt, .md, .docx, .pdf) into a draft with `importPlanFile` (import-vn is loaded only for this). */
export async function readPlanText(file: string): Promise<Pick<PlanImport, 'draft' | 'warnings'>> {
  const { importPlanFile } = await import('@planlog/import-vn');
  const { plan, warnings } = await importPlanFile(file);
  return { draft: plan, warnings };
}

/** Create the plan of a draft with `createPlanFromDraft` (a re-run appends nothing), and issue it if asked. */
export async function createPlan(store: EventStore, draft: PlanDraft, options: PlanImportOptions): Promise<NonNullable<PlanImport['created']>> {
  const { createPlanFromDraft } = await import('@planlog/import-vn');
  const unitId = options.actor ?? draft.issuer?.id;
  if (!unitId) {
    throw new PlanlogError('VALIDATION', '--actor: the text names no issuing agency; say which unit drafts the plan with --actor <unitId>', { field: 'actor' });
  }
  const actor: Actor = { unitId };
  const engine = createEngine({ store });
  const before = await store.headPosition();
  const result = await createPlanFromDraft(engine, draft, { actor, ...(options.planId ? { planId: options.planId } : {}) });
  let issued = false;
  if (options.issue) {
    if (!draft.number || !draft.issuedOn) {
      throw new PlanlogError('VALIDATION', `--issue: the text gives no ${draft.number ? 'date' : 'number'} of issue (a draft plan); the plan ${result.planId} was created, not issued`, { field: 'issue' });
    }
    await engine.issuePlan({ actor, planId: result.planId, number: draft.number, issuedOn: draft.issuedOn, commandId: `${result.planId}:issue` });
    issued = true;
  }
  return { ...result, appended: (await store.headPosition()) - before, issued };
}

const shorten = (text: string, max: number) => ([...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`);

/** The draft as a reader checks it: header, tasks with lead, support and deadline, reporting rules, warnings. */
export function formatPlanImport({ draft, warnings, created }: PlanImport): string[] {
  const number = draft.number ?? (draft.symbol ? `(blank)/${draft.symbol}` : '(none)');
  const lines = [
    `${draft.title}`,
    `  number ${number}, ${draft.issuedOn ? `issued on ${draft.issuedOn}` : 'not issued (draft)'}${draft.issuer ? `, by ${draft.issuer.name} (${draft.issuer.id})` : ''}`,
    `  basis: ${draft.basis.length}, objectives: ${draft.objectives.length}, requirements: ${draft.requirements.length}, recipients: ${draft.recipients.length}`,
    '',
    `Tasks (${draft.tasks.length}):`,
    ...formatTable([
      ['line', 'ref', 'title', 'lead (chủ trì)', 'deadline', 'support (phối hợp)'],
      ...draft.tasks.map((task) => [
        String(task.line),
        task.ref,
        shorten(task.title, 40),
        task.lead?.name ?? '—',
        task.deadline ? describeDeadline(task.deadline).vi : '—',
        task.support.length === 0 ? '—' : task.support.map((unit) => unit.name).join(', '),
      ]),
    ]),
    '',
    `Reporting (${draft.reporting.length}):`,
    ...draft.reporting.map((rule) => {
      const due = rule.due ? `, due ${rule.due.before ? 'before ' : ''}${rule.due.day}/${rule.due.month}` : '';
      return `  ${rule.period}${due}${rule.to ? `, to ${rule.to.name}` : ''}`;
    }),
    '',
    `Warnings (${warnings.length}):`,
    ...warnings.map((warning) => `  line ${warning.line}: ${warning.message}`),
    '',
  ];
  if (!created) lines.push('Dry run: nothing was written.');
  else if (created.appended === 0) lines.push(`Plan ${created.planId} was already in the log with these tasks: nothing appended.`);
  else lines.push(`Created plan ${created.planId} with ${created.tasks.length} tasks (${created.appended} events appended${created.issued ? ', plan issued' : ''}).`);
  return lines;
}
