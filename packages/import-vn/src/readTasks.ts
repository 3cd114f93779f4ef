import type { Deadline, UnitRef } from '@planlog/core';
import type { ImportContext } from './ImportContext.js';
import { applyLabels, labelsOf, share, type LabelEntry } from './applyLabels.js';
import { fold } from './foldText.js';
import { endsSentence, type Paragraph } from './paragraphs.js';
import { readAssignment } from './parseAssignment.js';
import { findDeadline, readDeadlineValue } from './parseDeadline.js';
import { readReporting } from './parseReporting.js';
import { readLabel } from './readLabel.js';
import { readUnitHeading } from './readUnitHeading.js';
import type { OutlineItem, Section } from './sections.js';
import { addSupport, lastLine, paragraphsOf, setLead } from './taskFields.js';
import type { TaskDraft } from './types.js';

/** "Thời hạn: …", "Thời gian thực hiện: …", "Tiến độ: …" as a paragraph of its own: the value. */
export function deadlineLabel(text: string): string | undefined {
  const label = readLabel(text);
  return label?.kind === 'deadline' ? label.value : undefined;
}

/** Words that tell a report's date from a task's ("báo cáo … trước ngày 15/11"). */
const REPORT_BEFORE = /(bao cao|gui ket qua|gui bao cao)[^.;]{0,60}$/;

/** A deadline written inside a task's text: after a label ("thời hạn: …") or a trigger ("hoàn thành trong Quý II/2026"). */
function inlineDeadline(text: string, context: ImportContext): { deadline?: Deadline; text: string; problem?: string } | undefined {
  const folded = fold(text);
  const label = /(thoi han|thoi gian (?:thuc hien|hoan thanh)|tien do(?: thuc hien| hoan thanh)?)(?: hoan thanh)?\s*:\s*/.exec(folded);
  if (label) {
    const from = label.index + label[0].length;
    // The value ends at ";" or ")", unless a report date follows ("thường xuyên; báo cáo trước ngày 15/12/2026").
    const to = text.slice(from).search(/\)|;(?!\s*báo cáo)/iu);
    const value = text.slice(from, to < 0 ? undefined : from + to).replace(/[.\s]+$/u, '');
    const read = readDeadlineValue(value, context.dateOptions);
    if (read && 'deadline' in read) return { deadline: read.deadline, text: value };
    return { text: value, problem: read && 'problem' in read ? read.problem : 'no date, month, quarter or year in it' };
  }
  for (const trigger of folded.matchAll(/hoan thanh|xong (?:truoc|trong)|cham nhat|truoc ngay|tu ngay/g)) {
    // A date after "báo cáo …" is when a report is due, not when the task is.
    if (REPORT_BEFORE.test(folded.slice(Math.max(0, trigger.index - 60), trigger.index))) continue;
    const window = text.slice(trigger.index, trigger.index + 60);
    const read = findDeadline(window, context.dateOptions);
    if (read && read.index <= 40 && read.index + read.length <= window.length) {
      if ('deadline' in read && read.deadline.kind !== 'ongoing') return { deadline: read.deadline, text: window.slice(0, read.index + read.length) };
      if ('problem' in read) return { text: window.slice(0, read.index + read.length), problem: read.problem };
    }
  }
  return undefined;
}

const isReportingHeading = (text: string) => /^chế độ (thông tin )?báo cáo/iu.test(text);

type Inherited = { ref: string; headings: string[]; lead?: UnitRef; leadReason?: string; support: UnitRef[] };

