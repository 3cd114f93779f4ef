import { unitId, type Deadline, type ReportingRule, type UnitRef } from '@planlog/core';

/** One task item of a seed plan, as the document assigns it. */
export type SeedTask = {
  /** Section number as written ("II.2.b"); "II.1-2" is the 2nd dash bullet under II.1. */
  ref: string;
  /** A short title, faithful to the item's text. */
  title: string;
  /** chủ trì: the unit answerable for the task (a collective phrase is kept as one group unit). */
  lead: UnitRef;
  /** phối hợp: coordinating units. */
  support: UnitRef[];
  deadline: Deadline;
};

/** A Kế hoạch as data: what `draftPlan` and `addTask` need, plus what the document says verbatim. */
export type SeedPlan = {
  /** The seed file this was read from (in ../shared/seeds/). */
  source: string;
  title: string;
  /** Số: null while the document is a draft ("Số: /KH-STP"). */
  number: string | null;
  /** The symbol the number will carry once issued ("KH-STP"). */
  symbol: string;
  /** "Hà Tĩnh, ngày  tháng 4 năm 2026": the month the draft is dated, day left blank. */
  datedMonth: { year: number; month: number };
  issuer: UnitRef;
  basis: string[];
  objectives: string[];
  requirements: string[];
  tasks: SeedTask[];
  reporting: ReportingRule[];
  /** The reporting regime as the document words it. */
  reportingText: string;
  recipients: UnitRef[];
  signer: { capacity: string; name: string };
};

/** A unit of the province (Công an tỉnh, UBND tỉnh …): its id is the slug of its name. */
export function unit(name: string): UnitRef {
  const normalized = name.normalize('NFC');
  return { id: unitId(normalized), name: normalized };
}

/**
 * A unit inside an agency ("Văn phòng Sở" of Sở Ngoại vụ): the id is qualified by the agency's slug,
 * so that "Văn phòng Sở" of two agencies are two units, while two plans of one agency share it.
 */
export function unitOf(agency: UnitRef, name: string): UnitRef {
  const normalized = name.normalize('NFC');
  return { id: `${agency.id}/${unitId(normalized)}`, name: normalized };
}
