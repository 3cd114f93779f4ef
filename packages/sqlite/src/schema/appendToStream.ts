import { type AppendResult, type ExpectedVersion, type NewEvent, type StoredEvent } from '@planlog/core';
import { checkExpectedVersion, commandConflict, sealEvent } from '@planlog/core/store';
import type { Database } from 'better-sqlite3';
import { EVENT_COLUMNS } from './eventRow.js';
import { prepareHeadPosition } from './headPosition.js';
import { prepareStreamVersion } from './streamVersion.js';

/** An append request already validated, its events in their validated form. */
export type ValidatedRequest = { streamId: string; events: NewEvent[]; expectedVersion: ExpectedVersion };

/**
 * Append one caller's requests. Must run inside a transaction (the store runs it in a savepoint
 * of the group commit): it checks every expected version, then every command id, and only then
 * writes, so a refusal throws before anything is inserted and the savepoint drops nothing of others.
 */
export function prepareAppendToStream(db: Database): (requests: readonly ValidatedRequest[], fingerprint?: string) => AppendResult[] {
  const head = prepareHeadPosition(db);
  const streamVersion = prepareStreamVersion(db);
  const commandKnown = db.prepare('SELECT 1 FROM planlog_commands WHERE command_id = ?').pluck();
  const insertEvent = db.prepare(`INSERT INTO planlog_events (${EVENT_COLUMNS}) VALUES (${EVENT_COLUMNS.split(', ').map(() => '?').join(', ')})`);
  const insertCommand = db.prepare('INSERT INTO planlog_commands (command_id, first_position, last_position, fingerprint) VALUES (?, ?, ?, ?)');

  return (requests, fingerprint) => {
    const versions = requests.map((request) => {
      const current = streamVersion(request.streamId);
      checkExpectedVersion(request.streamId, current, request.expectedVersion);
      return current;
    });
    const spans = new Map<string, { first: number; last: number }>();
    for (const request of requests) {
      for (const event of request.events) {
        if (!spans.has(event.commandId) && commandKnown.get(event.commandId) !== undefined) throw commandConflict(event.commandId);
        spans.set(event.commandId, { first: 0, last: 0 });
      }
    }
    let { position, hash } = head();
    const results = requests.map((request, index): AppendResult => {
      let version = versions[index]!;
      const events = request.events.map((event): StoredEvent => {
        const { event: stored, bytes } = sealEvent(event, request.streamId, ++version, ++position, hash);
        hash = stored.hash;
        insertEvent.run(stored.position, stored.streamId, stored.version, stored.commandId, bytes, stored.hash);
        const span = spans.get(stored.commandId)!;
        if (span.first === 0) span.first = stored.position;
        span.last = stored.position;
        return stored;
      });
      return { streamId: request.streamId, version, position: events.at(-1)?.position ?? null, events };
    });
    for (const [commandId, span] of spans) insertCommand.run(commandId, span.first, span.last, fingerprint ?? null);
    return results;
  };
}