function joinRef(parent: string, label: string, bullet: boolean): string {
  if (bullet) return parent ? `${parent}-${label}` : `-${label}`;
  // A decimal label repeats its parent's number ("1.1." under "1." of section II): "II.1.1", not "II.1.1.1".
  const prefix = label.includes('.') ? label.slice(0, label.lastIndexOf('.')) : '';
  if (prefix && parent.endsWith(`.${prefix}`)) return `${parent.slice(0, -prefix.length)}${label}`;
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

function newTask(ref: string, title: string, inherited: Inherited, paragraphs: Paragraph[]): TaskDraft {
  const line = paragraphs[0]!.lines[0]!;
  return {
    ref,
    title,
    ...(inherited.lead ? { lead: inherited.lead } : {}),
    support: [...inherited.support],
    headings: inherited.headings,
    details: [],
    line,
    source: { lines: [line, lastLine(paragraphs)] },
    reasons: inherited.lead ? { lead: inherited.leadReason ?? 'heading above' } : {},
  };
}

/** Tasks of a group of items; returns the tasks made, in order. */
function readItems(items: OutlineItem[], inherited: Inherited, organisation: boolean, context: ImportContext, out: TaskDraft[]): TaskDraft[] {
  const made: TaskDraft[] = [];
  let pending: TaskDraft[] = [];
  let groupLabels: { entry: LabelEntry; line: number }[] = [];
  let bullets = 0;
  let afterLabels = false;
  for (const item of items) {
    const { paragraph } = item;
    const line = paragraph.lines[0]!;
    context.consume(paragraph);
    const ownLabel = readLabel(paragraph.text);
    if (!ownLabel && afterLabels) {
      pending = [];
      afterLabels = false;
    }
    if (ownLabel) {
      afterLabels = true;
      // A label beside the tasks, not under one: it belongs to the tasks before it (or, first, to all of the group).
      const entry: LabelEntry = { label: ownLabel, paragraph, children: item.children, extra: item.extra };
      if (pending.length === 0) {
        groupLabels.push({ entry, line });
        for (const p of paragraphsOf(item)) context.consume(p);
        continue;
      }
      const open = pending.filter((task) => (ownLabel.kind === 'deadline' ? !task.deadline && !task.deadlineText : true));
      if (open.length > 1) context.warn(line, `"${paragraph.text.slice(0, 50)}" stands after ${open.length} tasks and is given to all of them: ${open.map((task) => task.ref).join(', ')}`);
      for (const task of open) {
        out.push(...applyLabels(task, [entry], context));
        task.source.lines[1] = Math.max(task.source.lines[1], lastLine(paragraphsOf(item)));
      }
      continue;
    }
    if (isReportingHeading(paragraph.text) && !organisation) {
      for (const p of paragraphsOf(item)) {
        context.consume(p);
        readParagraphReporting(p, context);
      }
      continue;
    }
    const bullet = item.marker.kind === 'bullet';
    const ref = joinRef(inherited.ref, bullet ? String(++bullets) : item.marker.label, bullet);
    const { labels, others, otherExtras } = labelsOf(item);
    let headingUnits = readUnitHeading(paragraph.text, context.directory);
    let extraParagraphs = item.extra;
    // A unit heading broken over two paragraphs ("3. Đề nghị Ủy ban …, Hội Liên hiệp" / "Phụ nữ Thành phố …").
    const continued = item.extra[0];
    if (headingUnits.length > 0 && continued && /^\p{Lu}/u.test(continued.text) && !endsSentence(paragraph.text)) {
      const joined = readUnitHeading(`${paragraph.text} ${continued.text}`, context.directory);
      if (joined.length > 0) {
        headingUnits = joined;
        paragraph.text = `${paragraph.text} ${continued.text}`;
        context.consume(continued);
        extraParagraphs = item.extra.slice(1);
      }
    }
    // Labels under the item are its own, unless the item is a heading whose sub-items are tasks with their
    // own labels, a unit heading, or a heading whose sub-items are each followed by a deadline line.
    const ownLabels =
      labels.length > 0 &&
      headingUnits.length === 0 &&
      !others.some((child) => labelsOf(child).labels.length > 0) &&
      !(others.length > 0 && labels.every(({ label }) => label.kind === 'deadline') && labels.length > 1);
    if (ownLabels) {
      const task = readTask(item, ref, inherited, organisation, context, { children: others, extras: otherExtras, labelled: true });
      const more = applyLabels(task, labels, context);
      if (!task.deadline && !task.deadlineText) {
        const inline = inlineDeadline([task.title, ...task.details].join(' '), context);
        if (inline?.deadline) {
          task.deadline = inline.deadline;
          task.deadlineText = inline.text;
          task.reasons.deadline = 'date in the item text';
          context.checkDeadline(task, line);
        }
      }
      task.source.lines[1] = Math.max(task.source.lines[1], lastLine(paragraphsOf(item)));
      out.push(task, ...more);
      made.push(task, ...more);
      const without = pending.filter((other) => !other.reasons.lead?.startsWith('label') && !other.deadline && !other.deadlineText);
      share(task, without, context, line);
      pending = [];
      continue;
    }
    if (item.children.length > 0 || (headingUnits.length > 0 && extraParagraphs.length > 0)) {
      const heading = paragraph.text.replace(/:\s*$/u, '');
      let lead = inherited.lead;
      let leadReason = inherited.leadReason;
      let support = inherited.support;
      if (headingUnits.length > 0) {
        const [first, ...rest] = headingUnits.map((unit) => context.unit(unit, line));
        lead = first;
        leadReason = 'unit heading';
        if (rest.length > 0) {
          context.warn(line, `heading ${ref} names ${rest.length + 1} units; "${first!.name}" is the lead of its items, ${rest.map((unit) => `"${unit.name}"`).join(', ')} kept as support`);
          support = rest;
        } else support = [];
      } else {
        const assignment = readAssignment(heading, context.directory, { organisation });
        if (assignment.lead) {
          lead = context.unit(assignment.lead, line);
          leadReason = 'unit named in the heading';
          // A whole sentence that names its own lead reads as a task: taken as a heading over what
          // follows it, it should be checked (a list line may have strayed under it).
          if (/[.;]$/u.test(paragraph.text.trim())) {
            context.warn(line, `${ref} reads as a task of "${lead.name}" but has sub-items: taken as their heading, check that they belong to it: "${paragraph.text.slice(0, 50)}…"`);
          }
        }
        if (assignment.support.length > 0) support = assignment.support.map((unit) => context.unit(unit, line));
      }
      const next: Inherited = { ref, headings: [...inherited.headings, heading], ...(lead ? { lead } : {}), ...(leadReason ? { leadReason } : {}), support };
      // Paragraphs under a unit heading are that unit's tasks; under any other heading they are noted.
      const extras: OutlineItem[] = extraParagraphs.map((extra) => ({ marker: { kind: 'bullet', label: '-' }, paragraph: extra, children: [], extra: [] }));
      if (headingUnits.length > 0) {
        for (const extra of extraParagraphs) context.consume(extra);
        const inner = readItems([...extras, ...item.children], next, organisation, context, out);
        made.push(...inner);
        pending.push(...inner);
        continue;
      }
      for (const extra of item.extra) {
        context.consume(extra);
        readParagraphReporting(extra, context);
        context.warn(extra.lines[0]!, `text under heading ${ref} is not read as a task: "${extra.text.slice(0, 60)}…"`);
      }
      const inner = readItems(item.children, next, organisation, context, out);
      made.push(...inner);
      pending.push(...inner);
      continue;
    }
    const task = readTask(item, ref, inherited, organisation, context, { children: item.children, extras: item.extra });
    out.push(task);
    made.push(task);
    pending.push(task);
  }
  if (groupLabels.length > 0) {
    for (const task of made) {
      const entries = groupLabels.filter(({ entry }) => !(entry.label.kind === 'deadline' && (task.deadline || task.deadlineText)) && !(entry.label.kind !== 'deadline' && entry.label.kind !== 'support' && task.lead));
      out.push(...applyLabels(task, entries.map(({ entry }) => entry), context));
    }
    if (made.length === 0) for (const { line } of groupLabels) context.warn(line, 'a label with no task to belong to: not read');
    groupLabels = [];
  }
  return made;
}

function readTask(item: OutlineItem, ref: string, inherited: Inherited, organisation: boolean, context: ImportContext, parts: { children: OutlineItem[]; extras: Paragraph[]; labelled?: boolean }): TaskDraft {
  const { paragraph } = item;
  const line = paragraph.lines[0]!;
  const assignment = readAssignment(paragraph.text, context.directory, { organisation });
  const task = newTask(ref, assignment.text, inherited, [paragraph, ...parts.extras, ...parts.children.flatMap(paragraphsOf)]);
  if (assignment.lead) {
    task.support = [];
    setLead(task, [assignment.lead], 'unit named in the item', context, line);
  }
  if (assignment.coLeads.length > 0) {
    context.warn(line, `${ref} names ${assignment.coLeads.length + 1} lead units; "${assignment.lead!.unit.name}" is the lead, ${assignment.coLeads.map((unit) => `"${unit.unit.name}"`).join(', ')} kept as support`);
  }
  addSupport(task, assignment.support.map((unit) => context.unit(unit, line)), 'units after "phối hợp"');
  task.details = parts.extras.map((extra) => {
    context.consume(extra);
    if (/^\p{Ll}/u.test(extra.text)) {
      context.warn(extra.lines[0]!, `${ref}: a paragraph starts mid-sentence, its beginning may be missing: "${extra.text.slice(0, 40)}…"`);
    }
    return extra.text;
  });
  const inline = inlineDeadline([paragraph.text, ...task.details].join(' '), context);
  if (inline) {
    if (inline.deadline) {
      task.deadline = inline.deadline;
      task.reasons.deadline = 'date in the item text';
      context.checkDeadline(task, line);
    } else context.warn(line, `${ref}: deadline not understood: "${inline.text}" (${inline.problem})`);
    task.deadlineText = inline.text;
  }
  for (const p of [paragraph, ...parts.extras]) readParagraphReporting(p, context);
  for (const child of parts.children) {
    for (const p of paragraphsOf(child)) context.consume(p);
    task.details.push(...paragraphsOf(child).map((p) => p.text));
  }
  if (!endsSentence(task.title) && parts.children.length === 0 && !parts.labelled) {
    context.warn(line, `${ref}: text seems cut off (no closing punctuation): "…${task.title.slice(-40)}"`);
  }
  return task;
}

function isAnnexPointer(text: string, context: ImportContext): boolean {
  if (!/(?:tai|theo|o) (?:cac )?phu luc/.test(fold(text))) return false;
  const assignment = readAssignment(text, context.directory);
  return !assignment.lead && assignment.support.length === 0 && findDeadline(text, context.dateOptions) === undefined;
}

/** The tasks of a task or organisation section; warns for every task missing a lead or a deadline. */
export function readSectionTasks(section: Section, context: ImportContext, out: TaskDraft[]): void {
  const organisation = section.kind === 'organisation';
  const base: Inherited = { ref: section.label, headings: section.title ? [section.title] : [], support: [] };
  const items = section.children;
  // Unnumbered paragraphs straight under the section heading: tasks as if bulleted, when no items follow.
  if (items.length === 0 && section.intro.length > 0) {
    // A paragraph that only points to the annex ("… tại Phụ lục kèm theo Kế hoạch này") and names no
    // unit and no deadline is no task: the annex's rows are.
    const pointers = section.intro.filter((paragraph) => isAnnexPointer(paragraph.text, context));
    for (const pointer of pointers) context.consume(pointer);
    if (pointers.length === section.intro.length) return;
    readItems(section.intro.filter((paragraph) => !pointers.includes(paragraph)).map((paragraph) => ({ marker: { kind: 'bullet', label: '-' }, paragraph, children: [], extra: [] })), base, organisation, context, out);
    return;
  }
  for (const intro of section.intro) {
    context.consume(intro);
    readParagraphReporting(intro, context);
    context.warn(intro.lines[0]!, `text under section ${section.label || '(none)'} before its first item is not read as a task: "${intro.text.slice(0, 60)}…"`);
  }
  readItems(items, base, organisation, context, out);
}
