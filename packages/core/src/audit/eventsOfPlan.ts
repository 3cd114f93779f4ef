import { PlanlogError } from '../base/errors.js';
import type { StoredEvent } from '../schemas/events.js';
import { upcastEvent } from '../schemas/upcast.js';
import type { EventStore } from '../store/EventStore.js';
import { planStream } from '../state/streams.js';

/** Refuse with `NOT_FOUND` (naming `field`) when the plan has no stream. */
export async function requirePlan(store: EventStore, planId: string, field = 'planId'): Promise<void> {
  if ((await store.streamVersion(planStream(planId))) === 0) {
    throw new PlanlogError('NOT_FOUND', `${field}: no plan ${planId}`, { field });
  }
}

/**
 * The events of one plan in global order, as stored: its own stream and the streams of its tasks
 * (a task belongs to the plan its `task.added` names). One pass over the log up to `toPosition`;
 * memory holds only the plan's task stream ids.
 */
export async function* eventsOfPlan(store: EventStore, planId: string, options: { toPosition?: number } = {}): AsyncGenerator<StoredEvent> {
  const own = planStream(planId);
  const taskStreams = new Set<string>();
  for await (const event of store.readAll()) {
    if (options.toPosition !== undefined && event.position > options.toPosition) break;
    if (event.type === 'task.added' && (upcastEvent(event) as StoredEvent<'task.added'>).data.planId === planId) taskStreams.add(event.streamId);
    if (event.streamId === own || taskStreams.has(event.streamId)) yield event;
  }
}
