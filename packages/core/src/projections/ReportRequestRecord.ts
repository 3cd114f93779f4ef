import type { UnitRef } from '../schemas/primitives.js';
import type { Row } from './Projection.js';

/** A report request (ad hoc or periodic) as one unit asked sees it: what `queries.reportRequests` returns. */
export type ReportRequestRecord = {
  planId: string;
  requestId: string;
  unit: UnitRef;
  subject: string | null;
  dueAt: string | null;
  requestedAt: string | null;
  /** When the unit answered (its first report naming the request), or null. */
  answeredAt: string | null;
  /** Chased by a `report.overdue`. */
  overdue: boolean;
};

/** A `report_requests` row as a record. */
export function toReportRequestRecord(row: Row): ReportRequestRecord {
  return {
    planId: row.plan_id as string,
    requestId: row.request_id as string,
    unit: { id: row.unit_id as string, name: (row.unit_name as string | null) ?? (row.unit_id as string) },
    subject: row.subject as string | null,
    dueAt: row.due_at as string | null,
    requestedAt: row.requested_at as string | null,
    answeredAt: row.answered_at as string | null,
    overdue: row.overdue === true,
  };
}
