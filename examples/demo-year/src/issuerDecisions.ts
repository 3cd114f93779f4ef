import type { Deadline, ReportingRule } from '@planlog/core';

// What the issuing agency decides where its own plan is silent.
//
// The importer reads each seed as written and says what it could not find (see the warnings it
// prints): most task items of these drafts name no lead unit, none but section III of the
// state-secrets plan gives a deadline, and two plans ask for periodic reports ("định kỳ") without
// naming the period. The demo does not fill those gaps silently. This table is the issuing Sở's own
// decision, one entry per plan, each with the reason the text gives for it; `importSeeds.ts` applies
// it through the engine, where the log shows it:
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
  /** The seed file the plan is read from. */
  file: string;
  /** Lead of every task the document leaves without one. */
  lead: UnitNamedIn & { why: string };
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
    file: 'ke-hoach-sngv-phong-chong-toi-pham-2026.txt',
    lead: {
      name: 'Các phòng, đơn vị thuộc Sở',
      asIn: 'IV.2',
      why: 'Tổ chức thực hiện, mục 2: "Các phòng chuyên môn, đơn vị thuộc Sở … theo dõi, kiểm tra, đôn đốc … thực hiện theo kế hoạch"',
    },
    deadline: {
      deadline: ongoing,
      why: 'Kế hoạch thực hiện Chỉ thị giai đoạn 2026 - 2030; Yêu cầu: triển khai "nghiêm túc, đồng bộ, thường xuyên"',
    },
    exceptions: [
      {
        refs: ['IV.1'],
        deadline: endOf2026,
        why: 'Văn phòng Sở "tổ chức sơ kết, tổng kết đánh giá việc thực hiện kế hoạch": tổng kết năm 2026',
      },
    ],
    reporting: {
      rules: [
        { period: 'half', to: { name: 'Văn phòng Sở', asIn: 'IV.1' } },
        { period: 'year', to: { name: 'Văn phòng Sở', asIn: 'IV.1' } },
      ],
      why: '"sơ kết, tổng kết … báo cáo … theo định kỳ" không nêu kỳ báo cáo: sơ kết 6 tháng, tổng kết năm, do Văn phòng Sở tổng hợp',
    },
  },
  {
    file: 'ke-hoach-stp-phong-chong-toi-pham-mua-ban-nguoi-2026.txt',
    // Every item names its units; the decision is there for an item that would not.
    lead: {
      name: 'Các Phòng, Trung tâm thuộc Sở',
      asIn: 'III.1',
      why: 'Tổ chức thực hiện, mục 1: "Các Phòng, Trung tâm thuộc sở căn cứ các nhiệm vụ tại mục II … tổ chức triển khai tại đơn vị mình"',
    },
    deadline: { deadline: endOf2026, why: 'Kế hoạch "năm 2026": nhiệm vụ không ghi thời hạn hoàn thành trong năm kế hoạch' },
    exceptions: [
      { refs: ['II.1.a'], deadline: ongoing, why: 'văn bản ghi: "nhiệm vụ quan trọng, thường xuyên và lâu dài"' },
      {
        refs: ['III.1', 'III.2', 'III.3'],
        deadline: ongoing,
        why: 'Tổ chức thực hiện: triển khai, phản ánh vướng mắc, theo dõi, đôn đốc trong suốt quá trình thực hiện',
      },
    ],
    reporting: {
      rules: [
        { period: 'quarter', to: { name: 'Phòng Kiểm tra văn bản quy phạm pháp luật', asIn: 'III.3' } },
        { period: 'year', to: { name: 'Phòng Kiểm tra văn bản quy phạm pháp luật', asIn: 'III.3' } },
      ],
      why: '"Định kỳ … báo cáo … về Phòng Kiểm tra văn bản quy phạm pháp luật" không nêu kỳ: hằng quý và hằng năm, như chế độ báo cáo của Ban Chỉ đạo 138 tỉnh',
    },
  },
  {
    file: 'ke-hoach-sngv-bao-ve-bmnn-2026.txt',
    lead: {
      name: 'Các phòng, đơn vị thuộc Sở',
      asIn: 'IV-1',
      why: 'Tổ chức thực hiện: "Trưởng các phòng, đơn vị thuộc Sở triển khai thực hiện tại đơn vị mình"',
    },
    deadline: { deadline: ongoing, why: 'Mục đích, yêu cầu 3: triển khai "đồng bộ, thường xuyên, gắn với nhiệm vụ chuyên môn"' },
    exceptions: [
      {
        refs: ['II.2'],
        lead: { name: 'Văn phòng Sở', asIn: 'III.1-1' },
        deadline: { kind: 'quarter', year: 2026, quarter: 2 },
        why: 'mục III.1 giao đúng việc này (rà soát, sửa đổi Quy chế bảo vệ BMNN của Sở) cho Văn phòng Sở, hoàn thành trong Quý II/2026',
      },
      { refs: ['II.1'], deadline: endOf2026, why: 'quán triệt và "100% cán bộ, công chức ký cam kết": việc một lần, trong năm 2026' },
      { refs: ['II.5'], deadline: endOf2026, why: 'đưa tiêu chí vào bình xét thi đua "hằng năm": lần bình xét năm 2026' },
      { refs: ['II.6'], deadline: endOf2026, why: 'tổ chức tập huấn, bồi dưỡng: đợt tập huấn năm 2026' },
    ],
    // The text's own rules ("chế độ báo cáo định kỳ 6 tháng, hằng năm hoặc đột xuất") suffice.
  },
];
