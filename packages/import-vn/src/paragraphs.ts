import { cleanText } from './foldText.js';

export type Marker =
  | { kind: 'roman'; label: string; value: number }
  | { kind: 'number'; label: string; depth: number }
  | { kind: 'letter'; label: string }
  | { kind: 'bullet'; label: '-' | '+' };

/** A paragraph of the input: its lines joined, markdown emphasis and footnote marks removed. */
export type Paragraph = {
  /** Text without its numbering marker. */
  text: string;
  marker?: Marker;
  /** Footnote marks found in the text ("¹"). */
  notes: string[];
  /** 1-based input lines that make it up. */
  lines: number[];
  /** A footnote ("¹ Nghị định số …"), kept out of the running text. */
  footnote?: string;
  /** The cells of a table row (a line of tab- or pipe-separated cells), as written. */
  cells?: string[];
};

/** The cells of a table row: cells separated by tabs, or a line written `| a | b |`; undefined for running text. */
export function readCells(line: string): string[] | undefined {
  const trimmed = line.trim();
  if (trimmed.includes('\t')) {
    const cells = trimmed.split('\t').map((cell) => cleanText(cell.replace(/\*+/g, '')));
    if (cells.filter(Boolean).length >= 2) return cells;
  }
  if (/^\|.*\|$/.test(trimmed) && trimmed.length > 2) {
    const cells = trimmed.slice(1, -1).split('|').map((cell) => cleanText(cell.replace(/\*+/g, '')));
    if (cells.length >= 2) return cells;
  }
  return undefined;
}

const SUPERSCRIPTS = '¹²³⁴⁵⁶⁷⁸⁹⁰';
const FOOTNOTE = new RegExp(`^([${SUPERSCRIPTS}]+)\\s*(.*)$`);
const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };

export function romanValue(label: string): number {
  let total = 0;
  for (let i = 0; i < label.length; i++) {
    const value = ROMAN_VALUES[label[i]!]!;
    const next = ROMAN_VALUES[label[i + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

/** The numbering marker at the head of a paragraph, and the text after it. */
export function readMarker(text: string): { marker?: Marker; rest: string } {
  let m = /^([IVXL]{1,5})\s*[.)]\s+(\S.*)$/.exec(text);
  if (m && /^(?=[IVXL])(X{0,3})(IX|IV|V?I{0,3})$|^L$/.test(m[1]!)) {
    return { marker: { kind: 'roman', label: m[1]!, value: romanValue(m[1]!) }, rest: m[2]! };
  }
  m = /^(\d{1,2}(?:\.\d{1,2}){0,3})\s*[.)]\s*(\S.*)$/.exec(text);
  if (m && !/^\d/.test(m[2]!)) return { marker: { kind: 'number', label: m[1]!, depth: m[1]!.split('.').length }, rest: m[2]! };
  m = /^([a-zđ])\s*[).]\s+(\S.*)$/.exec(text);
  if (m) return { marker: { kind: 'letter', label: m[1]! }, rest: m[2]! };
  m = /^([-–—•+])\s*(\S.*)$/.exec(text);
  if (m && !/^[-–—]/.test(m[2]!)) return { marker: { kind: 'bullet', label: m[1] === '+' ? '+' : '-' }, rest: m[2]! };
  return { rest: text };
}

/** Markdown emphasis (`**`, `*`) and stray white space removed; superscript note marks collected. */
function cleanLine(line: string, notes: string[]): string {
  let text = line.normalize('NFC').replace(/\*+/g, '');
  text = text.replace(new RegExp(`(?<=\\S)([${SUPERSCRIPTS}]+)`, 'g'), (mark: string) => {
    notes.push(mark);
    return '';
  });
  return cleanText(text);
}

/** The first line of a signature: "TM. ỦY BAN NHÂN DÂN", "KT. GIÁM ĐỐC", "TL. CHỦ TỊCH". */
const SIGNER = /^(?:(?:TM|KT|TL|TUQ|Q)\.\s*\p{Lu}+(?:\s+\p{Lu}+)*|(?:PHÓ )?(?:CHỦ TỊCH|GIÁM ĐỐC|BỘ TRƯỞNG|THỦ TƯỚNG|TRƯỞNG BAN|CHÁNH VĂN PHÒNG))$/u;

const PLACE_DATE = /^\p{Lu}[^,.;:]{0,40}, ngày\s+(?:\d{1,2}|[.…\s]+)\s*tháng\b/u;

const TERMINAL = /[.;:!?…)”"»]$|\.\/\.$/;

/**
 * Split the input into paragraphs. Consecutive non-blank lines form one paragraph unless a line
 * starts with a numbering marker. A paragraph that starts in lower case (or with a digit) and follows
 * one that stops mid-sentence continues it across blank lines and footnotes: page breaks of the
 * source document.
 */
export function splitParagraphs(text: string): Paragraph[] {
  const lines = text.normalize('NFC').split(/\r\n|\r|\n/);
  const paragraphs: Paragraph[] = [];
  let open: Paragraph | undefined;
  let lastBody: Paragraph | undefined;
  let blankSince = false;
  let signerBlock = false;
  lines.forEach((raw, index) => {
    const line = index + 1;
    const cells = readCells(raw.normalize('NFC'));
    if (cells) {
      open = undefined;
      lastBody = undefined;
      // A markdown rule under a table's header row (| --- | --- |) carries nothing.
      if (cells.every((cell) => /^:?-{2,}:?$|^$/.test(cell))) return;
      paragraphs.push({ text: cells.filter(Boolean).join(' | '), notes: [], lines: [line], cells });
      return;
    }
    const notes: string[] = [];
    const cleaned = cleanLine(raw, notes);
    if (cleaned.length === 0) {
      open = undefined;
      blankSince = true;
      signerBlock = false;
      return;
    }
    const footnote = FOOTNOTE.exec(cleaned);
    if (footnote) {
      open = undefined;
      paragraphs.push({ text: cleanText(footnote[2]!), notes: [footnote[1]!], lines: [line], footnote: footnote[1]! });
      return;
    }
    const { marker, rest } = readMarker(cleaned);
    // The signature block ("TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" / the name): a paragraph per line.
    if (SIGNER.test(cleaned)) signerBlock = true;
    // The place and date of issue ("Sông Hậu, ngày 16 tháng 3 năm 2026") is a line of its own.
    const placeDate = PLACE_DATE.test(cleaned);
    if (!marker && !placeDate && open && !blankSince && !signerBlock) {
      open.text = `${open.text} ${cleaned}`;
      open.notes.push(...notes);
      open.lines.push(line);
      return;
    }
    // (Not after a short paragraph: a table written one cell per line has cells that start in lower case or with a digit.)
    if (!marker && !placeDate && lastBody && lastBody.text.length > 40 && /^[\p{Ll}\d(]/u.test(cleaned) && !TERMINAL.test(lastBody.text)) {
      lastBody.text = `${lastBody.text} ${cleaned}`;
      lastBody.notes.push(...notes);
      lastBody.lines.push(line);
      open = lastBody;
      blankSince = false;
      return;
    }
    const paragraph: Paragraph = { text: marker ? rest : cleaned, notes, lines: [line], ...(marker ? { marker } : {}) };
    paragraphs.push(paragraph);
    open = paragraph;
    lastBody = paragraph;
    blankSince = false;
  });
  return paragraphs;
}

/** Does the text end as a sentence ends (not cut off mid-sentence)? */
export function endsSentence(text: string): boolean {
  return TERMINAL.test(text.trim());
}
