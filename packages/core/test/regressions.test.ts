/**
 * Minimal cases of bugs found by the property tests (test/properties/engine.properties.test.ts).
 * Each one names the property that found it.
 */
import { describe, expect, it } from 'vitest';
import { createEngine, manualClock, memoryStore, unitRef, type StoredEvent } from '@planlog/core';
import { given } from '@planlog/core/testing';

const STP = unitRef('Sở Tư pháp');
const VHTTDL = unitRef('Sở Văn hóa, Thể thao và Du lịch');

async function allEvents(store: ReturnType<typeof memoryStore>): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

describe('regressions found by the property tests', () => {
  // Property (i): a report request naming the same unit twice made tick() append two report.overdue
  // for that unit in one batch. The plan machine refuses the second, so the log held an event its
  // machine refuses: the tick failed with STORE and every later catch-up of every engine failed too.
  it('a report request naming a unit twice: the command now refuses it, appending nothing', async () => {
    const store = memoryStore();
    const clock = manualClock('2026-03-02T02:00:00Z');
    const engine = createEngine({ store, clock });
    const actor = { unitId: STP.id };
    const { planId } = await engine.draftPlan({ actor, title: 'Kế hoạch phòng, chống tội phạm mua bán người năm 2026', issuer: STP, planId: 'kh-1' });
    await engine.addTask({ actor, planId, title: 'Rà soát hệ thống văn bản', taskId: 'nv-1' });
    await engine.issuePlan({ actor, planId, number: '88/KH-STP', issuedOn: '2026-02-25' });
    const before = (await allEvents(store)).length;
    await expect(
      engine.requestReport({ actor, planId, units: [VHTTDL, { name: VHTTDL.name.normalize('NFD') }], subject: 'Báo cáo đột xuất', dueAt: '2026-03-10T00:00:00+07:00' }),
    ).rejects.toMatchObject({ code: 'VALIDATION', field: 'units.1' });
    expect(await allEvents(store)).toHaveLength(before);
    // A log written before the command refused it still holds such requests: the next test.
  });

  it('the same, from given events', async () => {
    await given(
      [
        { type: 'plan.drafted', data: { planId: 'kh-1', title: 'Kế hoạch', issuer: STP } },
        { type: 'plan.issued', data: { number: '88/KH-STP', issuedOn: '2026-02-25' } },
        { type: 'report.requested', data: { requestId: 'yc-1', units: [VHTTDL, VHTTDL], subject: 'Báo cáo đột xuất', dueAt: '2026-03-09T17:00:00.000Z' } },
      ],
      { at: '2026-03-11T00:00:00Z' },
    )
      .when({ name: 'tick' })
      .then(['report.overdue']);
  });
});
