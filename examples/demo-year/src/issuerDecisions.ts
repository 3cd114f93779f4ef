import type { Deadline, ReportingRule } from '@planlog/core';

// What the issuing agency decides where its own plan is silent.
//
// The importer reads each sample as written and says what it could not find (see the warnings it
// prints): the items of "Tổ chức thực hiện" name their units but mostly no deadline, and one task's
// "Thời hạn" ("theo chế độ báo cáo tại mục III") is no date. The demo does not fill those gaps
// silently. This table is the issuing Sở's own decision, one entry per plan, each with the reason
// the text gives for it; `importSamples.ts` applies it through the engine, where the log shows it:
//
// - a task with no lead: the plan is issued with the task unassigned (state `added`), then the Sở
//   sends `assignTask` (lead, the document's support units, deadline) with command id
//   "<planId>:issuer-decision:<ref>", so each decision is its own `task.assigned` event after
//   `plan.issued`;
// - a task with a lead but no deadline: the decided deadline is given on its `task.added`, because
//   `issuePlan` assigns a task with a lead at once (with `ongoing` when it has no deadline) and the
//   engine takes no second assignment; the deadline is then in `task.added` and `task.assigned`;
// - periods the text leaves unnamed: the decided reporting rules are added to the draft's own on
//   `plan.drafted` (the only command that carries a plan's reporting regime).
//
// A decision never overrides what the document says: an exception for a ref the document gives a
// lead (or a deadline) is an error, and so is a ref that is not in the draft.

/** A unit as one item of the same plan names it: its lead as the importer read it, checked by name. */
export type UnitNamedIn = { name: string; asIn: string };

export type DeadlineDecision = { deadline: Deadline; why: string };

export type Exception = { refs: readonly string[]; lead?: UnitNamedIn; deadline?: Deadline; why: string };

export type IssuerDecisions = {
  /** The sample file the plan is read from. */
  file: string;
  /** Lead of every task the document leaves without one (none needed when every task names its lead). */
  lead?: UnitNamedIn & { why: string };
  /** Deadline of every task the document leaves without one. */
  deadline: DeadlineDecision;
  /** Tasks where the text itself implies another lead or deadline than the plan-wide decision. */
  exceptions: readonly Exception[];
  /** Reporting rules added where the text asks for periodic reports without naming the period. */
  reporting?: { rules: readonly (Omit<ReportingRule, 'to'> & { to?: UnitNamedIn })[]; why: string };
};

const ongoing: Deadline = { kind: 'ongoing' };
const endOf2026: Deadline = { kind: 'year', year: 2026 };

export const issuerDecisions: readonly IssuerDecisions[] = [
  {
    file: 'ke-hoach-sngv-doi-ngoai-2026.txt',
    // Every item names its unit (the heading it stands under, or its own subject).
    deadline: { deadline: endOf2026, why: 'Kế hoạch công tác "năm 2026": nhiệm vụ không ghi thời hạn hoàn thành trong năm kế hoạch' },
    exceptions: [
      {
        refs: ['IV.1', 'IV.3'],
        deadline: ongoing,
        why: 'Tổ chức thực hiện: triển khai theo kế hoạch chi tiết và phản ánh vướng mắc trong suốt quá trình thực hiện',
      },
    ],
    // The text's own rules (hằng quý, 6 tháng trước ngày 25 tháng 5, năm trước ngày 10 tháng 11, đột xuất) suffice.
  },
  {
    file: 'ke-hoach-stp-pbgdpl-2026.txt',
    deadline: { deadline: endOf2026, why: 'Kế hoạch "năm 2026": nhiệm vụ không ghi thời hạn hoàn thành trong năm kế hoạch' },
    exceptions: [
      {
        refs: ['III.1', 'III.3'],
        deadline: ongoing,
        why: 'Tổ chức thực hiện: đầu mối theo dõi, đôn đốc và chủ động triển khai trong suốt năm kế hoạch',
      },
    ],
  },
];
