import type { StoredEvent } from '../schemas/events.js';
import { upcastEvent } from '../schemas/upcast.js';
import type { EventStore } from '../store/EventStore.js';
import type { TaskEntry } from './LiveState.js';
import { taskStream } from './streams.js';
import { toTaskView, type TaskView } from './views.js';

/** The texts of a task's reports, in order: read from its stream, since the live state keeps none. */
export async function reportTexts(store: EventStore, taskId: string): Promise<string[]> {
  return textsOf(await store.readStream(taskStream(taskId)));
}

/** The texts of the `task.reported` events among `events`, in order. */
export function textsOf(events: readonly StoredEvent[]): string[] {
  const texts: string[] = [];
  for (const stored of events) {
    if (stored.type !== 'task.reported') continue;
    const event = upcastEvent(stored);
    if (event.type === 'task.reported') texts.push(event.data.text);
  }
  return texts;
}

/** The views of these tasks with their reports' texts; only tasks with reports read their stream. */
export function taskViews(store: EventStore, entries: readonly TaskEntry[]): Promise<TaskView[]> {
  return Promise.all(
    entries.map(async (entry) => toTaskView(entry, entry.state.context.reports.length === 0 ? [] : await reportTexts(store, entry.state.context.taskId))),
  );
}
