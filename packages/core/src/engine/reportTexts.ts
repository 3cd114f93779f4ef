import type { CompiledState } from '../machines/compileMachine.js';
import type { TaskContext } from '../machines/taskMachine.js';
import type { StoredEvent } from '../schemas/events.js';
import { upcastEvent } from '../schemas/upcast.js';
import { compiledTask } from '../snapshots/compiledMachines.js';
import type { EventStore } from '../store/EventStore.js';
import { taskEntry, type LiveState, type TaskEntry } from './LiveState.js';
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

/**
 * The view of a task at its entry's version, with every report and its text: a task with no report
 * is shown from the entry; the others from their stream, read and folded again through the compiled
 * machine up to that version (the live state keeps neither the texts nor every report's record).
 */
async function taskView(store: EventStore, state: LiveState, entry: TaskEntry): Promise<TaskView> {
  const { taskId } = entry.state.context;
  if (entry.state.context.reports.length === 0 && !state.trimmedReports.has(taskId)) return toTaskView(entry, []);
  const events = (await store.readStream(taskStream(taskId))).filter((event) => event.version <= entry.version);
  let folded: CompiledState<TaskContext> = compiledTask.initial;
  for (const event of events) {
    const next = compiledTask.step(folded, upcastEvent(event));
    if (next === null) throw new Error(`the log holds an event its machine refuses: ${event.type} at position ${event.position} (stream ${event.streamId})`);
    folded = next;
  }
  return toTaskView(taskEntry(folded, entry.version), textsOf(events));
}

/** The views of these tasks of `state`, with their reports and texts (`taskView`). */
export function taskViews(store: EventStore, state: LiveState, entries: readonly TaskEntry[]): Promise<TaskView[]> {
  return Promise.all(entries.map((entry) => taskView(store, state, entry)));
}
