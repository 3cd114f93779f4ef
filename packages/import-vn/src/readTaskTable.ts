import type { ImportContext } from './ImportContext.js';
import { fold } from './foldText.js';
import type { Paragraph } from './paragraphs.js';
import { readDeadlineValue } from './parseDeadline.js';
import { readUnitValue } from './parseUnits.js';
import type { TaskDraft } from './types.js';

/**
 * A task table: its header row and the rows under it (task rows and roman-numbered group rows); for a
 * table written one cell per line, `parts` are those lines, which the rows were built from.
 */
export type TaskTable = { header: Paragraph; rows: Paragraph[]; parts?: Paragraph[] };

type Columns = { number?: number; task: number; lead: number; support?: number; deadline?: number; names: string[] };

/** The columns of a header row (STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian), if it is one. */
function columnsOf(cells: string[]): Columns | undefined {
  const folded = cells.map((cell) => fold(cell));
  const find = (regex: RegExp) => {
    const index = folded.findIndex((cell) => regex.test(cell));
    return index < 0 ? undefined : index;
  };
  const lead = find(/chu tri|don vi thuc hien|co quan thuc hien/);
  const task = find(/nhiem vu|noi dung|ten |hoat dong|giai phap|cong viec/);
  if (lead === undefined || task === undefined || lead === task) return undefined;
  const number = find(/^(stt|tt|so tt|so thu tu)$/);
  const support = find(/phoi hop/);
  const deadline = find(/thoi gian|thoi han|tien do|hoan thanh/);
  return { task, lead, names: cells, ...(number !== undefined ? { number } : {}), ...(support !== undefined && support !== lead ? { support } : {}), ...(deadline !== undefined ? { deadline } : {}) };
}

const ROMAN = /^(?=[IVXL])(X{0,3})(IX|IV|V?I{0,3})\.?$/;

/** A group row: a roman number with its title, in cells or as a numbered paragraph. */
function groupOf(row: Paragraph): string | undefined {
  if (row.marker?.kind === 'roman') return row.marker.label;
  const first = row.cells?.find((cell) => cell !== '');
  if (first && ROMAN.test(first)) return first.replace(/\.$/, '');
  return undefined;
}

/**
 * Take the task tables out of the paragraphs: a header row that has a lead column, and the rows that
 * follow it (table rows, and group rows such as "I. NÂNG CAO NHẬN THỨC" written as plain lines).
 */
export function takeTaskTables(paragraphs: Paragraph[]): { rest: Paragraph[]; tables: TaskTable[] } {
  const rest: Paragraph[] = [];
  const tables: TaskTable[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const paragraph = paragraphs[i]!;
    const perLine = cellPerLineTable(paragraphs, i);
    if (perLine) {
      tables.push(perLine.table);
      i = perLine.next - 1;
      continue;
    }
    if (!paragraph.cells || !columnsOf(paragraph.cells)) {
      rest.push(paragraph);
      continue;
    }
    const table: TaskTable = { header: paragraph, rows: [] };
    while (i + 1 < paragraphs.length) {
      const next = paragraphs[i + 1]!;
      const groupLine = !next.cells && next.marker?.kind === 'roman';
      if (!next.cells && !groupLine) break;
      if (next.cells && columnsOf(next.cells)) break;
      table.rows.push(next);
      i++;
    }
    tables.push(table);
  }
  return { rest, tables };
}

const HEADER_CELL = /^(?:stt|tt|so tt|nhiem vu|noi dung|ten |hoat dong|giai phap|co quan|don vi|chu tri|phoi hop|thoi gian|thoi han|tien do|ghi chu|san pham|ket qua)/;
const isNumberCell = (paragraph: Paragraph) => !paragraph.marker && /^\d{1,3}\.?$/.test(paragraph.text);
const isRomanCell = (paragraph: Paragraph) => !paragraph.marker && ROMAN.test(paragraph.text);

/**
 * A table written one cell per line (as text copied out of a document often is): a run of header
 * cells ("STT", "Nhiệm vụ", "Cơ quan chủ trì", …), then rows that each start with their number (or a
 * roman group number followed by its title). Empty cells cannot be seen in such a text, so a row ends
 * at the next number.
 */
