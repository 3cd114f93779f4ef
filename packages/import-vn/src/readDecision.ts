import type { ImportContext } from './ImportContext.js';
import { fold } from './foldText.js';
import type { Paragraph } from './paragraphs.js';
import { readDocumentType } from './parseHeader.js';
import { readRecipients } from './readRecipients.js';
import type { PlanDraft } from './types.js';

/** Words of a sentence that gives work to someone. */
export const ASSIGNS_WORK = /chu tri|phoi hop|(?:^|\s)giao(?:\s|$)|thuc hien|de nghi|bao cao ve|chiu trach nhiem/;

/**
 * A Quyết định that issues the plan ("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch …"), followed
 * by the plan itself under its own "KẾ HOẠCH" heading: the index of that heading, or -1.
 */
export function attachedPlanAt(paragraphs: readonly Paragraph[], typeIndex: number): number {
  if (typeIndex < 0 || readDocumentType(paragraphs[typeIndex]!.text)?.type !== 'QUYẾT ĐỊNH') return -1;
  return paragraphs.findIndex((paragraph, i) => i > typeIndex && !paragraph.marker && readDocumentType(paragraph.text)?.type === 'KẾ HOẠCH');
}

/**
 * Read the decision between its heading and the attached plan: its title, its grounds ("Căn cứ …") as
 * basis, its distribution list as the plan's recipients, its signer. Its articles are not tasks; an
 * article that gives work is named in a warning.
 */
export function readDecision(paragraphs: readonly Paragraph[], from: number, to: number, context: ImportContext, plan: PlanDraft): void {
  const decisionLine = paragraphs[from]!.lines[0]!;
  context.warn(decisionLine, 'the document is a QUYẾT ĐỊNH that issues the plan attached to it: the plan is read from its "KẾ HOẠCH" heading on');
  let i = from;
  while (i < to) {
    const paragraph = paragraphs[i]!;
    const text = paragraph.text;
    context.consume(paragraph);
    if (/^n[ơo]i nh[ậa]n\b/iu.test(text)) {
      const lines: Paragraph[] = [];
      const rest = text.replace(/^n[ơo]i nh[ậa]n\s*:?\s*/iu, '');
      if (rest) lines.push({ ...paragraph, text: rest });
      while (i + 1 < to && paragraphs[i + 1]!.marker?.kind === 'bullet') lines.push(paragraphs[++i]!);
      plan.recipients = readRecipients(lines, context);
      i++;
      continue;
    }
    if (/^căn cứ\s/iu.test(text)) plan.basis.push(text.replace(/^căn cứ\s+/iu, '').replace(/[;.,]\s*$/u, ''));
    else if (/^điều \d+\s*[.:]/iu.test(text) && ASSIGNS_WORK.test(fold(text)) && !/ban hanh kem theo/.test(fold(text))) {
      context.warn(paragraph.lines[0]!, `article of the decision, not a task of the plan: "${text.slice(0, 70)}…"`);
    } else if (!/^điều \d+/iu.test(text) && (paragraph.marker || /chu tri|phoi hop/.test(fold(text)))) {
      // A list item or work given to a unit among the decision's grounds: not the decision's, not read.
      context.warn(paragraph.lines[0]!, `in the decision, before the attached plan: not read: "${text.slice(0, 60)}…"`);
    }
    i++;
  }
}
