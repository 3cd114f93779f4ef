import type { Deadline, UnitRef } from '@planlog/core';
import type { ImportContext } from './ImportContext.js';
import { fold } from './foldText.js';
import { endsSentence, type Paragraph } from './paragraphs.js';
import { readAssignment } from './parseAssignment.js';
import { findDeadline } from './parseDeadline.js';
import { readReporting } from './parseReporting.js';
import type { OutlineItem, Section } from './sections.js';
import type { TaskDraft } from './types.js';

/** "Thời hạn: …", "Thời gian thực hiện: …", "Tiến độ: …" as a paragraph of its own: the value. */
export function deadlineLabel(text: string): string | undefined {
  const m = /^(?:thời hạn|thời gian(?: thực hiện| hoàn thành)?|tiến độ(?: thực hiện| hoàn thành)?)(?: hoàn thành)?\s*:\s*(.*)$/iu.exec(text);
  return m ? m[1]!.trim() : undefined;
}

/** A deadline written inside a task's text: after a label ("thời hạn: …") or a trigger ("hoàn thành trong Quý II/2026"). */
function inlineDeadline(text: string, context: ImportContext): { deadline?: Deadline; text: string; problem?: string } | undefined {
  const folded = fold(text);
  const label = /(thoi han|thoi gian (?:thuc hien|hoan thanh)|tien do(?: thuc hien| hoan thanh)?)(?: hoan thanh)?\s*:\s*/.exec(folded);
  if (label) {
    const from = label.index + label[0].length;
    // The value ends at ";" or ")", unless a report date follows ("thường xuyên; báo cáo trước ngày 15/12/2026").
    const to = text.slice(from).search(/\)|;(?!\s*báo cáo)/iu);
    const value = text.slice(from, to < 0 ? undefined : from + to).replace(/[.\s]+$/u, '');
    const read = findDeadline(value, context.dateOptions);
    if (read && 'deadline' in read) return { deadline: read.deadline, text: value };
    return { text: value, problem: read && 'problem' in read ? read.problem : 'no date, month, quarter or year in it' };
  }
  for (const trigger of folded.matchAll(/hoan thanh|xong truoc|cham nhat|truoc ngay/g)) {
    const window = text.slice(trigger.index, trigger.index + 60);
    const read = findDeadline(window, context.dateOptions);
    if (read && read.index <= 25 && read.index + read.length <= window.length) {
      if ('deadline' in read && read.deadline.kind !== 'ongoing') return { deadline: read.deadline, text: window.slice(0, read.index + read.length) };
      if ('problem' in read) return { text: window.slice(0, read.index + read.length), problem: read.problem };
    }
  }
  return undefined;
}

const isReportingHeading = (text: string) => /^chế độ (thông tin )?báo cáo/iu.test(text);

type Inherited = { ref: string; headings: string[]; lead?: UnitRef; support: UnitRef[] };

function joinRef(parent: string, label: string, bullet: boolean): string {
  if (bullet) return parent ? `${parent}-${label}` : `-${label}`;
  return parent ? `${parent}.${label}` : label;
}

function readParagraphReporting(paragraph: Paragraph, context: ImportContext): void {
  const read = readReporting(paragraph.text, context.directory, context.dateOptions);
  context.addReporting(read.rules, paragraph.lines[0]!);
  for (const message of read.warnings) context.warn(paragraph.lines[0]!, message);
  if (read.periodless) {
    context.warn(paragraph.lines[0]!, 'periodic reports ("định kỳ") without a period (6 tháng, hằng năm …): no reporting rule made for them');
  }
}

function assignDeadline(tasks: TaskDraft[], deadline: Deadline | undefined, text: string): void {
  for (const task of tasks) {
    if (task.deadline || task.deadlineText) continue;
    if (deadline) task.deadline = deadline;
    task.deadlineText = text;
  }
}

