import type { ImportContext } from './ImportContext.js';
import type { Paragraph } from './paragraphs.js';
import { readAssignment } from './parseAssignment.js';
import { findDeadline } from './parseDeadline.js';
import { readUnitValue } from './parseUnits.js';
import { readLabel, type Label } from './readLabel.js';
import type { OutlineItem } from './sections.js';
import { addSupport, paragraphsOf, setDeadline, setLead } from './taskFields.js';
import type { TaskDraft } from './types.js';

/** The labelled fields of an item: its sub-items and further paragraphs that are labels, sub-labels included. */
export type LabelEntry = { label: Label; paragraph: Paragraph; children: OutlineItem[]; extra: Paragraph[] };

export function labelsOf(item: OutlineItem): { labels: LabelEntry[]; others: OutlineItem[]; otherExtras: Paragraph[] } {
  const labels: LabelEntry[] = [];
  const others: OutlineItem[] = [];
  const take = (child: OutlineItem): boolean => {
    const label = readLabel(child.paragraph.text);
    if (!label) return false;
    // "b) Cơ quan thực hiện:" over "- Đơn vị chủ trì: …", "- Đơn vị phối hợp: …": the sub-labels count.
    const subLabels = label.value === '' && child.children.length > 0 && child.children.every((sub) => readLabel(sub.paragraph.text));
    labels.push({ label, paragraph: child.paragraph, children: subLabels ? [] : child.children, extra: child.extra });
    if (subLabels) for (const sub of child.children) take(sub);
    return true;
  };
  for (const child of item.children) if (!take(child)) others.push(child);
  const otherExtras: Paragraph[] = [];
  for (const extra of item.extra) {
    const label = readLabel(extra.text);
    if (label) labels.push({ label, paragraph: extra, children: [], extra: [] });
    else otherExtras.push(extra);
  }
  return { labels, others, otherExtras };
}

/** Apply an item's labels to its task; returns the further tasks that dated or assigned sub-items make. */
export function applyLabels(task: TaskDraft, labels: LabelEntry[], context: ImportContext): TaskDraft[] {
  const more: TaskDraft[] = [];
  const directory = context.directory;
  const seen = new Set<'lead' | 'deadline'>();
  for (const { label, paragraph, children, extra } of labels) {
    const line = paragraph.lines[0]!;
    for (const p of [paragraph, ...extra, ...children.flatMap(paragraphsOf)]) context.consume(p);
    const name = `label "${paragraph.text.slice(0, paragraph.text.indexOf(':')).replace(/^[-+•]\s*/u, '')}"`;
    const subs = children.map((child) => child.paragraph);
    // One item, two leads or two deadlines in labels: the line of the item they were written for is
    // likely missing (the later labels replace the earlier ones, so say so).
    // ("b) Cơ quan thực hiện:" over its "- Đơn vị chủ trì: …" sets nothing itself.)
    const field = !label.value && subs.length === 0 ? undefined : label.kind === 'lead' || label.kind === 'performer' ? 'lead' : label.kind === 'deadline' ? 'deadline' : undefined;
    if (field && seen.has(field)) context.warn(line, `${task.ref}: a second ${field} label for one item, "${paragraph.text.slice(0, 60)}" (is an item's own line missing above it?)`);
    if (field) seen.add(field);
    // Sub-items under a label that has its own value are not its value: named, not dropped.
    if (label.value && subs.length > 0 && label.kind !== 'content') {
      for (const sub of subs) context.warn(sub.lines[0]!, `${task.ref}: "${sub.text.slice(0, 50)}" under ${name}, which has its value, is not read`);
    }
    switch (label.kind) {
      case 'lead': {
        const units = readUnitValue(label.value || subs.map((p) => p.text).join('; '), directory);
        if (units.length > 0) setLead(task, units, name, context, line);
        else context.warn(line, `${task.ref}: no lead unit read in "${paragraph.text.slice(0, 60)}"`);
        break;
      }
      case 'support': {
        const units = readUnitValue(label.value || subs.map((p) => p.text).join('; '), directory);
        addSupport(task, units.map((unit) => context.unit(unit, line)), name);
        if (units.length === 0) context.warn(line, `${task.ref}: no supporting unit read in "${paragraph.text.slice(0, 60)}"`);
        break;
      }
      case 'performer': {
        const values = label.value ? [{ text: label.value, line }] : subs.map((p) => ({ text: p.text, line: p.lines[0]! }));
        values.forEach((value, index) => {
          const target = index === 0 ? task : subTask(task, more, value.line, subs[index]!, false);
          const assignment = readAssignment(value.text.replace(/[.;]+$/u, ''), directory, { organisation: true });
          const units = assignment.lead ? [assignment.lead, ...assignment.coLeads] : readUnitValue(value.text, directory);
          if (units.length > 0) setLead(target, units, name, context, value.line);
          else context.warn(value.line, `${target.ref}: no lead unit read in "${value.text.slice(0, 60)}"`);
          addSupport(target, assignment.support.map((unit) => context.unit(unit, value.line)), `${name}, after "phối hợp"`);
        });
        break;
      }
      case 'deadline': {
        if (label.value) {
          setDeadline(task, label.value, name, context, line);
          break;
        }
        // Dated sub-items: the first dates the task, each further one is a task of its own.
        subs.forEach((sub, index) => {
          const subLine = sub.lines[0]!;
          const target = index === 0 ? task : subTask(task, more, subLine, sub);
          if (index > 0) {
            const own = readAssignment(sub.text, directory, { organisation: true });
            if (own.lead) setLead(target, [own.lead], 'subject of the dated sub-item', context, subLine);
          }
          target.details.push(sub.text);
          const read = findDeadline(sub.text, context.dateOptions);
          target.deadlineText = sub.text;
          if (read && 'deadline' in read) {
            target.deadline = read.deadline;
            target.reasons.deadline = `${name}, dated sub-item`;
            context.checkDeadline(target, subLine);
          } else context.warn(subLine, `${target.ref}: deadline not understood: "${sub.text.slice(0, 60)}"`);
        });
        if (subs.length === 0) context.warn(line, `${task.ref}: deadline label with no value`);
        break;
      }
      case 'content':
        task.details.push(...[label.value, ...subs.map((p) => p.text), ...extra.map((p) => p.text)].filter(Boolean));
        break;
    }
  }
  return more;
}

