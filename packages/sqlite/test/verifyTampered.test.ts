import { join } from 'node:path';
import { createEngine, hashEvent, manualClock, verifyLog, type EventStore, type StoredEvent } from '@planlog/core';
import { sqliteStore } from '@planlog/sqlite';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDirs } from './tempDir.js';

const tempDir = tempDirs();
const STP = { unitId: 'so-tu-phap' };
const LEAD = { unitId: 'phong-xay-dung-phap-luat' };

/** A plan of one task (1 … 4), acknowledged (5), reported at 6 ("40%"), 7 and 9, the report returned at 8. */
async function writeLog(store: EventStore): Promise<void> {
  const engine = createEngine({ store, clock: manualClock('2026-04-10T02:00:00Z') });
  const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch phòng, chống tội phạm năm 2026', issuer: { id: STP.unitId, name: 'Sở Tư pháp' } });
  const { taskId } = await engine.addTask({ actor: STP, planId, ref: 'II.3', title: 'Rà soát văn bản', lead: { id: LEAD.unitId, name: 'Phòng Xây dựng pháp luật' }, deadline: { kind: 'quarter', year: 2026, quarter: 2 } });
  await engine.issuePlan({ actor: STP, planId, number: '45/KH-STP', issuedOn: '2026-04-15' });
  await engine.acknowledgeTask({ actor: LEAD, taskId });
  await engine.reportTask({ actor: LEAD, taskId, text: 'Đã rà soát 40%', progress: 40 });
  await engine.reportTask({ actor: LEAD, taskId, text: 'Hoàn thành rà soát', final: true });
  await engine.returnReport({ actor: STP, taskId, reason: 'Thiếu số liệu' });
  await engine.reportTask({ actor: LEAD, taskId, text: 'Bổ sung số liệu', final: true });
}

let original: { file: string; head: { position: number; hash: string } };
beforeAll(async () => {
  const file = join(tempDir(), 'plans.db');
  const store = sqliteStore({ file });
  await writeLog(store);
  const result = await verifyLog(store);
  await store.close();
  expect(result).toMatchObject({ ok: true, checked: 9 });
  original = { file, head: { position: result.checked, hash: result.headHash } };
});

/** Verify a copy of the log after `tamper` changed it behind planlog's back, with better-sqlite3. */
async function verifyAfter(tamper: string | ((db: Database.Database) => void), options: Parameters<typeof verifyLog>[1] = {}) {
  const file = join(tempDir(), 'tampered.db');
  const db = new Database(original.file, { readonly: true });
  await db.backup(file);
  db.close();
  const changed = new Database(file);
  if (typeof tamper === 'string') changed.exec(tamper);
  else tamper(changed);
  changed.close();
  const store = sqliteStore({ file });
  try {
    return await verifyLog(store, options);
  } finally {
    await store.close();
  }
}

describe('verifyLog on a SQLite file changed behind planlog', () => {
  it('one byte changed in the data of one event: hash mismatch at its position', async () => {
    const sql = "UPDATE planlog_events SET data = replace(data, '40%', '90%') WHERE position = 6";
    expect(await verifyAfter(sql)).toMatchObject({ ok: false, checked: 5, firstBad: { position: 6, reason: 'hash mismatch' } });
  });

  it('data that is no longer JSON: the store cannot read the event, and verify says so instead of throwing', async () => {
    const result = await verifyAfter("UPDATE planlog_events SET data = substr(data, 2) WHERE position = 7");
    expect(result).toMatchObject({ ok: false, checked: 6, firstBad: { position: 7, reason: 'unreadable event: holds malformed JSON' } });
  });

  it('the newest event deleted: the chain is intact, the anchor noted earlier is not in the log', async () => {
    const sql = 'DELETE FROM planlog_events WHERE position = (SELECT max(position) FROM planlog_events)';
    expect(await verifyAfter(sql)).toMatchObject({ ok: true, checked: 8 });
    expect(await verifyAfter(sql, { expect: original.head })).toMatchObject({ ok: false, checked: 8, firstBad: { position: 9, reason: 'missing events' } });
    expect(await verifyAfter('SELECT 1', { expect: original.head })).toMatchObject({ ok: true, checked: 9 });
  });

  it('the newest event rewritten with a fresh hash: the chain is intact, the anchor is not', async () => {
    const store = sqliteStore({ file: original.file });
    const tail: StoredEvent[] = [];
    for await (const event of store.readAll({ fromPosition: 8 })) tail.push(event);
    const [returned, last] = tail;
    await store.close();
    const forged = { ...last!, data: { ...last!.data, text: 'Bổ sung đủ số liệu' } } as StoredEvent;
    const rewrite = (db: Database.Database) =>
      db.prepare('UPDATE planlog_events SET data = ?, hash = ? WHERE position = 9').run(JSON.stringify(forged.data), hashEvent(returned!.hash, forged));
    expect(await verifyAfter(rewrite)).toMatchObject({ ok: true, checked: 9 });
    expect(await verifyAfter(rewrite, { expect: original.head })).toMatchObject({ ok: false, checked: 9, firstBad: { position: 9, reason: 'anchor mismatch' } });
  });

  it('the data of two events swapped: hash mismatch at the first', async () => {
    // Two reports of one task: each row stays a valid event, only the chain can tell.
    const swap = (db: Database.Database) => {
      const data = (position: number) => (db.prepare('SELECT data FROM planlog_events WHERE position = ?').get(position) as { data: string }).data;
      const [sixth, ninth] = [data(6), data(9)];
      db.prepare('UPDATE planlog_events SET data = ? WHERE position = ?').run(ninth, 6);
      db.prepare('UPDATE planlog_events SET data = ? WHERE position = ?').run(sixth, 9);
    };
    expect(await verifyAfter(swap)).toMatchObject({ ok: false, checked: 5, firstBad: { position: 6, reason: 'hash mismatch' } });
  });
});