/** Tasks of a group of items; returns the tasks made, in order. */
function readItems(items: OutlineItem[], inherited: Inherited, organisation: boolean, context: ImportContext, out: TaskDraft[]): TaskDraft[] {
  const made: TaskDraft[] = [];
  let pending: TaskDraft[] = [];
  let groupDeadline: { deadline?: Deadline; text: string } | undefined;
  let bullets = 0;
  for (const item of items) {
    const { paragraph } = item;
    const line = paragraph.lines[0]!;
    context.consume(paragraph);
    const labelValue = deadlineLabel(paragraph.text);
    if (labelValue !== undefined) {
      const read = findDeadline(labelValue, context.dateOptions);
      const deadline = read && 'deadline' in read ? read.deadline : undefined;
      if (!deadline) context.warn(line, `deadline not understood: "${labelValue}"${read && 'problem' in read ? ` (${read.problem})` : ''}`);
      const open = pending.filter((task) => !task.deadline && !task.deadlineText);
      if (open.length > 1) {
        context.warn(line, `deadline "${labelValue}" stands after ${open.length} tasks and is given to all of them: ${open.map((task) => task.ref).join(', ')}`);
      }
      if (pending.length > 0) assignDeadline(pending, deadline, labelValue);
      else groupDeadline = { ...(deadline ? { deadline } : {}), text: labelValue };
      pending = [];
      for (const extra of item.extra) context.consume(extra);
      if (item.children.length > 0 || item.extra.length > 0) context.warn(line, 'text under a deadline line is not read as tasks');
      continue;
    }
    if (isReportingHeading(paragraph.text)) {
      for (const p of [paragraph, ...item.extra, ...item.children.map((child) => child.paragraph)]) {
        context.consume(p);
        readParagraphReporting(p, context);
      }
      continue;
    }
    const bullet = item.marker.kind === 'bullet';
    const ref = joinRef(inherited.ref, bullet ? String(++bullets) : item.marker.label, bullet);
    const deadlineChildren = item.children.filter((child) => deadlineLabel(child.paragraph.text) !== undefined);
    const realChildren = item.children.filter((child) => deadlineLabel(child.paragraph.text) === undefined);
    if (realChildren.length > 0) {
      const heading = paragraph.text.replace(/:\s*$/u, '');
      const assignment = readAssignment(heading, context.directory, { organisation: true });
      const lead = assignment.lead ? context.unit(assignment.lead, line) : inherited.lead;
      const support = assignment.support.length > 0 ? assignment.support.map((unit) => context.unit(unit, line)) : inherited.support;
      for (const extra of item.extra) {
        context.consume(extra);
        context.warn(extra.lines[0]!, `text under heading ${ref} is not read as a task: "${extra.text.slice(0, 60)}…"`);
      }
      const inner = readItems(item.children, { ref, headings: [...inherited.headings, heading], ...(lead ? { lead } : {}), support }, organisation, context, out);
      made.push(...inner);
      pending.push(...inner);
      continue;
    }
    const task = readTask(item, ref, inherited, organisation, context);
    out.push(task);
    made.push(task);
    pending.push(task);
    for (const child of deadlineChildren) {
      context.consume(child.paragraph);
      const value = deadlineLabel(child.paragraph.text)!;
      const read = findDeadline(value, context.dateOptions);
      if (read && 'deadline' in read) assignDeadline([task], read.deadline, value);
      else {
        assignDeadline([task], undefined, value);
        context.warn(child.paragraph.lines[0]!, `deadline not understood: "${value}"`);
      }
    }
  }
  if (groupDeadline) assignDeadline(made, groupDeadline.deadline, groupDeadline.text);
  return made;
}

function readTask(item: OutlineItem, ref: string, inherited: Inherited, organisation: boolean, context: ImportContext): TaskDraft {
  const { paragraph } = item;
  const line = paragraph.lines[0]!;
  const assignment = readAssignment(paragraph.text, context.directory, { organisation });
  const own = assignment.lead ? context.unit(assignment.lead, line) : undefined;
  const lead = own ?? inherited.lead;
  const support = assignment.support.length > 0 || own ? assignment.support.map((unit) => context.unit(unit, line)) : inherited.support;
  if (assignment.coLeads.length > 0) {
    context.warn(line, `${ref} names ${assignment.coLeads.length + 1} lead units; "${assignment.lead!.unit.name}" is the lead, ${assignment.coLeads.map((unit) => `"${unit.unit.name}"`).join(', ')} kept as support`);
  }
  const details = item.extra.map((extra) => {
    context.consume(extra);
    if (/^\p{Ll}/u.test(extra.text)) {
      context.warn(extra.lines[0]!, `${ref}: a paragraph starts mid-sentence, its beginning may be missing: "${extra.text.slice(0, 40)}…"`);
    }
    return extra.text;
  });
  const task: TaskDraft = {
    ref,
    title: assignment.text,
    ...(lead ? { lead } : {}),
    support: support.filter((unit) => unit.id !== lead?.id),
    headings: inherited.headings,
    details,
    line,
  };
  const inline = inlineDeadline([paragraph.text, ...details].join(' '), context);
  if (inline) {
    if (inline.deadline) task.deadline = inline.deadline;
    else context.warn(line, `${ref}: deadline not understood: "${inline.text}" (${inline.problem})`);
    task.deadlineText = inline.text;
  }
  for (const p of [paragraph, ...item.extra]) readParagraphReporting(p, context);
  for (const child of item.children) {
    if (deadlineLabel(child.paragraph.text) === undefined) context.warn(child.paragraph.lines[0]!, `${ref}: sub-item not read`);
  }
  if (!endsSentence(task.title)) {
    context.warn(line, `${ref}: text seems cut off (no closing punctuation): "…${task.title.slice(-40)}"`);
  }
  return task;
}

/** The tasks of a task or organisation section; warns for every task missing a lead or a deadline. */
export function readSectionTasks(section: Section, context: ImportContext, out: TaskDraft[]): void {
  const organisation = section.kind === 'organisation';
  const base: Inherited = { ref: section.label, headings: section.title ? [section.title] : [], support: [] };
  const items = section.children;
  // Unnumbered paragraphs straight under the section heading: tasks as if bulleted, when no items follow.
  if (items.length === 0 && section.intro.length > 0) {
    readItems(section.intro.map((paragraph) => ({ marker: { kind: 'bullet', label: '-' }, paragraph, children: [], extra: [] })), base, organisation, context, out);
    return;
  }
  for (const intro of section.intro) {
    context.consume(intro);
    readParagraphReporting(intro, context);
    context.warn(intro.lines[0]!, `text under section ${section.label || '(none)'} before its first item is not read as a task: "${intro.text.slice(0, 60)}…"`);
  }
  readItems(items, base, organisation, context, out);
}
