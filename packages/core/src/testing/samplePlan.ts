import { manualClock, type ManualClock } from '../base/clock.js';
import { createEngine } from '../engine/createEngine.js';
import type { EventStore } from '../store/EventStore.js';

const STP = { unitId: 'so-tu-phap' };
/** The unit that leads the sample plan's task (Phòng Xây dựng pháp luật). */
export const SAMPLE_LEAD = { unitId: 'phong-xay-dung-phap-luat' };

/**
 * An engine on `store` and plan 45/KH-STP, issued with one task led by SAMPLE_LEAD and due by the
 * end of Q2 2026: events 1 … 4 of the log, the task's stream at version 2.
 */
export async function issueSamplePlan(store: EventStore, clock: ManualClock = manualClock('2026-04-10T02:00:00Z')) {
  const engine = createEngine({ store, clock });
  const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch phòng, chống tội phạm năm 2026', issuer: { id: STP.unitId, name: 'Sở Tư pháp' } });
  const { taskId } = await engine.addTask({ actor: STP, planId, ref: 'II.3', title: 'Rà soát văn bản', lead: { id: SAMPLE_LEAD.unitId, name: 'Phòng Xây dựng pháp luật' }, deadline: { kind: 'quarter', year: 2026, quarter: 2 } });
  await engine.issuePlan({ actor: STP, planId, number: '45/KH-STP', issuedOn: '2026-04-15' });
  return { engine, clock, planId, taskId, streamId: `task-${taskId}` };
}

/**
 * The sample log of 9 events, for tests that verify or tamper with a stored log: the sample plan
 * (1 … 4), its task acknowledged (5), reported at 6 ("40%"), 7 and 9, the report returned at 8.
 */
export async function writeSampleLog(store: EventStore): Promise<void> {
  const { engine, taskId } = await issueSamplePlan(store);
  await engine.acknowledgeTask({ actor: SAMPLE_LEAD, taskId });
  await engine.reportTask({ actor: SAMPLE_LEAD, taskId, text: 'Đã rà soát 40%', progress: 40 });
  await engine.reportTask({ actor: SAMPLE_LEAD, taskId, text: 'Hoàn thành rà soát', final: true });
  await engine.returnReport({ actor: STP, taskId, reason: 'Thiếu số liệu' });
  await engine.reportTask({ actor: SAMPLE_LEAD, taskId, text: 'Bổ sung số liệu', final: true });
}
