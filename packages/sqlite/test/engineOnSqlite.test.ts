import { join } from 'node:path';
import { createEngine, manualClock } from '@planlog/core';
import { GENESIS_HASH, hashEvent } from '@planlog/core/store';
import { sqliteStore } from '@planlog/sqlite';
import { describe, expect, it } from 'vitest';
import { tempDirs } from './tempDir.js';

const tempDir = tempDirs();
const STP = { unitId: 'so-tu-phap' };
const XDPL = { id: 'phong-xay-dung-phap-luat', name: 'Phòng Xây dựng pháp luật' };

describe('the engine on sqliteStore', () => {
  it('survives a restart: state, overdue ticks and command idempotency', async () => {
    const file = join(tempDir(), 'plans.db');
    const clock = manualClock('2026-04-10T02:00:00Z');
    const store = sqliteStore({ file });
    const engine = createEngine({ store, clock });
    const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch phổ biến, giáo dục pháp luật năm 2026', issuer: { id: STP.unitId, name: 'Sở Tư pháp' } });
    const { taskId } = await engine.addTask({ actor: STP, planId, ref: 'II.1', title: 'Rà soát văn bản', lead: XDPL, deadline: { kind: 'quarter', year: 2026, quarter: 2 } });
    await engine.issuePlan({ actor: STP, planId, number: '45/KH-STP', issuedOn: '2026-04-15' });
    const report = await engine.reportTask({ actor: { unitId: XDPL.id }, taskId, text: 'Đã rà soát 12 văn bản', commandId: 'bao-cao-1' });
    await store.close();

    const reopened = sqliteStore({ file });
    const again = createEngine({ store: reopened, clock });
    expect(await again.reportTask({ actor: { unitId: XDPL.id }, taskId, text: 'Đã rà soát 12 văn bản', commandId: 'bao-cao-1' })).toEqual(report);
    expect((await again.getTask(taskId)).state).toBe('in_progress');
    clock.set('2026-07-01T00:00:00+07:00');
    expect((await again.tick()).map((event) => event.type)).toEqual(['task.overdue']);
    expect(await again.tick()).toEqual([]);
    expect((await again.getTask(taskId)).overdue).toBe(true);
    let prev = GENESIS_HASH;
    for await (const { hash, ...body } of reopened.readAll()) {
      expect(hash).toBe(hashEvent(prev, body));
      prev = hash;
    }
    await reopened.close();
  });
});
