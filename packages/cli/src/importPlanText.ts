import { PlanlogError, commandSchemas, createEngine, describeDeadline, describeReportingDue, type Actor, type EventStore } from '@planlog/core';
import type { CreatePlanResult, ImportWarning, PlanDraft } from '@planlog/import-vn';
import type { Lang } from './lang.js';
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

/** The drafting unit: `--actor`, else the issuer the text names. */
function actorOf(draft: PlanDraft, options: PlanImportOptions): Actor {
  const unitId = options.actor ?? draft.issuer?.id;
  if (!unitId) {
    throw new PlanlogError('VALIDATION', '--actor: the text names no issuing agency; say which unit drafts the plan with --actor <unitId>', { field: 'actor' });
  }
  return { unitId };
}

/**
 * With --issue, the number and date of issue the text gives, checked as issuePlan will check them;
 * null without --issue. Called before anything is appended: a draft text refused for --issue leaves
 * no plan behind that nothing could issue afterwards.
 */
export function issueOf(draft: PlanDraft, options: PlanImportOptions): { number: string; issuedOn: string } | null {
  if (!options.issue) return null;
  if (!draft.number || !draft.issuedOn) {
    throw new PlanlogError('VALIDATION', `--issue: the text gives no ${draft.number ? 'date' : 'number'} of issue (a draft plan); nothing was written (import it without --issue to create the draft)`, { field: 'issue' });
  }
  const checked = commandSchemas.issuePlan.safeParse({ actor: actorOf(draft, options), planId: options.planId ?? 'plan', number: draft.number, issuedOn: draft.issuedOn });
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new PlanlogError('VALIDATION', `--issue: the text's ${issue.path.join('.')} cannot be issued (${issue.message}); nothing was written`, { field: 'issue' });
  }
  return { number: draft.number, issuedOn: draft.issuedOn };
}

/** Create the plan of a draft with `createPlanFromDraft` (a re-run appends nothing), and issue it if asked. */
export async function createPlan(store: EventStore, draft: PlanDraft, options: PlanImportOptions): Promise<NonNullable<PlanImport['created']>> {
  const { createPlanFromDraft } = await import('@planlog/import-vn');
  actorOf(draft, options); // no --actor and no issuer in the text: refused before the log is read
  const issue = issueOf(draft, options);
  const engine = createEngine({ store });
  const before = await store.headPosition();
  // Without --actor the issuer drafts, under the id it gets in this log (suffixed when the log gives its id to another name).
  const result = await createPlanFromDraft(engine, draft, {
    ...(options.actor ? { actor: { unitId: options.actor } } : {}),
    ...(options.planId ? { planId: options.planId } : {}),
  });
  if (issue) await engine.issuePlan({ actor: result.actor, planId: result.planId, ...issue, commandId: `${result.planId}:issue` });
  return { ...result, appended: (await store.headPosition()) - before, issued: issue !== null };
}

/** A unit the log already knew under another name, and the id it got instead, in the reader's language. */
function unitIdWarningText({ message, unit, taken }: CreatePlanResult['warnings'][number], lang: Lang): string {
  if (lang !== 'vi') return message;
  return `đơn vị "${taken.name}" (trong nhật ký) và "${unit.name}" sẽ trùng mã "${taken.id}": "${unit.name}" nhận mã "${unit.id}"`;
}

const shorten = (text: string, max: number) => ([...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`);

/** The draft as a reader checks it: header, tasks with lead, support and deadline, reporting rules, warnings (in the importer's words). */
export function formatPlanImport({ draft, warnings, created }: PlanImport, lang: Lang = 'vi'): string[] {
  const vi = lang === 'vi';
  const number = draft.number ?? (draft.symbol ? `(${vi ? 'trống' : 'blank'})/${draft.symbol}` : vi ? '(không có)' : '(none)');
  const issued = draft.issuedOn ? (vi ? `ban hành ngày ${draft.issuedOn}` : `issued on ${draft.issuedOn}`) : vi ? 'chưa ban hành (dự thảo)' : 'not issued (draft)';
  const by = draft.issuer ? `, ${vi ? 'của' : 'by'} ${draft.issuer.name} (${draft.issuer.id})` : '';
  const counts = vi
    ? `  căn cứ: ${draft.basis.length}, mục tiêu: ${draft.objectives.length}, yêu cầu: ${draft.requirements.length}, nơi nhận: ${draft.recipients.length}`
    : `  basis: ${draft.basis.length}, objectives: ${draft.objectives.length}, requirements: ${draft.requirements.length}, recipients: ${draft.recipients.length}`;
  const lines = [
    `${draft.title}`,
    `  ${vi ? 'số' : 'number'} ${number}, ${issued}${by}`,
    counts,
    '',
    `${vi ? 'Nhiệm vụ' : 'Tasks'} (${draft.tasks.length}):`,
    ...formatTable([
      vi ? ['dòng', 'mục', 'nội dung', 'chủ trì', 'thời hạn', 'phối hợp'] : ['line', 'ref', 'title', 'lead (chủ trì)', 'deadline', 'support (phối hợp)'],
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
    `${vi ? 'Chế độ báo cáo' : 'Reporting'} (${draft.reporting.length}):`,
    ...draft.reporting.map((rule) => {
      const due = rule.due ? `, ${vi ? 'hạn' : 'due'} ${describeReportingDue(rule.due)[vi ? 'vi' : 'en']}${rule.allowEarlyDue ? (vi ? ' (trước ngày chốt số liệu)' : ' (before the data cut-off)') : ''}` : '';
      return `  ${rule.period}${rule.half === 2 ? (vi ? ' (6 tháng cuối năm)' : ' (second half)') : ''}${due}${rule.to ? `, ${vi ? 'gửi' : 'to'} ${rule.to.name}` : ''}`;
    }),
    '',
    `${vi ? 'Cảnh báo' : 'Warnings'} (${warnings.length + (created?.warnings.length ?? 0)}):`,
    ...warnings.map((warning) => `  ${vi ? 'dòng' : 'line'} ${warning.line}: ${warning.message}`),
    ...(created?.warnings ?? []).map((warning) => `  ${warning.line === undefined ? '' : `${vi ? 'dòng' : 'line'} ${warning.line}: `}${unitIdWarningText(warning, lang)}`),
    '',
  ];
  if (!created) lines.push(vi ? 'Chạy thử: không ghi gì.' : 'Dry run: nothing was written.');
  else if (created.appended === 0) {
    lines.push(vi ? `Kế hoạch ${created.planId} đã có trong nhật ký với các nhiệm vụ này: không ghi thêm gì.` : `Plan ${created.planId} was already in the log with these tasks: nothing appended.`);
  } else if (vi) {
    lines.push(`Đã tạo kế hoạch ${created.planId} với ${created.tasks.length} nhiệm vụ (${created.appended} sự kiện được ghi${created.issued ? ', đã ban hành' : ''}).`);
  } else lines.push(`Created plan ${created.planId} with ${created.tasks.length} tasks (${created.appended} events appended${created.issued ? ', plan issued' : ''}).`);
  return lines;
}
