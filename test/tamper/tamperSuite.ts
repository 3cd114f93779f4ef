import { verifyLog, type EventStore, type VerifyAnchor } from '@planlog/core';
import { GENESIS_HASH, hashBytes, type CommandIndexEntry, type StoredRecord } from '@planlog/core/store';
import { writeSampleLog } from '@planlog/core/testing';
import { describe, expect, it } from 'vitest';

/**
 * Raw write access to a store's tables, as someone with the database file or password has: what
 * each attack below uses. Positions are the log's.
 */
export type RawLog = {
  /** Set the stored bytes and the hash of the event at `position`. */
  setEvent(position: number, bytes: string, hash: string): Promise<void>;
  /** Set an index column of the event at `position`. */
  setColumn(position: number, column: 'streamId' | 'version' | 'commandId', value: string | number): Promise<void>;
  /** Delete the events from `position` on (and move a head row back, as a careful tamperer would). */
  truncateFrom(position: number): Promise<void>;
  deleteCommand(commandId: string): Promise<void>;
  insertCommand(entry: CommandIndexEntry): Promise<void>;
};

export type TamperFixture = { store: EventStore; raw: RawLog; close(): Promise<void> };

type Log = { records: StoredRecord[]; index: CommandIndexEntry[]; anchor: VerifyAnchor };

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Give the event at `position` new bytes and recompute every hash from there to the head, as a tamperer who knows the rule would. */
async function rewrite(raw: RawLog, log: Log, position: number, bytes: string, options: { rehash: boolean }) {
  if (!options.rehash) return raw.setEvent(position, bytes, log.records[position - 1]!.hash);
  let prev = position === 1 ? GENESIS_HASH : log.records[position - 2]!.hash;
  for (const record of log.records.slice(position - 1)) {
    const next = record.position === position ? bytes : record.bytes;
    const hash = hashBytes(prev, next);
    await raw.setEvent(record.position, next, hash);
    prev = hash;
  }
}

type Attack = {
  name: string;
  /** What the attack changes, given the intact log. */
  run(raw: RawLog, log: Log): Promise<void>;
  /** The first position the attack changed, and how verify names it (without an anchor and with one). */
  position: number;
  reason: RegExp;
  /** With the head's anchor, when it reads otherwise. */
  anchored?: { position: number; reason: RegExp };
};

const REPORT = 6; // task.reported "Đã rà soát 40%"
const NOT_CANONICAL = /^not canonical: /;

/** The bytes of the event at `position` with `from` replaced by `to` (which must change them). */
function edited(log: Log, position: number, from: string | RegExp, to: string): string {
  const bytes = log.records[position - 1]!.bytes;
  const next = bytes.replace(from, to);
  expect(next).not.toBe(bytes);
  return next;
}

