import type { UnitRef } from '@planlog/core';
import type { ImportContext } from './ImportContext.js';
import type { Paragraph } from './paragraphs.js';
import { readDeadlineValue } from './parseDeadline.js';
import type { UnitRead } from './parseUnits.js';
import type { OutlineItem } from './sections.js';
import type { TaskDraft } from './types.js';

// Setting a task's lead, supports and deadline, each with the reason an officer reads in the review.
/** Every paragraph of an item: its own, its further paragraphs, its sub-items'. */
export function paragraphsOf(item: OutlineItem): Paragraph[] {
  return [item.paragraph, ...item.extra, ...item.children.flatMap(paragraphsOf)];
}

export function lastLine(paragraphs: Paragraph[]): number {
  return Math.max(...paragraphs.map((paragraph) => paragraph.lines.at(-1)!));
}

export function setDeadline(task: TaskDraft, value: string, reason: string, context: ImportContext, line: number): void {
  const read = readDeadlineValue(value, context.dateOptions);
  task.deadlineText = value;
  if (read && 'deadline' in read) {
    task.deadline = read.deadline;
    task.reasons.deadline = reason;
    context.checkDeadline(task, line);
  } else context.warn(line, `${task.ref}: deadline not understood: "${value}"${read && 'problem' in read ? ` (${read.problem})` : ''}`);
}

export function addSupport(task: TaskDraft, units: UnitRef[], reason: string): void {
  const before = task.support.length;
  for (const unit of units) if (!task.support.some((other) => other.id === unit.id) && unit.id !== task.lead?.id) task.support.push(unit);
  if (task.support.length > before) task.reasons.support = task.reasons.support ? `${task.reasons.support}; ${reason}` : reason;
}

export function setLead(task: TaskDraft, units: UnitRead[], reason: string, context: ImportContext, line: number): void {
  const [first, ...others] = units.map((unit) => context.unit(unit, line));
  if (!first) return;
  task.lead = first;
  task.reasons.lead = reason;
  task.support = task.support.filter((unit) => unit.id !== first.id);
  if (others.length > 0) {
    context.warn(line, `${task.ref} names ${others.length + 1} lead units; "${first.name}" is the lead, ${others.map((unit) => `"${unit.name}"`).join(', ')} kept as support`);
    addSupport(task, others, 'co-lead named with the lead');
  }
}