function cellPerLineTable(paragraphs: Paragraph[], start: number): { table: TaskTable; next: number } | undefined {
  const first = paragraphs[start]!;
  if (first.cells || first.marker || !HEADER_CELL.test(fold(first.text))) return undefined;
  let end = start;
  while (end < paragraphs.length && end - start < 7 && !paragraphs[end]!.cells && !paragraphs[end]!.marker && paragraphs[end]!.text.length <= 40 && HEADER_CELL.test(fold(paragraphs[end]!.text))) end++;
  const width = end - start;
  const names = paragraphs.slice(start, end).map((paragraph) => paragraph.text);
  if (width < 3 || !columnsOf(names)) return undefined;
  const parts = paragraphs.slice(start, end);
  const header: Paragraph = { text: names.join(' | '), notes: [], lines: parts.flatMap((paragraph) => paragraph.lines), cells: names };
  const rows: Paragraph[] = [];
  let at = end;
  while (at < paragraphs.length) {
    const lead = paragraphs[at]!;
    if (lead.marker?.kind === 'roman') {
      rows.push(lead);
      parts.push(lead);
      at++;
      continue;
    }
    if (!isNumberCell(lead) && !isRomanCell(lead)) break;
    const cells = [lead];
    at++;
    const limit = isRomanCell(lead) ? 2 : width;
    while (at < paragraphs.length && cells.length < limit && !isNumberCell(paragraphs[at]!) && !isRomanCell(paragraphs[at]!) && !paragraphs[at]!.marker) cells.push(paragraphs[at++]!);
    parts.push(...cells);
    rows.push({ text: cells.map((cell) => cell.text).join(' | '), notes: [], lines: cells.flatMap((cell) => cell.lines), cells: cells.map((cell) => cell.text) });
  }
  if (rows.length === 0) return undefined;
  return { table: { header, rows, parts }, next: at };
}

/** The tasks of a task table: one per numbered row, the units of the lead and support cells, the deadline cell. */
export function readTaskTable(table: TaskTable, context: ImportContext, out: TaskDraft[]): void {
  const columns = columnsOf(table.header.cells!)!;
  context.consume(table.header);
  for (const part of table.parts ?? []) context.consume(part);
  const label = (index: number | undefined) => (index === undefined ? '' : `, column "${columns.names[index]}"`);
  let group = '';
  let groupTitle = '';
  let count = 0;
  // Rows are cited by their STT ("PL.7") when it is unique in the table; when the numbering starts
  // again under each roman group row (or a row has no number), the group goes in the ref ("PL.II.1").
  const numbered = table.rows.filter((row) => !groupOf(row)).map((row) => (row.cells?.[columns.number ?? -1] ?? '').trim().replace(/\.$/, ''));
  const byGroup = numbered.includes('') || new Set(numbered).size < numbered.length;
  for (const row of table.rows) {
    context.consume(row);
    const line = row.lines[0]!;
    const roman = groupOf(row);
    if (roman) {
      group = roman;
      groupTitle = row.cells ? row.cells.filter((cell) => cell && !ROMAN.test(cell)).join(' ') : row.text;
      count = 0;
      continue;
    }
    const cells = row.cells ?? [row.text];
    const cell = (index: number | undefined) => (index === undefined ? '' : (cells[index] ?? '').trim());
    const title = cell(columns.task);
    if (!title) {
      context.warn(line, `table row without a task: "${row.text.slice(0, 60)}"`);
      continue;
    }
    count++;
    const number = cell(columns.number) || String(count);
    const ref = `PL.${group && byGroup ? `${group}.` : ''}${number.replace(/\.$/, '')}`;
    const task: TaskDraft = {
      ref,
      title,
      support: [],
      headings: groupTitle ? [groupTitle] : [],
      details: [],
      line,
      source: { lines: [line, row.lines.at(-1)!] },
      reasons: {},
    };
    const leads = readUnitValue(cell(columns.lead), context.directory).map((unit) => context.unit(unit, line));
    if (leads[0]) {
      task.lead = leads[0];
      task.reasons.lead = `annex table${label(columns.lead)}`;
      if (leads.length > 1) {
        context.warn(line, `${ref} names ${leads.length} lead units; "${leads[0].name}" is the lead, ${leads.slice(1).map((unit) => `"${unit.name}"`).join(', ')} kept as support`);
        task.support.push(...leads.slice(1));
      }
    }
    const supports = readUnitValue(cell(columns.support), context.directory).map((unit) => context.unit(unit, line));
    for (const unit of supports) if (unit.id !== task.lead?.id && !task.support.some((other) => other.id === unit.id)) task.support.push(unit);
    if (supports.length > 0) task.reasons.support = `annex table${label(columns.support)}`;
    const due = cell(columns.deadline);
    if (due) {
      task.deadlineText = due;
      const read = readDeadlineValue(due, context.dateOptions);
      if (read && 'deadline' in read) {
        task.deadline = read.deadline;
        task.reasons.deadline = `annex table${label(columns.deadline)}`;
        context.checkDeadline(task, line);
      } else context.warn(line, `${ref}: deadline not understood: "${due}"${read && 'problem' in read ? ` (${read.problem})` : ''}`);
    }
    out.push(task);
  }
}
