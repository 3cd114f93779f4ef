import type { Projection, RowChange } from './Projection.js';

/**
 * One row per report request (ad hoc or periodic) and unit asked: when it is due, when it was
 * answered, whether it was chased. Request ids are unique only within a plan (a periodic id such as
 * `periodic-2026-H1` repeats in every plan), so a row is keyed by plan, request and unit.
 * Version 2 added the plan to the key (version 1 let one plan's rows overwrite another's).
 */
export const reportRequests: Projection = {
  name: 'report_requests',
  version: 2,
  tables: [
    {
      name: 'report_requests',
      key: ['plan_id', 'request_id', 'unit_id'],
      columns: {
        plan_id: 'text',
        request_id: 'text',
        unit_id: 'text',
        unit_name: 'text',
        subject: 'text',
        due_at: 'text',
        requested_at: 'text',
        answered_at: 'text',
        overdue: 'boolean',
      },
      indexes: [['unit_id', 'plan_id', 'request_id']],
    },
  ],
  apply({ event, plan, task }) {
    if (event.type === 'report.requested' && plan) {
      const { requestId, units, subject, dueAt } = event.data;
      return units.map(
        (unit): RowChange => ({
          op: 'upsert',
          table: 'report_requests',
          row: {
            request_id: requestId,
            unit_id: unit.id,
            unit_name: unit.name,
            plan_id: plan.after.planId,
            subject,
            due_at: dueAt,
            requested_at: event.recordedAt,
          },
        }),
      );
    }
    if (event.type === 'report.overdue' && plan) {
      return [
        { op: 'upsert', table: 'report_requests', row: { plan_id: plan.after.planId, request_id: event.data.requestId, unit_id: event.data.unit.id, overdue: true } },
      ];
    }
    if (event.type === 'task.reported' && event.data.requestId !== null && task) {
      const { requestId } = event.data;
      const answeredBefore = task.before?.reports.some((report) => report.requestId === requestId && report.by.unitId === event.actor.unitId);
      if (answeredBefore) return [];
      return [
        {
          op: 'upsert',
          table: 'report_requests',
          row: { plan_id: task.after.planId, request_id: requestId, unit_id: event.actor.unitId, answered_at: event.recordedAt },
        },
      ];
    }
    return [];
  },
};
