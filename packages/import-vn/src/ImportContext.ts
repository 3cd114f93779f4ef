import type { UnitRef } from '@planlog/core';
import type { Paragraph } from './paragraphs.js';
import type { UnitRead } from './parseUnits.js';
import type { ImportWarning, ReportingRuleDraft, TaskDraft } from './types.js';
import type { UnitDirectory } from './unitDirectory.js';

/** What the readers of one import share: the directory, the warnings, the paragraphs already read. */
export class ImportContext {
  readonly warnings: ImportWarning[] = [];
  readonly reporting: ReportingRuleDraft[] = [];
  private readonly read = new Set<Paragraph>();
  private readonly unitsWarned = new Set<string>();

  /** The plan's date of issue, once read: a task due before it is suspicious. */
  issuedOn: string | undefined;

  constructor(
    readonly directory: UnitDirectory,
    public year: number | undefined,
    /** How "trước ngày D" reads (`ImportOptions.beforeDate`). */
    readonly beforeDate: 'exclusive' | 'inclusive' = 'exclusive',
  ) {}

  /** The options of the deadline and reporting readers: the plan's year, the reading of "trước ngày". */
  get dateOptions(): { year?: number; beforeDate: 'exclusive' | 'inclusive' } {
    return { ...(this.year === undefined ? {} : { year: this.year }), beforeDate: this.beforeDate };
  }

  /** Warn when a task falls due before the plan's own date (a misread date, or a year left out). */
  checkDeadline(task: TaskDraft, line: number): void {
    const end = task.deadline && lastDayOf(task.deadline);
    if (end && this.issuedOn && end < this.issuedOn) {
      this.warn(line, `${task.ref}: deadline ${end} is before the plan's date ${this.issuedOn}`);
    }
  }

  warn(line: number, message: string): void {
    this.warnings.push({ line, message });
  }

  /** Mark a paragraph as read: it will not be reported as unread at the end. */
  consume(paragraph: Paragraph): void {
    this.read.add(paragraph);
  }

  isRead(paragraph: Paragraph): boolean {
    return this.read.has(paragraph);
  }

  /** The ref of a unit read from text, warning (once per unit) when the directory did not know it or matched it loosely. */
  unit(read: UnitRead, line: number): UnitRef {
    const key = `${read.unit.id}|${read.written}`;
    if (!this.unitsWarned.has(key)) {
      if (read.match === undefined) {
        this.unitsWarned.add(key);
        this.warn(line, `unit "${read.written}" is not in the unit directory: id "${read.unit.id}" derived from its name`);
      } else if (read.match !== 'exact') {
        this.unitsWarned.add(key);
        this.warn(line, `unit "${read.written}" read as "${read.unit.name}" (${read.match === 'folded' ? 'diacritics differ' : 'spelling differs'})`);
      }
    }
    return read.unit;
  }

  addReporting(rules: (Omit<ReportingRuleDraft, 'to'> & { to?: UnitRead })[], line: number): void {
    for (const rule of rules) {
      const draft: ReportingRuleDraft = {
        period: rule.period,
        ...(rule.half ? { half: rule.half } : {}),
        ...(rule.due ? { due: rule.due } : {}),
        ...(rule.allowEarlyDue ? { allowEarlyDue: true } : {}),
        ...(rule.to ? { to: this.unit(rule.to, line) } : {}),
      };
      const same = (other: ReportingRuleDraft) =>
        other.period === draft.period && other.half === draft.half && other.to?.id === draft.to?.id && JSON.stringify(other.due) === JSON.stringify(draft.due);
      if (!this.reporting.some(same)) this.reporting.push(draft);
    }
  }
}

/** The last day a deadline allows, as an ISO date; undefined for ongoing work. */
function lastDayOf(deadline: NonNullable<TaskDraft['deadline']>): string | undefined {
  const pad = (n: number) => String(n).padStart(2, '0');
  const endOfMonth = (year: number, month: number) => `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
  switch (deadline.kind) {
    case 'date':
      return deadline.on;
    case 'month':
      return endOfMonth(deadline.year, deadline.month);
    case 'quarter':
      return endOfMonth(deadline.year, deadline.quarter * 3);
    case 'half':
      return endOfMonth(deadline.year, deadline.half * 6);
    case 'year':
      return `${deadline.year}-12-31`;
    default:
      return undefined;
  }
}
