import { createEngine, manualClock, memoryStore } from '@planlog/core';

const clock = manualClock('2026-04-10T08:00:00+07:00');
const engine = createEngine({ store: memoryStore(), clock });
const stp = { unitId: 'so-tu-phap' }; // Sở Tư pháp issues the plan
const xdpl = { id: 'phong-xay-dung-phap-luat', name: 'Phòng Xây dựng pháp luật' };

const { planId } = await engine.draftPlan({ actor: stp, title: 'Kế hoạch phòng, chống tội phạm năm 2026' });
const { taskId } = await engine.addTask({
  actor: stp, planId, ref: 'II.3', title: 'Rà soát văn bản pháp luật',
  lead: xdpl, deadline: { kind: 'quarter', year: 2026, quarter: 2 }, // Quý II/2026
});
await engine.issuePlan({ actor: stp, planId, number: '45/KH-STP', issuedOn: '2026-04-15' });
await engine.acknowledgeTask({ actor: { unitId: xdpl.id }, taskId });

clock.set('2026-07-01T00:00:00+07:00');
const overdue = await engine.tick(); // one task.overdue, exactly once
await engine.reportTask({ actor: { unitId: xdpl.id }, taskId, text: 'Đã rà soát xong', final: true });
await engine.acceptReport({ actor: stp, taskId });

console.log(overdue.map((event) => event.type), await engine.getPlanSummary(planId));
