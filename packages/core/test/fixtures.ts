import { createEngine, manualClock, memoryStore, type EventStore } from '@planlog/core';

export const STP = { unitId: 'so-tu-phap' };
export const XDPL = { id: 'phong-xay-dung-phap-luat', name: 'Phòng Xây dựng pháp luật' };
export const PBGDPL = { id: 'phong-pho-bien-giao-duc-phap-luat', name: 'Phòng Pháp chế và Phổ biến, giáo dục pháp luật' };
export const LEAD = { unitId: XDPL.id };
export const SUPPORT = { unitId: PBGDPL.id };

/** An engine on a fresh memory store with an issued plan of one task (lead XDPL, due end of Q2 2026). */
export async function issuedPlan(options: { store?: EventStore; start?: string } = {}) {
  const store = options.store ?? memoryStore();
  const clock = manualClock(options.start ?? '2026-04-10T02:00:00Z');
  const engine = createEngine({ store, clock });
  const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch phòng, chống tội phạm năm 2026', issuer: { id: STP.unitId, name: 'Sở Tư pháp' } });
  const { taskId } = await engine.addTask({
    actor: STP,
    planId,
    ref: 'II.3',
    title: 'Rà soát hệ thống văn bản pháp luật',
    lead: XDPL,
    support: [PBGDPL],
    deadline: { kind: 'quarter', year: 2026, quarter: 2 },
  });
  await engine.issuePlan({ actor: STP, planId, number: '45/KH-STP', issuedOn: '2026-04-15' });
  return { store, clock, engine, planId, taskId };
}

/** Every event in the store, in global order. */
export async function allEvents(store: EventStore) {
  const events = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}
