import type { AppendResult, StoredEvent } from '@planlog/core';
import { checkExpectedVersion, commandConflict, sealEvent, type ValidatedAppend } from '@planlog/core/store';
import type { Database } from 'better-sqlite3';
import { EVENT_COLUMNS } from './eventRow.js';
import { prepareHeadPosition } from './headPosition.js';
import { prepareStreamVersion } from './streamVersion.js';

/**
 * Append one caller's stream appends. Must run inside a transaction (the store runs it in a savepoint
 * of the group commit): it checks every expected version, then every command id, and only then
 * writes, so a refusal throws before anything is inserted and the savepoint drops nothing of others.
 */
export function prepareAppendToStream(db: Database): (appends: readonly ValidatedAppend[], fingerprint?: string) => AppendResult[] {
  const head = prepareHeadPosition(db);
  const streamVersion = prepareStreamVersion(db);
  const commandKnown = db.prepare('SELECT 1 FROM planlog_commands WHERE command_id = ?').pluck();
  const insertEvent = db.prepare(`INSERT INTO planlog_events (${EVENT_COLUMNS}) VALUES (${EVENT_COLUMNS.split(', ').map(() => '?').join(', ')})`);
  const insertCommand = db.prepare('INSERT INTO planlog_commands (command_id, first_position, last_position, fingerprint) VALUES (?, ?, ?, ?)');

  return (appends, fingerprint) => {
    const versions = appends.map((append) => {
      const current = streamVersion(append.streamId);
      checkExpectedVersion(append.streamId, current, append.expectedVersion);
      return current;
    });
    const spans = new Map<string, { first: number; last: number }>();
    for (const append of appends) {
      for (const event of append.events) {
        if (!spans.has(event.commandId) && commandKnown.get(event.commandId) !== undefined) throw commandConflict(event.commandId);
        spans.set(event.commandId, { first: 0, last: 0 });
      }
    }
    let { position, hash } = head();
    const results = appends.map((append, index): AppendResult => {
      let version = versions[index]!;
      const events = append.events.map((event): StoredEvent => {
        const { event: stored, bytes } = sealEvent(event, append.streamId, ++version, ++position, hash);
        hash = stored.hash;
        insertEvent.run(stored.position, stored.streamId, stored.version, stored.commandId, bytes, stored.hash);
        const span = spans.get(stored.commandId)!;
        if (span.first === 0) span.first = stored.position;
        span.last = stored.position;
        return stored;
      });
      return { streamId: append.streamId, version, position: events.at(-1)?.position ?? null, events };
    });
    for (const [commandId, span] of spans) insertCommand.run(commandId, span.first, span.last, fingerprint ?? null);
    return results;
  };
}
