import { fold } from './foldText.js';
import type { Marker, Paragraph } from './paragraphs.js';

export type SectionKind = 'objectives' | 'tasks' | 'organisation' | 'reporting' | 'funding' | 'unknown';

/** An item of the outline: a numbered or bulleted paragraph, its items, its unnumbered paragraphs. */
export type OutlineItem = {
  marker: Marker;
  paragraph: Paragraph;
  children: OutlineItem[];
  /** Unnumbered paragraphs that follow the item's own. */
  extra: Paragraph[];
};

/** A roman-numbered section ("II. NỘI DUNG") and its items. */
export type Section = {
  /** "II"; '' for items before any roman heading. */
  label: string;
  title: string;
  kind: SectionKind;
  heading?: Paragraph;
  children: OutlineItem[];
  /** Unnumbered paragraphs before the first item. */
  intro: Paragraph[];
};

export type NumberingGap = { line: number; message: string };

/** The kind of a section, from its title. */
export function sectionKind(title: string): SectionKind {
  const folded = fold(title);
  if (/to chuc thuc hien/.test(folded)) return 'organisation';
  // "Tổ chức theo dõi, kiểm tra và chế độ báo cáo": who follows up is work too.
  if (/che do (thong tin )?bao cao/.test(folded)) return /theo doi|kiem tra|to chuc/.test(folded) ? 'organisation' : 'reporting';
  if (/kinh phi/.test(folded)) return 'funding';
  if (/noi dung|nhiem vu|giai phap|phan cong|chuong trinh|hoat dong/.test(folded)) return 'tasks';
  if (/muc tieu|muc dich|yeu cau|quan diem/.test(folded)) return 'objectives';
  return 'unknown';
}

function rankOf(marker: Marker): number {
  switch (marker.kind) {
    case 'roman':
      return 0;
    case 'number':
      return marker.depth;
    case 'letter':
      return 10;
    case 'bullet':
      return marker.label === '-' ? 20 : 21;
  }
}

const LETTERS = 'abcdđeghiklmnopqrstuvxy';

/** Is `label` the expected successor of `previous` (or the first of its kind)? */
function follows(marker: Marker, previous: Marker | undefined): boolean {
  if (marker.kind === 'number') {
    const last = Number(marker.label.split('.').at(-1));
    const prev = previous?.kind === 'number' ? Number(previous.label.split('.').at(-1)) : 0;
    return last === prev + 1;
  }
  if (marker.kind === 'letter') {
    const prev = previous?.kind === 'letter' ? previous.label : undefined;
    if (!prev) return marker.label === 'a';
    const i = LETTERS.indexOf(prev);
    return marker.label === LETTERS[i + 1] || (prev === 'd' && marker.label === 'e') || marker.label.charCodeAt(0) === prev.charCodeAt(0) + 1;
  }
  return true;
}

/**
 * Build the outline of the body: roman sections, and in each the items nested by their markers
 * (1 › 1.1 › a › - › +). Reports numbering that skips or repeats ("II" then "IV").
 */
export function buildSections(paragraphs: readonly Paragraph[]): { sections: Section[]; gaps: NumberingGap[] } {
  const sections: Section[] = [];
  const gaps: NumberingGap[] = [];
  let section: Section | undefined;
  let stack: { rank: number; item?: OutlineItem; children: OutlineItem[] }[] = [];
  let previousRoman = 0;
  let previousLabel = '(none)';

  const open = (label: string, title: string, heading?: Paragraph) => {
    section = { label, title, kind: sectionKind(title), ...(heading ? { heading } : {}), children: [], intro: [] };
    sections.push(section);
    stack = [{ rank: -1, children: section.children }];
  };

  for (const paragraph of paragraphs) {
    const marker = paragraph.marker;
    if (marker?.kind === 'roman') {
      if (marker.value !== previousRoman + 1) {
        const expected = previousRoman + 1;
        gaps.push({
          line: paragraph.lines[0]!,
          message: marker.value > expected ? `section ${marker.label} follows section ${previousLabel}: a section is missing or misnumbered` : `section ${marker.label} repeats or goes back in the numbering`,
        });
      }
      previousRoman = marker.value;
      previousLabel = marker.label;
      open(marker.label, paragraph.text, paragraph);
      continue;
    }
    if (!section) open('', '');
    if (!marker) {
      const top = stack.at(-1)!;
      if (top.item) top.item.extra.push(paragraph);
      else section!.intro.push(paragraph);
      continue;
    }
    const rank = rankOf(marker);
    while (stack.length > 1 && stack.at(-1)!.rank >= rank) stack.pop();
    const parent = stack.at(-1)!;
    const previous = parent.children.at(-1)?.marker;
    const sameKind = previous && previous.kind === marker.kind ? previous : undefined;
    if (!follows(marker, sameKind)) {
      gaps.push({ line: paragraph.lines[0]!, message: `item ${marker.label} follows ${sameKind ? `item ${sameKind.label}` : 'no earlier item'}: numbering skips or restarts` });
    }
    const item: OutlineItem = { marker, paragraph, children: [], extra: [] };
    parent.children.push(item);
    stack.push({ rank, item, children: item.children });
  }
  return { sections, gaps };
}
