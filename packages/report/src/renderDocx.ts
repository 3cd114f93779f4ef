import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IBorderOptions,
  type ParagraphChild,
} from 'docx';
import { PAGE } from './pageLayout.js';
import type { Block, Inline, ReportDocument } from './ReportDocument.js';

/** Millimetres in twentieths of a point (A4 = 11906 × 16838, as Word writes it). */
const mm = (value: number) => (value * 1440) / 25.4;
const half = (pt: number) => pt * 2;
const CONTENT = Math.round(mm(PAGE.widthMm - PAGE.marginMm.left - PAGE.marginMm.right));
const INDENT = Math.round(mm(10));
const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

type RunStyle = { bold?: boolean; italics?: boolean; size?: number };
const run = (text: string, style: RunStyle = {}) => new TextRun({ text, bold: style.bold, italics: style.italics, size: half(style.size ?? PAGE.bodyPt) });

function centered(text: string, style: RunStyle & { after?: number; before?: number } = {}): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: style.before ?? 0, after: style.after ?? 0 }, children: [run(text, style)] });
}

/** A short horizontal line under the agency, the motto and the subject: a bottom border on an empty, indented paragraph. */
function rule(widthTwip: number, cellTwip: number, after = 60): Paragraph {
  const side = Math.max(0, Math.round((cellTwip - widthTwip) / 2));
  return new Paragraph({ spacing: { before: 0, after, line: 120, lineRule: 'exact' }, indent: { left: side, right: side }, border: { bottom: LINE }, children: [] });
}

function inline(parts: readonly Inline[], size: number = PAGE.bodyPt): ParagraphChild[] {
  return parts.map((part) => (typeof part === 'string' ? run(part, { size }) : 'bold' in part ? run(part.bold, { bold: true, size }) : run(part.italic, { italics: true, size })));
}

const bodySpacing = { before: 0, after: 120, line: 288 };

function table(item: Extract<Block, { kind: 'table' }>): (Paragraph | Table)[] {
  const total = item.columns.reduce((sum, column) => sum + column.width, 0);
  const widths = item.columns.map((column) => Math.floor((column.width / total) * CONTENT));
  const cell = (text: string, j: number, options: { bold?: boolean; header?: boolean }) =>
    new TableCell({
      width: { size: widths[j]!, type: WidthType.DXA },
      verticalAlign: options.header ? VerticalAlign.CENTER : VerticalAlign.TOP,
      margins: { top: 30, bottom: 30, left: 60, right: 60 },
      children: [
        new Paragraph({
          alignment: options.header || item.columns[j]?.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(text, { bold: options.bold, size: PAGE.tablePt })],
        }),
      ],
    });
  const rows = [
    new TableRow({ tableHeader: true, cantSplit: true, children: item.columns.map((column, j) => cell(column.title, j, { bold: true, header: true })) }),
    ...item.rows.map((row, i) => new TableRow({ cantSplit: true, children: row.map((text, j) => cell(text, j, { bold: item.totalRow === true && i === item.rows.length - 1 })) })),
  ];
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 120, after: 60 }, children: [run(item.caption, { bold: true })] }),
    new Table({ width: { size: CONTENT, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, rows }),
    ...(item.note ? [new Paragraph({ spacing: { before: 60, after: 120 }, children: [run(item.note, { italics: true, size: PAGE.tablePt })] })] : [new Paragraph({ spacing: { after: 60 }, children: [] })]),
  ];
}

function block(item: Block): (Paragraph | Table)[] {
  switch (item.kind) {
    case 'heading':
      return [new Paragraph({ keepNext: true, indent: { firstLine: INDENT }, spacing: { before: 120, after: 120 }, children: [run(item.text, { bold: true })] })];
    case 'subheading':
      return [new Paragraph({ keepNext: true, indent: { firstLine: INDENT }, spacing: { before: 60, after: 120 }, children: [run(item.text, { bold: true })] })];
    case 'minorheading':
      return [new Paragraph({ keepNext: true, indent: { firstLine: INDENT }, spacing: { after: 120 }, children: [run(item.text, { bold: true, italics: true })] })];
    case 'paragraph':
      return [new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: INDENT }, spacing: bodySpacing, children: inline(item.parts) })];
    case 'table':
      return table(item);
  }
}

