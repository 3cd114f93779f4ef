import { describeDeadline } from '@planlog/core';
import type { ImportWarning, PlanDraft } from '@planlog/import-vn';
import type { Lang } from './lang.js';
import { formatTable } from './table.js';

/** One task of an imported draft as an officer checks it against the document. */
export type ReviewRow = {
  ref: string;
  title: string;
  /** First and last line of the document the task was read from. */
  lines: [number, number];
  lead: string | null;
  supports: string[];
  /** The deadline in words ("trước ngày 30/06/2026"), or the text the importer could not turn into one. */
  deadline: string | null;
  /** Why the importer chose the lead, the supports and the deadline. */
  reasons: { lead?: string; support?: string; deadline?: string };
  /** The warnings about the task's lines. */
  warnings: string[];
};

/** The review of a draft: one row per task, with the warnings that fall in its lines; the other warnings apart. */
export function reviewPlanDraft(draft: PlanDraft, warnings: ImportWarning[]): { tasks: ReviewRow[]; otherWarnings: ImportWarning[] } {
  const used = new Set<ImportWarning>();
  const tasks = draft.tasks.map((task): ReviewRow => {
    const [from, to] = task.source.lines;
    const own = warnings.filter((warning) => warning.line >= from && warning.line <= to);
    for (const warning of own) used.add(warning);
    return {
      ref: task.ref,
      title: task.title,
      lines: [from, to],
      lead: task.lead?.name ?? null,
      supports: task.support.map((unit) => unit.name),
      deadline: task.deadline ? describeDeadline(task.deadline).vi : task.deadlineText ? `? ${task.deadlineText}` : null,
      reasons: task.reasons,
      warnings: own.map((warning) => `line ${warning.line}: ${warning.message}`),
    };
  });
  return { tasks, otherWarnings: warnings.filter((warning) => !used.has(warning)) };
}

/** `planlog import FILE --review`: the rows as a table, then the warnings no task holds (warnings in the importer's words). */
export function formatPlanReview(draft: PlanDraft, warnings: ImportWarning[], lang: Lang = 'vi'): string[] {
  const vi = lang === 'vi';
  const { tasks, otherWarnings } = reviewPlanDraft(draft, warnings);
  const shorten = (text: string, max: number) => ([...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`);
  return [
    vi ? `${draft.title}: ${tasks.length} nhiệm vụ cần đối chiếu với văn bản` : `${draft.title}: ${tasks.length} tasks to check against the document`,
    '',
    ...formatTable([
      vi ? ['mục', 'dòng', 'chủ trì', 'phối hợp', 'thời hạn', 'cảnh báo'] : ['ref', 'lines', 'lead (chủ trì)', 'supports (phối hợp)', 'deadline', 'warnings'],
      ...tasks.map((row) => [
        row.ref,
        row.lines[0] === row.lines[1] ? String(row.lines[0]) : `${row.lines[0]}-${row.lines[1]}`,
        row.lead ? `${row.lead}${row.reasons.lead ? ` [${row.reasons.lead}]` : ''}` : '—',
        row.supports.length === 0 ? '—' : shorten(row.supports.join('; '), 60),
        row.deadline ?? '—',
        row.warnings.length === 0 ? '—' : shorten(row.warnings.map((warning) => warning.replace(/^line \d+: /, '')).join(' / '), 80),
      ]),
    ]),
    '',
    `${vi ? 'Cảnh báo khác' : 'Other warnings'} (${otherWarnings.length}):`,
    ...otherWarnings.map((warning) => `  ${vi ? 'dòng' : 'line'} ${warning.line}: ${warning.message}`),
  ];
}