/** Every attack of issue #14 on a stored log, each detected at the first position it changed. */
export const ATTACKS: Attack[] = [
  {
    name: 'one byte of data edited (hash left)',
    run: (raw, log) => rewrite(raw, log, REPORT, edited(log, REPORT, '40%', '90%'), { rehash: false }),
    position: REPORT,
    reason: /^hash mismatch$/,
  },
  {
    name: 'one byte of data edited, every later hash recomputed',
    run: (raw, log) => rewrite(raw, log, REPORT, edited(log, REPORT, '40%', '90%'), { rehash: true }),
    // Bytes planlog could have written: only the anchor can tell, at the anchored position.
    position: 0,
    reason: /./,
    anchored: { position: 9, reason: /^anchor mismatch$/ },
  },
  {
    name: 'NFC → NFD in a string (hash left)',
    run: (raw, log) => rewrite(raw, log, REPORT, edited(log, REPORT, 'Đã rà soát', 'Đã rà soát'.normalize('NFD')), { rehash: false }),
    position: REPORT,
    reason: /^hash mismatch$/,
  },
  {
    name: 'NFC → NFD in a string, every later hash recomputed',
    run: (raw, log) => rewrite(raw, log, REPORT, edited(log, REPORT, 'Đã rà soát', 'Đã rà soát'.normalize('NFD')), { rehash: true }),
    // A text is stored exactly as sent (an NFD report text is one planlog could have written): only
    // the anchor can tell. A unit name is NFC by its schema, so an NFD one is not canonical (below).
    position: 0,
    reason: /./,
    anchored: { position: 9, reason: /^anchor mismatch$/ },
  },
  {
    name: 'NFC → NFD in a unit name, every later hash recomputed',
    run: (raw, log) => rewrite(raw, log, 1, edited(log, 1, '"name":"Sở Tư pháp"', `"name":"${'Sở Tư pháp'.normalize('NFD')}"`), { rehash: true }),
    position: 1,
    reason: NOT_CANONICAL,
  },
  {
    name: 'a letter written as an escape JSON.stringify would not write, every later hash recomputed',
    run: (raw, log) => rewrite(raw, log, 1, edited(log, 1, 'Kế hoạch', 'K\\u1ebf hoạch'), { rehash: true }),
    position: 1,
    reason: NOT_CANONICAL,
  },
  {
    name: 'an extra key, every later hash recomputed',
    run: (raw, log) => rewrite(raw, log, REPORT, edited(log, REPORT, '{"actor":{', '{"actor":{"role":"issuer",'), { rehash: true }),
    position: REPORT,
    reason: NOT_CANONICAL,
  },
  {
    name: 'an extra top-level key, every later hash recomputed',
    run: (raw, log) => rewrite(raw, log, REPORT, edited(log, REPORT, '"id":', '"forged":true,"id":'), { rehash: true }),
    position: REPORT,
    reason: NOT_CANONICAL,
  },
  {
    name: 'white space around an id, every later hash recomputed',
    run: (raw, log) => rewrite(raw, log, REPORT, edited(log, REPORT, /"unitId":"([^"]+)"/, '"unitId":" $1 "'), { rehash: true }),
    position: REPORT,
    reason: /^(not canonical|invalid event): /,
  },
  {
    name: 'reformatted JSON (same content), every later hash recomputed',
    run: (raw, log) => rewrite(raw, log, REPORT, JSON.stringify(JSON.parse(log.records[REPORT - 1]!.bytes), null, 1), { rehash: true }),
    position: REPORT,
    reason: NOT_CANONICAL,
  },
  {
    name: 'keys reordered (same content), every later hash recomputed',
    run: (raw, log) => {
      const { data, ...rest } = JSON.parse(log.records[REPORT - 1]!.bytes) as Record<string, unknown>;
      return rewrite(raw, log, REPORT, JSON.stringify({ data, ...rest }), { rehash: true });
    },
    position: REPORT,
    reason: NOT_CANONICAL,
  },
  {
    name: 'two events reordered (bytes and hashes swapped)',
    run: async (raw, log) => {
      const [a, b] = [log.records[6]!, log.records[8]!]; // positions 7 and 9: two final reports of one task
      await raw.setEvent(7, b.bytes, b.hash);
      await raw.setEvent(9, a.bytes, a.hash);
    },
    position: 7,
    reason: /^hash mismatch$/,
  },
  {
    name: 'an event filed under another stream (its column)',
    run: (raw) => raw.setColumn(REPORT, 'streamId', 'task-forged'),
    position: REPORT,
    reason: /streamId|another stream/,
  },
  {
    name: 'an event filed under another command id (its column)',
    run: (raw) => raw.setColumn(REPORT, 'commandId', 'cmd-forged'),
    position: REPORT,
    reason: /commandId|another command id/,
  },
  {
    name: 'a commands row deleted (the command id could be used again)',
    run: (raw, log) => raw.deleteCommand(log.records[REPORT - 1]!.commandId),
    position: REPORT,
    reason: /^command index: no entry for command /,
  },
  {
    name: 'a commands row added for a command that never ran',
    run: (raw) => raw.insertCommand({ commandId: 'cmd-forged', firstPosition: REPORT, lastPosition: REPORT }),
    position: REPORT,
    reason: /^command index: /,
  },
  {
    name: "a commands row's span edited",
    run: async (raw, log) => {
      const entry = log.index.find((candidate) => candidate.firstPosition === REPORT)!;
      await raw.deleteCommand(entry.commandId);
      await raw.insertCommand({ ...entry, lastPosition: REPORT + 1 });
    },
    position: REPORT + 1,
    reason: /^command index: /,
  },
  {
    name: 'the tail truncated, its commands rows left',
    run: (raw) => raw.truncateFrom(8),
    position: 8,
    reason: /^command index: /,
    anchored: { position: 8, reason: /^missing events$/ },
  },
  {
    name: 'the tail truncated with its commands rows (a careful tamperer)',
    run: async (raw, log) => {
      await raw.truncateFrom(8);
      for (const entry of log.index.filter((candidate) => candidate.firstPosition >= 8)) await raw.deleteCommand(entry.commandId);
    },
    // An intact, shorter log: only the anchor can tell.
    position: 0,
    reason: /./,
    anchored: { position: 8, reason: /^missing events$/ },
  },
];

/** Run every attack on a fresh sample log of the store `open` gives, without and with the head's anchor. */
export function describeTamperSuite(name: string, open: () => Promise<TamperFixture>): void {
  describe(`tamper suite: ${name}`, () => {
    for (const attack of ATTACKS) {
      it(attack.name, async () => {
        const fixture = await open();
        try {
          await writeSampleLog(fixture.store);
          const intact = await verifyLog(fixture.store);
          expect(intact).toMatchObject({ ok: true, checked: 9 });
          const log: Log = {
            records: await collect(fixture.store.readRecords()),
            index: await collect(fixture.store.readCommandIndex()),
            anchor: { position: intact.checked, hash: intact.headHash },
          };
          await attack.run(fixture.raw, log);
          const plain = await verifyLog(fixture.store);
          const anchored = await verifyLog(fixture.store, { expect: log.anchor });
          if (attack.position === 0) expect(plain.ok).toBe(true);
          else {
            expect(plain.ok).toBe(false);
            expect(plain.firstBad!.position).toBe(attack.position);
            expect(plain.firstBad!.reason).toMatch(attack.reason);
          }
          const withAnchor = attack.anchored ?? { position: attack.position, reason: attack.reason };
          expect(anchored.ok).toBe(false);
          expect(anchored.firstBad!.position).toBe(withAnchor.position);
          expect(anchored.firstBad!.reason).toMatch(withAnchor.reason);
        } finally {
          await fixture.close();
        }
      });
    }
  });
}
