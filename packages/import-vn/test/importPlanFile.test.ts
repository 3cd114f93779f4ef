import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { importPlan, importPlanBytes, importPlanFile, type ImportResult } from '@planlog/import-vn';
import { AlignmentType, Document, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import JSZip from 'jszip';
import { PDFDocument, type PDFFont } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { blocksOfSample } from './sampleBlocks.js';
import { numberedBlocks, samplePlanBlocks, samplePlanText, type Block } from './samplePlanBlocks.js';
import { readSample, sampleNames } from './samples.js';

/** What an officer checks of a draft: everything but the line numbers, which differ between a file and its text. */
function draftOf({ plan }: ImportResult) {
  return {
    title: plan.title,
    number: plan.number,
    issuedOn: plan.issuedOn,
    issuer: plan.issuer,
    signer: plan.signer,
    recipients: plan.recipients,
    reporting: plan.reporting,
    tasks: plan.tasks.map((task) => ({ ref: task.ref, title: task.title, lead: task.lead, support: task.support, deadline: task.deadline, deadlineText: task.deadlineText, reasons: task.reasons })),
  };
}

const LIST_OF: Record<'roman' | 'number' | 'letter' | 'dash' | 'plus', { reference: string; level: number }> = {
  roman: { reference: 'outline', level: 0 },
  number: { reference: 'outline', level: 1 },
  letter: { reference: 'outline', level: 2 },
  dash: { reference: 'bullets', level: 0 },
  plus: { reference: 'bullets', level: 1 },
};

/** The blocks as a Word document: lists with Word's automatic numbering (no number in the text), the annex as a real table. */
async function docxOf(blocks: Block[]): Promise<Buffer> {
  const children = blocks.map((block) => {
    if (block.kind === 'table') {
      return new Table({ rows: block.rows.map((row) => new TableRow({ children: row.map((cell) => new TableCell({ children: [new Paragraph(cell)] })) })) });
    }
    if (block.kind === 'item') return new Paragraph({ text: block.text, numbering: LIST_OF[block.list] });
    return new Paragraph({ children: [new TextRun({ text: block.text, bold: Boolean(block.bold) })], ...(block.center ? { alignment: AlignmentType.CENTER } : {}) });
  });
  const document = new Document({
    numbering: {
      config: [
        {
          reference: 'outline',
          levels: [
            { level: 0, format: LevelFormat.UPPER_ROMAN, text: '%1.' },
            { level: 1, format: LevelFormat.DECIMAL, text: '%2.' },
            { level: 2, format: LevelFormat.LOWER_LETTER, text: '%3)' },
          ],
        },
        {
          reference: 'bullets',
          levels: [
            { level: 0, format: LevelFormat.BULLET, text: '-' },
            { level: 1, format: LevelFormat.BULLET, text: '+' },
          ],
        },
      ],
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}

// The PDF tests draw their text with DejaVu Sans (Vietnamese glyphs); on Debian it comes with the
// package fonts-dejavu-core, which .ci/run installs. A machine without it fails here, not skips.
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
function fontBytes(): Buffer {
  if (!existsSync(FONT)) throw new Error(`${FONT} is missing: the PDF tests need DejaVu Sans (apt-get install fonts-dejavu-core)`);
  return readFileSync(FONT);
}

/**
 * A sample plan's lines as an A4 PDF with a running header and page numbers: each non-blank line a
 * paragraph, wrapped at the page's width, a page break between paragraphs when the page is full.
 */
async function pdfOfLines(lines: string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font: PDFFont = await pdf.embedFont(fontBytes(), { subset: true });
  const size = 10;
  const pages: ReturnType<PDFDocument['addPage']>[] = [];
  let page = pdf.addPage([595, 842]);
  pages.push(page);
  let y = 790;
  for (const text of lines.map((line) => line.trim()).filter(Boolean)) {
    const wrapped: string[] = [];
    let line = '';
    for (const word of text.split(' ')) {
      if (line && font.widthOfTextAtSize(`${line} ${word}`, size) > 480) {
        wrapped.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    wrapped.push(line);
    if (y - wrapped.length * size * 1.25 < 60) {
      page = pdf.addPage([595, 842]);
      pages.push(page);
      y = 790;
    }
    for (const part of wrapped) {
      page.drawText(part, { x: 60, y, size, font });
      y -= size * 1.25;
    }
    y -= size * 1.2;
  }
  pages.forEach((each, index) => {
    each.drawText('Bản điện tử - tỉnh Sông Hậu', { x: 60, y: 815, size: 8, font });
    each.drawText(String(index + 1), { x: 295, y: 25, size: 8, font });
  });
  return pdf.save();
}

/** The blocks as a two-page landscape PDF with a running header and page numbers; table cells at column positions. */
async function pdfOf(blocks: Block[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font: PDFFont = await pdf.embedFont(fontBytes(), { subset: true });
  const size = 10;
  const numbered = numberedBlocks(blocks);
  const split = numbered.findIndex((block) => block.kind === 'item' && block.text === 'TỔ CHỨC THỰC HIỆN');
  const pages = [numbered.slice(0, split), numbered.slice(split)];
  pages.forEach((pageBlocks, index) => {
    const page = pdf.addPage([842, 595]);
    page.drawText('Kế hoạch thư viện số', { x: 40, y: 570, size: 8, font });
    page.drawText(String(index + 1), { x: 420, y: 20, size: 8, font });
    let y = 540;
    for (const block of pageBlocks) {
      if (block.kind === 'table') {
        for (const row of block.rows) {
          [30, 60, 300, 480, 700].forEach((x, column) => row[column] && page.drawText(row[column]!, { x, y, size: 8, font }));
          y -= 14;
        }
        y -= 12;
        continue;
      }
      const text = block.kind === 'item' ? `${block.label} ${block.text}` : block.text;
      // A long paragraph is wrapped over lines that follow each other closely.
      const words = text.split(' ');
      let line = '';
      for (const word of words) {
        if (line && font.widthOfTextAtSize(`${line} ${word}`, size) > 420) {
          page.drawText(line, { x: 40, y, size, font });
          y -= size * 1.25;
          line = word;
        } else line = line ? `${line} ${word}` : word;
      }
      page.drawText(line, { x: 40, y, size, font });
      y -= size * 2.4;
    }
  });
  return pdf.save();
}

const dir = mkdtempSync(join(tmpdir(), 'planlog-import-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('importPlanFile and importPlanBytes read a plan from a file', () => {
  const text = samplePlanText();
  const expected = draftOf(importPlan(text));

  it('the sample text itself imports to tasks with leads, supports, deadlines and an annex table', () => {
    expect(expected.tasks.map((task) => task.ref)).toEqual(['II.1', 'II.2', 'III.1.a', 'III.1.b', 'III.2-1', 'III.2-2', 'PL.1', 'PL.2']);
    expect(expected.tasks.every((task) => task.lead)).toBe(true);
    expect(expected.tasks.find((task) => task.ref === 'PL.1')?.deadline).toEqual({ kind: 'year', year: 2027 });
  });

  it('a .docx with automatic numbering and a real table imports to the same draft as its text', async () => {
    const bytes = await docxOf(samplePlanBlocks);
    // The numbers are Word's, not the text's: the file itself holds no "II." or "a)".
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    expect(xml).not.toContain('>II. ');
    expect(xml).toContain('<w:tbl>');
    expect(draftOf(await importPlanBytes(bytes, { fileName: 'ke-hoach.docx' }))).toEqual(expected);
  });

  it('a .pdf with a text layer imports to the same draft as its text (page header and numbers dropped)', async () => {
    const file = join(dir, 'ke-hoach.pdf');
    writeFileSync(file, await pdfOf(samplePlanBlocks));
    const result = await importPlanFile(file);
    expect(draftOf(result)).toEqual(expected);
    expect(result.warnings.some((warning) => warning.message.includes('Kế hoạch thư viện số'))).toBe(false);
  });

  it('the PDF tests have their font: DejaVu Sans (Debian: fonts-dejavu-core)', () => {
    expect(fontBytes().length).toBeGreaterThan(0);
  });

  for (const sample of sampleNames) {
    const sampleText = readSample(sample);
    const fromText = draftOf(importPlan(sampleText));
    const blocks = blocksOfSample(sampleText);

    it(`${sample}: its .docx (Word's automatic numbering${blocks.some((block) => block.kind === 'table') ? ', the annex as a real table' : ''}) imports to the same draft as its text`, async () => {
      const bytes = await docxOf(blocks);
      const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
      // Word numbers the lists: "II." and "1." are not in the file, only in numbering.xml.
      expect(xml).toContain('<w:numPr>');
      expect(xml).not.toMatch(/<w:t[^>]*>(?:II|III)\. /);
      if (blocks.some((block) => block.kind === 'table')) expect(xml).toContain('<w:tbl>');
      expect(fromText.tasks.length).toBeGreaterThan(0);
      expect(draftOf(await importPlanBytes(bytes, { fileName: sample.replace(/\.txt$/, '.docx') }))).toEqual(fromText);
    });

    // Tables in a PDF are columns of text at positions; the annex's long cells would need wrapping
    // within a column, which this writer does not do: the annex sample is read from its .docx above.
    if (blocks.some((block) => block.kind === 'table')) continue;
    it(`${sample}: its .pdf (wrapped lines, pages with a running header and numbers) imports to the same draft as its text`, async () => {
      const result = await importPlanBytes(await pdfOfLines(sampleText.split('\n')), { fileName: sample.replace(/\.txt$/, '.pdf') });
      expect(draftOf(result)).toEqual(fromText);
      expect(result.warnings.some((warning) => warning.message.includes('Bản điện tử'))).toBe(false);
    });
  }

  it('a .txt in UTF-8 with a BOM or in UTF-16 with a BOM reads as its text', async () => {
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const utf16be = Buffer.from(utf16le.subarray(2)).swap16();
    expect(draftOf(await importPlanBytes(utf8, { fileName: 'plan.txt' }))).toEqual(expected);
    expect(draftOf(await importPlanBytes(utf16le, { fileName: 'plan.txt' }))).toEqual(expected);
    expect(draftOf(await importPlanBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]), { fileName: 'plan.md' }))).toEqual(expected);
  });

  it('refuses with a VALIDATION error what it cannot read: a .doc, an image, a zip, a scanned PDF, bytes that are not text', async () => {
    const refusal = async (bytes: Uint8Array, fileName: string) => {
      try {
        await importPlanBytes(bytes, { fileName });
      } catch (error) {
        return error as { code: string; field: string; message: string };
      }
      throw new Error(`${fileName} was read`);
    };
    const doc = await refusal(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'ke-hoach.doc');
    expect([doc.code, doc.field]).toEqual(['VALIDATION', 'file']);
    expect(doc.message).toContain('.docx');
    expect((await refusal(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'scan.png')).message).toContain('image');
    const zip = new JSZip();
    zip.file('a.txt', 'x');
    expect((await refusal(await zip.generateAsync({ type: 'uint8array' }), 'plans.zip')).message).toContain('zip');
    expect((await refusal(await zip.generateAsync({ type: 'uint8array' }), 'fake.docx')).message).toContain('word/document.xml');
    const scan = await PDFDocument.create();
    scan.addPage([595, 842]).drawRectangle({ x: 50, y: 50, width: 200, height: 300 });
    const scanned = await refusal(await scan.save(), 'scan.pdf');
    expect([scanned.code, scanned.message]).toEqual(['VALIDATION', expect.stringContaining('no text layer')]);
    expect((await refusal(Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), 'plan.txt')).message).toContain('UTF-8');
    expect((await refusal(Buffer.from('KẾ HOẠCH\u0000\u0001', 'utf8'), 'plan.txt')).message).toContain('NUL');
    expect((await refusal(Buffer.from('x'), 'plan.xlsx')).code).toBe('VALIDATION');
  });

  it('importPlanFile of a missing file is NOT_FOUND', async () => {
    await expect(importPlanFile(join(dir, 'none.txt'))).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'file' });
  });
});
