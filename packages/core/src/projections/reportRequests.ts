import type { Projection, RowChange } from './Projection.js';

/** One row per ad-hoc report request and unit asked: when it is due, when it was answered, whether it was chased. */
export const reportRequests: Projection = {
  name: 'report_requests',
  version: 1,
  tables: [
    {
      name: 'report_requests',
      key: ['request_id', 'unit_id'],
      columns: {
        request_id: 'text',
        unit_id: 'text',
        unit_name: 'text',
        plan_id: 'text',
        subject: 'text',
        due_at: 'text',
        requested_at: 'text',
        answered_at: 'text',
        overdue: 'boolean',
      },
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
    if (event.type === 'report.overdue') {
      return [{ op: 'upsert', table: 'report_requests', row: { request_id: event.data.requestId, unit_id: event.data.unit.id, overdue: true } }];
    }
    if (event.type === 'task.reported' && event.data.requestId !== null && task) {
      const { requestId } = event.data;
      const answeredBefore = task.before?.reports.some((report) => report.requestId === requestId && report.by.unitId === event.actor.unitId);
      if (answeredBefore) return [];
      const plan = task.after.planId;
      return [
        {
          op: 'upsert',
          table: 'report_requests',
          row: { request_id: event.data.requestId, unit_id: event.actor.unitId, plan_id: plan, answered_at: event.recordedAt },
        },
      ];
    }
    return [];
  },
};
