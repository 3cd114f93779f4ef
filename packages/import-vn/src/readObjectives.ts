import type { ImportContext } from './ImportContext.js';
import { fold } from './foldText.js';
import type { OutlineItem, Section } from './sections.js';

type Kind = 'objectives' | 'requirements';

function kindOfHeading(text: string): Kind | 'both' | undefined {
  const folded = fold(text).replace(/[:.]\s*$/, '').trim();
  const objective = /^(muc tieu|muc dich)/.test(folded);
  const requirement = /^yeu cau/.test(folded) || /, yeu cau$/.test(folded);
  if (objective && requirement) return 'both';
  if (objective) return 'objectives';
  if (requirement) return 'requirements';
  return undefined;
}

/**
 * Objectives and requirements of a "Mục tiêu, yêu cầu" section: the items under a "Mục tiêu" /
 * "Mục đích" heading are objectives, those under "Yêu cầu" requirements. Items with no such heading
 * are kept as objectives, with a warning that the two could not be told apart.
 */
export function readObjectives(section: Section, context: ImportContext, into: { objectives: string[]; requirements: string[] }): void {
  let unsorted = 0;
  let firstUnsorted = 0;
  const take = (item: OutlineItem, kind: Kind | undefined): void => {
    context.consume(item.paragraph);
    const heading = kindOfHeading(item.paragraph.text);
    const inline = /^(?:mục tiêu|mục đích|yêu cầu)\s*:\s*(.+)$/iu.exec(item.paragraph.text)?.[1];
    const own = heading && heading !== 'both' ? heading : kind;
    if (item.children.length > 0 || (heading && !inline)) {
      if (inline) into[own ?? 'objectives'].push(inline);
      for (const extra of item.extra) {
        context.consume(extra);
        into[own ?? 'objectives'].push(extra.text);
      }
      for (const child of item.children) take(child, own);
      return;
    }
    const texts = [inline ?? item.paragraph.text, ...item.extra.map((extra) => (context.consume(extra), extra.text))];
    if (!own) {
      unsorted += texts.length;
      firstUnsorted ||= item.paragraph.lines[0]!;
    }
    into[own ?? 'objectives'].push(...texts);
  };
  const sectionKind = kindOfHeading(section.title);
  const base = sectionKind === 'both' ? undefined : sectionKind;
  for (const intro of section.intro) {
    context.consume(intro);
    into[base ?? 'objectives'].push(intro.text);
    if (!base) unsorted++;
  }
  for (const item of section.children) take(item, base);
  if (unsorted > 0) {
    context.warn(firstUnsorted || section.heading?.lines[0] || 0, `section ${section.label} "${section.title}" does not separate objectives from requirements: its ${unsorted} items are kept as objectives`);
  }
}
