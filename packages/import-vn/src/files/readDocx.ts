import { PlanlogError } from '@planlog/core';
import type JSZipType from 'jszip';

/** A numbering level of numbering.xml: its format ("decimal", "lowerLetter", "bullet" …), its text ("%1."), its start. */
type Level = { numFmt: string; lvlText: string; start: number };
type Numbering = { levelsOf(numId: string): Map<number, Level> | undefined };

const attribute = (xml: string, name: string) => new RegExp(`w:${name}="([^"]*)"`).exec(xml)?.[1];

/** numbering.xml: each w:num's levels, through its w:abstractNum. */
function readNumbering(xml: string | undefined): Numbering {
  const abstract = new Map<string, Map<number, Level>>();
  const nums = new Map<string, string>();
  if (xml) {
    for (const m of xml.matchAll(/<w:abstractNum\b[^>]*w:abstractNumId="([^"]+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g)) {
      const levels = new Map<number, Level>();
      for (const lvl of m[2]!.matchAll(/<w:lvl\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g)) {
        const body = lvl[2]!;
        levels.set(Number(lvl[1]), {
          numFmt: attribute(/<w:numFmt\b[^>]*>/.exec(body)?.[0] ?? '', 'val') ?? 'decimal',
          lvlText: attribute(/<w:lvlText\b[^>]*>/.exec(body)?.[0] ?? '', 'val') ?? `%${Number(lvl[1]) + 1}.`,
          start: Number(attribute(/<w:start\b[^>]*>/.exec(body)?.[0] ?? '', 'val') ?? 1),
        });
      }
      abstract.set(m[1]!, levels);
    }
    for (const m of xml.matchAll(/<w:num\b[^>]*w:numId="([^"]+)"[^>]*>([\s\S]*?)<\/w:num>/g)) {
      const id = attribute(/<w:abstractNumId\b[^>]*>/.exec(m[2]!)?.[0] ?? '', 'val');
      if (id !== undefined) nums.set(m[1]!, id);
    }
  }
  return { levelsOf: (numId) => abstract.get(nums.get(numId) ?? '') };
}

/** Each w:p of document.xml in document order: its list (numId, ilvl), if it is a list item. */
function readParagraphNumbering(xml: string): ({ numId: string; level: number } | undefined)[] {
  const out: ({ numId: string; level: number } | undefined)[] = [];
  for (const m of xml.matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)) {
    const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(m[1] ?? '')?.[1];
    const numId = numPr ? attribute(/<w:numId\b[^>]*>/.exec(numPr)?.[0] ?? '', 'val') : undefined;
    const level = numPr ? Number(attribute(/<w:ilvl\b[^>]*>/.exec(numPr)?.[0] ?? '', 'val') ?? 0) : 0;
    out.push(numId && numId !== '0' ? { numId, level } : undefined);
  }
  return out;
}

const ROMAN: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
function roman(n: number): string {
  let out = '';
  for (const [value, letters] of ROMAN) while (n >= value) (out += letters), (n -= value);
  return out;
}

function formatNumber(n: number, numFmt: string): string {
  switch (numFmt) {
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'lowerLetter':
      return String.fromCharCode(96 + ((n - 1) % 26) + 1);
    case 'upperLetter':
      return String.fromCharCode(64 + ((n - 1) % 26) + 1);
    default:
      return String(n);
  }
}

/** The numbering text Word shows for list items ("1.", "a)", "II.", "-"), counted per list. */
function numberer(numbering: Numbering) {
  const counters = new Map<string, number[]>();
  return (numId: string, level: number): string => {
    const levels = numbering.levelsOf(numId);
    const own = levels?.get(level);
    if (!own || own.numFmt === 'bullet') return level === 0 ? '-' : '+';
    const counts = counters.get(numId) ?? [];
    counts[level] = (counts[level] ?? own.start - 1) + 1;
    counts.length = level + 1;
    counters.set(numId, counts);
    return own.lvlText.replace(/%(\d)/g, (_, k: string) => {
      const at = Number(k) - 1;
      const lvl = levels!.get(at);
      return formatNumber(counts[at] ?? lvl?.start ?? 1, lvl?.numFmt ?? 'decimal');
    });
  };
}

type Element = { type: string; children?: Element[]; value?: string };

/** Plain text of a mammoth element: its runs' text, tabs as spaces, breaks as spaces. */
function textOf(element: Element): string {
  if (element.type === 'text') return element.value ?? '';
  if (element.type === 'tab' || element.type === 'break') return ' ';
  return (element.children ?? []).map(textOf).join('');
}

/**
 * The text of a .docx, read with mammoth: one line per paragraph, Word's automatic list numbering
 * written back as text (mammoth drops it; numbering.xml says how each list counts), each table row
 * as one line of tab-separated cells.
 */
export async function readDocx(bytes: Uint8Array, fileName: string): Promise<string> {
  // Loaded only for a .docx, so reading text does not load them.
  const { default: JSZip } = await import('jszip');
  const { default: mammoth } = await import('mammoth');
  let zip: JSZipType;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new PlanlogError('VALIDATION', `${fileName}: not a .docx file (not a zip archive)`, { field: 'file' });
  }
  const documentXml = await zip.file('word/document.xml')?.async('string');
  if (documentXml === undefined) throw new PlanlogError('VALIDATION', `${fileName}: a zip archive without word/document.xml, so not a Word .docx file`, { field: 'file' });
  const numbering = readNumbering(await zip.file('word/numbering.xml')?.async('string'));
  const listOf = readParagraphNumbering(documentXml);
  const number = numberer(numbering);
  const lines: string[] = [];
  let paragraphIndex = 0;
  const walk = (element: Element): void => {
    if (element.type === 'paragraph') {
      const list = listOf[paragraphIndex++];
      const text = textOf(element).trim();
      lines.push(list && text ? `${number(list.numId, list.level)} ${text}` : text, '');
      return;
    }
    if (element.type === 'table') {
      for (const row of element.children ?? []) {
        if (row.type !== 'tableRow') continue;
        const cells = (row.children ?? []).map((cell) => {
          const parts: string[] = [];
          for (const child of cell.children ?? []) {
            if (child.type === 'paragraph') paragraphIndex++;
            parts.push(textOf(child).trim());
          }
          return parts.filter(Boolean).join(' ').replace(/\t/g, ' ');
        });
        lines.push(cells.join('\t'));
      }
      lines.push('');
      return;
    }
    for (const child of element.children ?? []) walk(child);
  };
  await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes) },
    {
      transformDocument: (document: Element) => {
        walk(document);
        return document;
      },
    },
  );
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n';
}
