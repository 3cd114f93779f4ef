import { join } from 'node:path';
import { verifyLog, type StoredEvent } from '@planlog/core';
import { eventBytes, hashEvent } from '@planlog/core/store';
import { writeSampleLog } from '@planlog/core/testing';
import { sqliteStore } from '@planlog/sqlite';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDirs } from './tempDir.js';

const tempDir = tempDirs();
let original: { file: string; head: { position: number; hash: string } };
beforeAll(async () => {
  const file = join(tempDir(), 'plans.db');
  const store = sqliteStore({ file });
  await writeSampleLog(store);
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
    const sql = "UPDATE planlog_events SET event = replace(event, '40%', '90%') WHERE position = 6";
    expect(await verifyAfter(sql)).toMatchObject({ ok: false, checked: 5, firstBad: { position: 6, reason: 'hash mismatch' } });
  });

  it('bytes that are no longer JSON: verify names the position instead of throwing; reads refuse them with STORE', async () => {
    const result = await verifyAfter('UPDATE planlog_events SET event = substr(event, 2) WHERE position = 7');
    expect(result).toMatchObject({ ok: false, checked: 6, firstBad: { position: 7, reason: 'hash mismatch' } });
    const file = join(tempDir(), 'broken.db');
    const db = new Database(original.file, { readonly: true });
    await db.backup(file);
    db.close();
    const store = sqliteStore({ file });
    store.database.exec('UPDATE planlog_events SET event = substr(event, 2) WHERE position = 7');
    const read = async () => {
      for await (const _event of store.readAll()) void _event;
    };
    await expect(read()).rejects.toMatchObject({ code: 'STORE', message: expect.stringMatching(/position 7 holds malformed JSON/) });
    await store.close();
  });

  it('the newest event deleted: the command index still names it; with its row deleted too, only the anchor tells', async () => {
    const sql = 'DELETE FROM planlog_events WHERE position = (SELECT max(position) FROM planlog_events)';
    expect(await verifyAfter(sql)).toMatchObject({ ok: false, checked: 8, firstBad: { position: 9, reason: expect.stringMatching(/^command index: /) } });
    const both = `${sql}; DELETE FROM planlog_commands WHERE first_position = 9`;
    expect(await verifyAfter(both)).toMatchObject({ ok: true, checked: 8 });
    expect(await verifyAfter(both, { expect: original.head })).toMatchObject({ ok: false, checked: 8, firstBad: { position: 9, reason: 'missing events' } });
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
      db.prepare('UPDATE planlog_events SET event = ?, hash = ? WHERE position = 9').run(eventBytes(forged), hashEvent(returned!.hash, forged));
    expect(await verifyAfter(rewrite)).toMatchObject({ ok: true, checked: 9 });
    expect(await verifyAfter(rewrite, { expect: original.head })).toMatchObject({ ok: false, checked: 9, firstBad: { position: 9, reason: 'anchor mismatch' } });
  });

  it('the bytes of two events swapped: hash mismatch at the first', async () => {
    // Two reports of one task: each row stays a valid event, only the chain can tell.
    const swap = (db: Database.Database) => {
      const bytes = (position: number) => (db.prepare('SELECT event FROM planlog_events WHERE position = ?').get(position) as { event: string }).event;
      const [sixth, ninth] = [bytes(6), bytes(9)];
      db.prepare('UPDATE planlog_events SET event = ? WHERE position = ?').run(ninth, 6);
      db.prepare('UPDATE planlog_events SET event = ? WHERE position = ?').run(sixth, 9);
    };
    expect(await verifyAfter(swap)).toMatchObject({ ok: false, checked: 5, firstBad: { position: 6, reason: 'hash mismatch' } });
  });
});
