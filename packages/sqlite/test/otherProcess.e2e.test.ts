/**
 * Another process writes to the file between this process's reads. A read past the end of the log is
 * answered without a read while SQLite's change counters stand still (schema/logEnd.ts); `PRAGMA
 * data_version` is what moves for another process's commit. Here the other process is a real one
 * (a child node process on the built packages), not another connection of this one. Needs the build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, isPlanlogError, manualClock, startConsumer, type StoredEvent } from '@planlog/core';
import { manualTimers } from '@planlog/core/testing';
import { sqliteStore } from '@planlog/sqlite';
import { describe, expect, it } from 'vitest';
import { tempDirs } from './tempDir.js';

const tempDir = tempDirs();
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const STP = { unitId: 'so-tu-phap' };
const XDPL = { id: 'phong-xay-dung-phap-luat', name: 'Phòng Xây dựng pháp luật' };
const LEAD = { unitId: XDPL.id };

/** Run one command of the engine in a child process on the file (the built @planlog/core and @planlog/sqlite). */
function inOtherProcess(file: string, command: string, input: object): void {
  if (!existsSync(join(packageDir, 'dist', 'index.js'))) throw new Error('@planlog/sqlite is not built: run `npx -y pnpm@10 build` first');
  const script = `
    import { createEngine, manualClock } from '@planlog/core';
    import { sqliteStore } from '@planlog/sqlite';
    const store = sqliteStore({ file: process.env.PLANLOG_FILE });
    const engine = createEngine({ store, clock: manualClock('2026-04-20T02:00:00Z'), checkpoints: false });
    await engine[process.env.PLANLOG_COMMAND](JSON.parse(process.env.PLANLOG_INPUT));
    await store.close();`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: packageDir,
    env: { ...process.env, PLANLOG_FILE: file, PLANLOG_COMMAND: command, PLANLOG_INPUT: JSON.stringify(input) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

async function positionsFrom(store: { readAll(options: { fromPosition: number }): AsyncIterable<StoredEvent> }, fromPosition: number): Promise<number[]> {
  const positions: number[] = [];
  for await (const event of store.readAll({ fromPosition })) positions.push(event.position);
  return positions;
}

describe('sqliteStore: another process appends between reads past the end', () => {
  it('readAll (of a writer and of a read-only store), the engine (catch-up before a command) and a consumer all see its events', async () => {
    const file = join(tempDir(), 'plans.db');
    const store = sqliteStore({ file });
    const engine = createEngine({ store, clock: manualClock('2026-04-20T02:00:00Z'), checkpoints: false });
    const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch phổ biến, giáo dục pháp luật năm 2026', issuer: { id: STP.unitId, name: 'Sở Tư pháp' } });
    const { taskId } = await engine.addTask({ actor: STP, planId, title: 'Rà soát văn bản', lead: XDPL, deadline: { kind: 'quarter', year: 2026, quarter: 2 } });
    await engine.issuePlan({ actor: STP, planId, number: '45/KH-STP', issuedOn: '2026-04-15' });
    const end = await store.headPosition();
    const timers = manualTimers();
    const seen: string[] = [];
    const consumer = startConsumer({ name: 'audit', store, handle: (event) => void seen.push(event.type), timers, onError: () => undefined });
    await timers.until(consumer.caughtUp());
    // This process knows where the log ends: after its own appends, a read past it reads nothing.
    expect(await positionsFrom(store, end + 1)).toEqual([]);
    // So does an auditor's read-only store (it never writes: only data_version can tell it of a commit).
    const auditor = sqliteStore({ file, readonly: true });
    expect(await positionsFrom(auditor, end + 1)).toEqual([]);
    expect((await engine.getTask(taskId)).state).toBe('assigned');

    inOtherProcess(file, 'acknowledgeTask', { actor: LEAD, taskId });

    expect(await positionsFrom(store, end + 1)).toEqual([end + 1]);
    expect(await positionsFrom(auditor, end + 1)).toEqual([end + 1]);
    // The engine folds it before deciding: a second acknowledgement is refused by the machine, not
    // decided on the stale 'assigned' (which the store would refuse as CONFLICT on every retry).
    const again = await engine.acknowledgeTask({ actor: LEAD, taskId }).catch((error: unknown) => error);
    expect(isPlanlogError(again, 'ILLEGAL_TRANSITION')).toBe(true);
    expect((await engine.getTask(taskId)).state).toBe('acknowledged');
    await timers.until(consumer.caughtUp());
    expect(seen.at(-1)).toBe('task.acknowledged');

    // And the other way round: this process appends, then the other, then this one reads on.
    await engine.reportTask({ actor: LEAD, taskId, text: 'Đã rà soát 12 văn bản', progress: 50 });
    inOtherProcess(file, 'reportTask', { actor: LEAD, taskId, text: 'Đã rà soát 20 văn bản', progress: 80 });
    expect(await positionsFrom(store, end + 2)).toEqual([end + 2, end + 3]);
    expect((await engine.getTask(taskId)).progress).toBe(80);
    expect(await positionsFrom(auditor, end + 2)).toEqual([end + 2, end + 3]);
    await consumer.stop();
    await auditor.close();
    await store.close();
  });
});
