import type { StoredEvent } from '../schemas/events.js';
import { canonicalJson } from '../store/canonicalJson.js';
import type { EventStore } from '../store/EventStore.js';
import { eventsOfPlan, requirePlan } from './eventsOfPlan.js';

/** The name and version of planlog's export format, in its header line. */
export const EXPORT_FORMAT = 'planlog-events';
export const EXPORT_FORMAT_VERSION = 1;

/** The first line of an export. `planId: null` for the whole log. */
export type ExportHeader = { format: typeof EXPORT_FORMAT; version: number; planId: string | null; count: number };

export type ExportOptions = {
  /** Only this plan: its stream and its tasks' streams. Default: the whole log. */
  planId?: string;
};

/**
 * The log as NDJSON lines (without line ends): a header `{ format, version, planId, count }`, then
 * one stored event per line, exactly as stored (schema version, hash and all), in canonical JSON, in
 * global order. The export is the log up to the head position when it starts, even if appends follow.
 * A one-plan export takes two passes over the log (one to count, one to write); neither holds the log.
 */
export async function* exportLog(store: EventStore, options: ExportOptions = {}): AsyncGenerator<string> {
  const head = await store.headPosition();
  const planId = options.planId ?? null;
  let events: () => AsyncIterable<StoredEvent>;
  let count: number;
  if (planId === null) {
    events = async function* () {
      for await (const event of store.readAll()) {
        if (event.position > head) break;
        yield event;
      }
    };
    count = head;
  } else {
    await requirePlan(store, planId);
    events = () => eventsOfPlan(store, planId, { toPosition: head });
    count = 0;
    for await (const _event of events()) count++;
  }
  const header: ExportHeader = { format: EXPORT_FORMAT, version: EXPORT_FORMAT_VERSION, planId, count };
  yield canonicalJson(header);
  for await (const event of events()) yield canonicalJson(event);
}
