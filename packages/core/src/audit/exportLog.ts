import { planStream } from '../state/streams.js';
import type { StoredEvent } from '../schemas/events.js';
import { upcastEvent } from '../schemas/upcast.js';
import { canonicalJson } from '../store/canonicalJson.js';
import type { EventStore } from '../store/EventStore.js';
import { GENESIS_HASH } from '../store/hashEvent.js';
import type { StoredRecord } from '../store/StoredRecord.js';
import { requirePlan } from './eventsOfPlan.js';

/** The name and version of planlog's export format, in its header line. */
export const EXPORT_FORMAT = 'planlog-events';
export const EXPORT_FORMAT_VERSION = 2;

/** The first line of an export. `planId: null` for the whole log. */
export type ExportHeader = { format: typeof EXPORT_FORMAT; version: number; planId: string | null; count: number };

export type ExportOptions = {
  /** Only this plan: its stream and its tasks' streams. Default: the whole log. */
  planId?: string;
};

/**
 * One event's line: its position, the hash before it, its hash, and the exact bytes stored for it,
 * verbatim, as the value of `event` (always last, so the bytes are the line from `,"event":` to the
 * closing brace): `{"position":7,"prevHash":"…","hash":"…","event":{…}}`.
 */
export function exportLine(record: StoredRecord, prevHash: string): string {
  return `{"position":${record.position},"prevHash":"${prevHash}","hash":"${record.hash}","event":${record.bytes}}`;
}

/** Whether the stored event of `record` adds a task to `planId` (a plan export's task streams). */
function addsTaskTo(record: StoredRecord, planId: string): boolean {
  if (!record.bytes.includes('"type":"task.added"')) return false;
  try {
    const event = upcastEvent(JSON.parse(record.bytes) as StoredEvent);
    return event.type === 'task.added' && (event as StoredEvent<'task.added'>).data.planId === planId;
  } catch {
    return false; // an event that does not read belongs to no plan; verify names it
  }
}

/**
 * The log as NDJSON lines (without line ends): a header `{ format, version, planId, count }`, then
 * one line per event (`exportLine`): the bytes exactly as stored, with position, previous hash and
 * hash, in global order. Each line can be checked alone (hash = SHA-256(prevHash ‖ event bytes)) and
 * the lines of consecutive positions chain. The export is the log up to the head position when it
 * starts, even if appends follow. A one-plan export (its stream and its tasks' streams) takes two
 * passes over the log (one to count, one to write); neither holds the log.
 */
export async function* exportLog(store: EventStore, options: ExportOptions = {}): AsyncGenerator<string> {
  const head = await store.headPosition();
  const planId = options.planId ?? null;
  if (planId !== null) await requirePlan(store, planId);
  const own = planId === null ? null : planStream(planId);
  async function* lines(): AsyncGenerator<string> {
    const taskStreams = new Set<string>();
    let prevHash = GENESIS_HASH;
    for await (const record of store.readRecords()) {
      if (record.position > head) break;
      if (planId !== null && addsTaskTo(record, planId)) taskStreams.add(record.streamId);
      if (own === null || record.streamId === own || taskStreams.has(record.streamId)) yield exportLine(record, prevHash);
      prevHash = record.hash;
    }
  }
  let count = head;
  if (planId !== null) {
    count = 0;
    for await (const _line of lines()) count++;
  }
  const header: ExportHeader = { format: EXPORT_FORMAT, version: EXPORT_FORMAT_VERSION, planId, count };
  yield canonicalJson(header);
  yield* lines();
}