function headerTable(document: ReportDocument): Table {
  const { header } = document;
  // The Quốc hiệu needs about 100 mm at 13 pt bold: the right column takes 62%, and the cells no margins.
  const left = Math.round(CONTENT * 0.38);
  const right = CONTENT - left;
  const flush = { top: 0, bottom: 0, left: 0, right: 0 };
  const agency = [
    ...(header.superior ? [centered(header.superior, { size: 13 })] : []),
    centered(header.agency, { bold: true, size: 13 }),
    rule(Math.round(mm(25)), left),
    centered(header.number, { size: 13 }),
  ];
  const nation = [
    centered(header.nation, { bold: true, size: 13 }),
    centered(header.motto, { bold: true, size: 14 }),
    rule(Math.round(mm(62)), right),
    centered(header.placeDate, { italics: true, size: 14 }),
  ];
  return new Table({
    width: { size: CONTENT, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: left, type: WidthType.DXA }, margins: flush, borders: { top: NONE, bottom: NONE, left: NONE, right: NONE }, children: agency }),
          new TableCell({ width: { size: right, type: WidthType.DXA }, margins: flush, borders: { top: NONE, bottom: NONE, left: NONE, right: NONE }, children: nation }),
        ],
      }),
    ],
  });
}

function closingTable(document: ReportDocument): Table {
  const half = Math.round(CONTENT / 2);
  const { signature } = document;
  const recipients = [
    new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: 12 })] }),
    ...document.recipients.map((line) => new Paragraph({ children: [run(line, { size: PAGE.smallPt })] })),
  ];
  const sign = [
    ...(signature.authority ? [centered(signature.authority, { bold: true, size: 14 })] : []),
    centered(signature.title, { bold: true, size: 14 }),
    new Paragraph({ spacing: { before: 0, after: 0, line: Math.round(mm(28)), lineRule: 'exact' }, children: [] }),
    centered(signature.name, { bold: true, size: 14 }),
  ];
  return new Table({
    width: { size: CONTENT, type: WidthType.DXA },
    columnWidths: [half, CONTENT - half],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({ width: { size: half, type: WidthType.DXA }, borders: { top: NONE, bottom: NONE, left: NONE, right: NONE }, children: recipients }),
          new TableCell({ width: { size: CONTENT - half, type: WidthType.DXA }, borders: { top: NONE, bottom: NONE, left: NONE, right: NONE }, children: sign }),
        ],
      }),
    ],
  });
}

/**
 * The Báo cáo as a .docx (Office Open XML) through the `docx` package: A4 with the decree's
 * margins, Times New Roman throughout, the two-column header, BÁO CÁO and its subject, the body, Nơi
 * nhận and the signature side by side, the annex from a new page. The log's details go to the
 * document's properties (title, subject, author, description, keywords), never into its text.
 */
export async function renderDocx(document: ReportDocument): Promise<Uint8Array> {
  const { marginMm } = PAGE;
  const annex = document.annex;
  const doc = new Document({
    creator: document.properties.creator,
    title: document.properties.title,
    subject: document.properties.subject,
    description: document.properties.description,
    keywords: document.properties.keywords,
    lastModifiedBy: 'planlog',
    styles: { default: { document: { run: { font: PAGE.font, size: half(PAGE.bodyPt) } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(mm(PAGE.widthMm)), height: Math.round(mm(PAGE.heightMm)) },
            margin: { top: Math.round(mm(marginMm.top)), bottom: Math.round(mm(marginMm.bottom)), left: Math.round(mm(marginMm.left)), right: Math.round(mm(marginMm.right)), header: 0, footer: 0, gutter: 0 },
          },
        },
        children: [
          headerTable(document),
          centered(document.kind, { bold: true, size: 14, before: 360 }),
          centered(document.subject, { bold: true, size: 14 }),
          rule(Math.round(mm(40)), CONTENT, 240),
          ...document.body.flatMap(block),
          // Kept with the signature: a signature never stands on a page of its own.
          ...document.closing.map((text) => new Paragraph({ alignment: AlignmentType.JUSTIFIED, keepNext: true, keepLines: true, indent: { firstLine: INDENT }, spacing: bodySpacing, children: [run(text)] })),
          closingTable(document),
          new Paragraph({ pageBreakBefore: true, alignment: AlignmentType.CENTER, children: [run(annex.title, { bold: true, size: 14 })] }),
          centered(annex.subtitle, { bold: true, size: 14 }),
          centered(annex.reference, { italics: true, after: 120 }),
          ...annex.blocks.flatMap(block),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
