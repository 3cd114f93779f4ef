import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { EVENT_TYPES, isPlanlogError, PlanlogError, type Engine, type EventType } from '@planlog/core';
import { errorBody } from './errorResponse.js';

/** `Last-Event-ID` (the position of the last event the client has), checked: a whole number ≥ 0. */
function lastEventId(header: string | undefined): number {
  if (header === undefined || header === '') return 0;
  if (!/^\d{1,15}$/.test(header)) throw new PlanlogError('VALIDATION', 'Last-Event-ID: must be the position of an event (a whole number)', { field: 'Last-Event-ID' });
  return Number(header);
}

/** `?types=task.assigned,task.overdue`, checked against the log's vocabulary. */
function typesOf(value: string | undefined): EventType[] | undefined {
  if (value === undefined) return undefined;
  const types = value.split(',');
  for (const type of types) {
    if (!(EVENT_TYPES as string[]).includes(type)) throw new PlanlogError('VALIDATION', `types: ${JSON.stringify(type.slice(0, 60))} is not an event type`, { field: 'types' });
  }
  return types as EventType[];
}

/**
 * GET /events: the tenant's log as Server-Sent Events (`engine.subscribe`), the past after
 * `Last-Event-ID` then each event as it is appended. Each message: `id` = the event's position (what a
 * reconnecting client sends back as Last-Event-ID), `event` = its type, `data` = the stored event as
 * JSON. The subscription ends when the client goes; `done` is called once, then.
 */
export function eventStream(c: Context, engine: Engine, query: { types?: string | undefined }, done: () => void): Response {
  let subscription;
  const stop = new AbortController();
  try {
    const fromPosition = lastEventId(c.req.header('last-event-id')) + 1;
    const types = typesOf(query.types);
    subscription = engine.subscribe({ fromPosition, ...(types === undefined ? {} : { types }), signal: stop.signal });
  } catch (error) {
    done();
    throw error;
  }
  const events = subscription;
  return streamSSE(c, async (stream) => {
    stream.onAbort(() => stop.abort());
    try {
      for await (const event of events) {
        await stream.writeSSE({ id: String(event.position), event: event.type, data: JSON.stringify(event) });
      }
    } catch (error) {
      // The store failed under the stream: one last message in the error shape, then the stream ends.
      const body = isPlanlogError(error) ? errorBody(error.code, error.field, error.message) : errorBody('INTERNAL', null, 'the event stream failed');
      if (!stream.aborted) await stream.writeSSE({ event: 'planlog.error', data: JSON.stringify(body) }).catch(() => undefined);
    } finally {
      stop.abort();
      done();
    }
  });
}
