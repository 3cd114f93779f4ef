import type { Deadline, ReportingRule, UnitRef } from '@planlog/core';

/** Something the importer could not read, or read with doubt, at a 1-based line of the input. */
export type ImportWarning = { line: number; message: string };

/** One task item of the plan ("II.2.b"). */
export type TaskDraft = {
  /** Numbering path: "II.2.b"; unnumbered bullets count as "-1", "-2" under their parent ("III.1-2"). */
  ref: string;
  title: string;
  lead?: UnitRef;
  support: UnitRef[];
  deadline?: Deadline;
  /** The deadline as written ("Hoàn thành rà soát … trong Quý II/2026"), when one was given. */
  deadlineText?: string;
  /** Headings the item sits under, outermost first (section title, group heading). */
  headings: string[];
  /** Further paragraphs of the item after its first. */
  details: string[];
  /** First line of the item in the input. */
  line: number;
  /** The input lines the task was read from, first and last (1-based, inclusive). */
  source: { lines: [number, number] };
  /** Why the importer chose the task's lead, supports and deadline ("unit heading", "label \"Đơn vị chủ trì\"" …). */
  reasons: TaskReasons;
};

/** Where each part of a task came from, in words an officer checking the draft can follow. */
export type TaskReasons = { lead?: string; support?: string; deadline?: string };

/** A reporting rule of the plan's regime (chế độ báo cáo). */
export type ReportingRuleDraft = {
  period: 'month' | 'quarter' | 'half' | 'nine-months' | 'year' | 'ad-hoc';
  /** When each period's report is due (a fixed date, a day of a month after the cut-off, or days after it). */
  due?: ReportingRule['due'];
  /** 2 for the second half ("6 tháng cuối năm"); absent for the first. */
  half?: 1 | 2;
  /** The text asks for the report before the period's data window closes (the import warns). */
  allowEarlyDue?: boolean;
  to?: UnitRef;
};

/** The plan as read from its text (design §3.1); fields beyond the contract are additions. */
export type PlanDraft = {
  title: string;
  /** "88/KH-UBND"; undefined for a draft whose number is blank ("Số: /KH-SNgV"). */
  number?: string;
  /** The symbol after the number: "KH-UBND", "KH-SNgV". */
  symbol?: string;
  /** True when the number or the day of the date is blank: the plan is not issued yet. */
  draft: boolean;
  issuer?: UnitRef;
  /** ISO date of issue; undefined when blank or unreadable. */
  issuedOn?: string;
  /** Place of issue ("Hà Tĩnh"). */
  place?: string;
  basis: string[];
  objectives: string[];
  requirements: string[];
  tasks: TaskDraft[];
  reporting: ReportingRuleDraft[];
  recipients: UnitRef[];
  signer?: { title: string; name?: string };
  /** Footnotes, in order, as written (without their mark). */
  footnotes: string[];
  /** Text of a funding section (kinh phí), if any. */
  funding: string[];
};

export type ImportOptions = {
  /** Units to recognise; defaults to `defaultUnitDirectory`. */
  units?: import('./unitDirectory.js').UnitDirectory;
  /** Year for dates written without one ("trước ngày 25 tháng 5"); defaults to the plan's year. */
  year?: number;
  /**
   * How "trước ngày 25 tháng 5" reads: `'exclusive'` (default) due at 00:00 of the 25th, so the 25th
   * is late; `'inclusive'` due at the end of the 25th, for offices that read it as "by the 25th".
   */
  beforeDate?: 'exclusive' | 'inclusive';
};

export type ImportResult = { plan: PlanDraft; warnings: ImportWarning[] };
