import { unitId, type Deadline, type ReportingRule, type UnitRef } from '@planlog/core';

/** One task item of a plan, as the document assigns it. */
export type HandEncodedTask = {
  /** Section number as written ("II.2.b"); "II.1-2" would be the 2nd dash bullet under II.1. */
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
export type HandEncodedPlan = {
  /** The sample file this was read from (in examples/sample-plans/). */
  source: string;
  title: string;
  /** Số ("52/KH-STP"). */
  number: string;
  /** Ngày ban hành (YYYY-MM-DD), from "Sông Hậu, ngày 06 tháng 4 năm 2026". */
  issuedOn: string;
  issuer: UnitRef;
  basis: string[];
  objectives: string[];
  requirements: string[];
  tasks: HandEncodedTask[];
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
