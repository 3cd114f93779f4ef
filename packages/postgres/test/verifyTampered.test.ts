import { verifyLog, type StoredEvent, type VerifyAnchor } from '@planlog/core';
import { eventBytes, hashEvent } from '@planlog/core/store';
import { writeSampleLog } from '@planlog/core/testing';
import { describe, expect, it } from 'vitest';
import { postgresStore, schemaNames, type SchemaNames } from '../src/index.js';
import { usePostgres } from './usePostgres.js';

// One embedded server for the file; each test writes the log in a fresh schema and changes it there
// with plain SQL, as someone with the database password could.

const { server, admin } = usePostgres();

/** A fresh log of 9 events, the anchor a verify gave for it, and `verify` to run after tampering. */
async function freshLog() {
  const schema = server().freshSchema();
  const store = postgresStore({ connectionString: server().url, max: 2 }, { schema });
  await store.ready();
  await writeSampleLog(store);
  const intact = await verifyLog(store);
  expect(intact).toMatchObject({ ok: true, checked: 9 });
  const anchor: VerifyAnchor = { position: intact.checked, hash: intact.headHash };
  const names: SchemaNames = schemaNames(schema);
  return {
    store,
    anchor,
    names,
    async verify(expectAnchor?: VerifyAnchor) {
      return verifyLog(store, expectAnchor ? { expect: expectAnchor } : {});
    },
  };
}

describe('verifyLog on a PostgreSQL log changed behind planlog', () => {
  it('one byte changed in the data of one event: hash mismatch at its position', async () => {
    const log = await freshLog();
    await admin().query(`UPDATE ${log.names.events} SET event = replace(event, 'Đã rà soát 40%', 'Đã rà soát 90%') WHERE position = 6`);
    expect(await log.verify()).toMatchObject({ ok: false, checked: 5, firstBad: { position: 6, reason: 'hash mismatch' } });
    await log.store.close();
  });

  it('the newest event deleted and the head moved back: the chain is intact, the anchor is not in the log', async () => {
    const log = await freshLog();
    await admin().query(`DELETE FROM ${log.names.events} WHERE position = 9`);
    // Only the head row still remembers 9 events: verify notices the log ends before it.
    expect(await log.verify()).toMatchObject({ ok: false, checked: 8, firstBad: { position: 9, reason: 'missing events' } });
    await admin().query(`UPDATE ${log.names.head} SET position = 8, hash = (SELECT hash FROM ${log.names.events} WHERE position = 8)`);
    // The command index still names position 9; with its row deleted too, only the anchor tells.
    expect(await log.verify()).toMatchObject({ ok: false, checked: 8, firstBad: { position: 9, reason: expect.stringMatching(/^command index: /) } });
    await admin().query(`DELETE FROM ${log.names.commands} WHERE first_position = 9`);
    expect(await log.verify()).toMatchObject({ ok: true, checked: 8 });
    expect(await log.verify(log.anchor)).toMatchObject({ ok: false, checked: 8, firstBad: { position: 9, reason: 'missing events' } });
    await log.store.close();
  });

  it('the newest event rewritten with a fresh hash: the chain is intact, the anchor is not', async () => {
    const log = await freshLog();
    const tail: StoredEvent[] = [];
    for await (const event of log.store.readAll({ fromPosition: 8 })) tail.push(event);
    const [returned, last] = tail;
    const forged = { ...last!, data: { ...last!.data, text: 'Bổ sung đủ số liệu' } } as StoredEvent;
    const hash = hashEvent(returned!.hash, forged);
    await admin().query(`UPDATE ${log.names.events} SET event = $1, hash = $2 WHERE position = 9`, [eventBytes(forged), hash]);
    await admin().query(`UPDATE ${log.names.head} SET hash = $1`, [hash]);
    expect(await log.verify()).toMatchObject({ ok: true, checked: 9 });
    expect(await log.verify(log.anchor)).toMatchObject({ ok: false, checked: 9, firstBad: { position: 9, reason: 'anchor mismatch' } });
    await log.store.close();
  });

  it('the bytes of two events swapped: hash mismatch at the first', async () => {
    const log = await freshLog();
    // Two reports of one task: each row stays a valid event, only the chain can tell. The statement
    // reads the rows as they were before it, so this is a true swap.
    await admin().query(
      `UPDATE ${log.names.events} AS e SET event = o.event FROM ${log.names.events} AS o
        WHERE (e.position, o.position) IN ((6, 9), (9, 6))`,
    );
    expect(await log.verify()).toMatchObject({ ok: false, checked: 5, firstBad: { position: 6, reason: 'hash mismatch' } });
    await log.store.close();
  });

  it('a row changed so that it no longer matches its schema: reads refuse it with STORE naming the position, verify names it', async () => {
    const log = await freshLog();
    await admin().query(`UPDATE ${log.names.events} SET event = replace(event, '"text":"Đã rà soát 40%"', '"text":""') WHERE position = 6`);
    const streamId = (await admin().query(`SELECT stream_id FROM ${log.names.events} WHERE position = 6`)).rows[0].stream_id as string;
    await expect(log.store.readStream(streamId)).rejects.toMatchObject({ code: 'STORE', message: expect.stringMatching(/the event at position 6 does not match its schema: data\.text/) });
    expect(await log.verify()).toMatchObject({ ok: false, checked: 5, firstBad: { position: 6, reason: 'hash mismatch' } });
    await log.store.close();
  });
});
