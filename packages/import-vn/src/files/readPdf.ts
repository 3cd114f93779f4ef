import { PlanlogError } from '@planlog/core';

type Item = { str: string; x: number; y: number; width: number; size: number };
type Line = { y: number; size: number; text: string; page: number };

/** The pieces of text of one line, left to right: a space between words, a tab across a wide gap (a table's columns). */
function joinLine(items: Item[]): string {
  items.sort((a, b) => a.x - b.x);
  let text = '';
  let end: number | undefined;
  for (const item of items) {
    if (end !== undefined) {
      const gap = item.x - end;
      if (gap > item.size * 1.2) text += '\t';
      else if (gap > item.size * 0.15 && !text.endsWith(' ') && !item.str.startsWith(' ')) text += ' ';
    }
    text += item.str;
    end = item.x + item.width;
  }
  return text.replace(/ +/g, ' ').trimEnd();
}

/**
 * Across a page break there is no gap to measure: the paragraph ends there when the page's last line
 * starts a new item ("II.", "1.", "a)", "-", "+", "Điều 2.") or a heading in capitals, or when the
 * page's last line closes a sentence (". ; : ! ? )") and the next starts with a capital letter;
 * otherwise the paragraph runs on.
 */
function endsParagraph(last: string, next: string): boolean {
  if (/^\s*(?:[IVXL]+\.|\d+(?:\.\d+)*\.|[a-zđ]\)|[-+•]|Điều \d+)\s/u.test(next)) return true;
  // A heading in capitals ("KẾ HOẠCH" of a plan attached after its decision's signature).
  if (/^[\p{Lu}\d\s.,:;()/-]+$/u.test(next) && (next.match(/\p{Lu}/gu)?.length ?? 0) >= 3) return true;
  return /[.;:!?)]\s*$/u.test(last) && /^\s*\p{Lu}/u.test(next);
}

/** A line that repeats at the same place on most pages, or a bare page number: a page header or footer. */
function pageFurniture(lines: Line[], pages: number): Set<Line> {
  const drop = new Set<Line>();
  const key = (line: Line) => `${Math.round(line.y)}|${line.text.replace(/\d+/g, '#')}`;
  const seen = new Map<string, Set<number>>();
  for (const line of lines) {
    const k = key(line);
    if (!seen.has(k)) seen.set(k, new Set());
    seen.get(k)!.add(line.page);
  }
  for (const line of lines) {
    if (/^\s*(?:trang\s*)?\d{1,4}(?:\s*\/\s*\d{1,4})?\s*$/iu.test(line.text) || /^-\s*\d{1,4}\s*-$/.test(line.text.trim())) drop.add(line);
    else if (pages >= 2 && seen.get(key(line))!.size >= Math.max(2, Math.ceil(pages / 2))) drop.add(line);
  }
  return drop;
}

/**
 * The text of a PDF with a text layer, read with pdfjs-dist: lines rebuilt from the positions of
 * the pieces of text, a blank line where the gap between lines is wider than a line, page headers
 * and footers dropped. A PDF without text (a scan) is refused.
 */
export async function readPdf(bytes: Uint8Array, fileName: string): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let document;
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, verbosity: 0 });
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy();
    throw new PlanlogError('VALIDATION', `${fileName}: not a readable PDF (${error instanceof Error ? error.message : String(error)})`, { field: 'file' });
  }
  const lines: Line[] = [];
  try {
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const raw of content.items) {
        // pdfjs marks a wide gap with a whitespace item: the gap itself is measured between the words.
        if (!('str' in raw) || raw.str.trim() === '') continue;
        const [a, b, , , x, y] = raw.transform as number[];
        items.push({ str: raw.str, x: x!, y: y!, width: raw.width, size: Math.hypot(a!, b!) || raw.height || 10 });
      }
      // Pieces whose baselines are within a third of the type size belong to one line; top to bottom.
      items.sort((p, q) => q.y - p.y || p.x - q.x);
      let current: Item[] = [];
      const flush = () => {
        if (current.length === 0) return;
        const text = joinLine(current);
        if (text.trim()) lines.push({ y: current[0]!.y, size: Math.max(...current.map((item) => item.size)), text, page: number });
        current = [];
      };
      for (const item of items) {
        if (current.length > 0 && Math.abs(current[0]!.y - item.y) > item.size / 3) flush();
        current.push(item);
      }
      flush();
      page.cleanup();
    }
  } finally {
    await task.destroy();
  }
  if (lines.every((line) => line.text.trim() === '')) {
    throw new PlanlogError('VALIDATION', `${fileName}: the PDF has no text layer (a scanned image?); run it through OCR or give the plan as .docx or text`, { field: 'file' });
  }
  const drop = pageFurniture(lines, document.numPages);
  const out: string[] = [];
  let previous: Line | undefined;
  for (const line of lines) {
    if (drop.has(line)) continue;
    if (previous && (line.page !== previous.page ? endsParagraph(previous.text, line.text) : previous.y - line.y > Math.max(line.size, previous.size) * 1.6)) out.push('');
    out.push(line.text);
    previous = line;
  }
  return `${out.join('\n')}\n`;
}