export function subTask(task: TaskDraft, more: TaskDraft[], line: number, paragraph: Paragraph, inherit = true): TaskDraft {
  const sub: TaskDraft = {
    ref: `${task.ref}+${more.length + 2}`,
    title: `${task.title} (${paragraph.text.replace(/^[-+•]\s*/u, '')})`,
    ...(task.lead ? { lead: task.lead } : {}),
    support: inherit ? [...task.support] : [],
    headings: task.headings,
    details: [],
    line,
    source: { lines: [line, paragraph.lines.at(-1)!] },
    reasons: { ...task.reasons },
  };
  more.push(sub);
  return sub;
}

/** Give a label block's lead, support and deadline to tasks before it that have none of their own ("shared block"). */
export function share(from: TaskDraft, to: TaskDraft[], context: ImportContext, line: number): void {
  const took: string[] = [];
  for (const task of to) {
    let took1 = false;
    if (!task.lead && from.lead) {
      task.lead = from.lead;
      task.reasons.lead = `${from.reasons.lead ?? 'label'} of ${from.ref}, shared`;
      took1 = true;
    }
    if (task.support.length === 0 && from.support.length > 0) {
      task.support = from.support.filter((unit) => unit.id !== task.lead?.id);
      task.reasons.support = `${from.reasons.support ?? 'label'} of ${from.ref}, shared`;
      took1 = true;
    }
    if (!task.deadline && !task.deadlineText && (from.deadline || from.deadlineText)) {
      if (from.deadline) task.deadline = from.deadline;
      if (from.deadlineText) task.deadlineText = from.deadlineText;
      task.reasons.deadline = `${from.reasons.deadline ?? 'label'} of ${from.ref}, shared`;
      took1 = true;
    }
    if (took1) took.push(task.ref);
  }
  if (took.length > 0) context.warn(line, `the labels under ${from.ref} also apply to ${took.join(', ')}, which has none of its own`);
}
