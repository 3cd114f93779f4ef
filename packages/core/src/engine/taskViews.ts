import type { CompiledState } from '../machines/compileMachine.js';
import { evolveCompiled } from '../machines/evolve.js';
import type { TaskContext } from '../machines/taskMachine.js';
import { upcastEvent } from '../schemas/upcast.js';
import { compiledTask } from '../machines/compiledMachines.js';
import type { EventStore } from '../store/EventStore.js';
import { taskEntry, type LiveState, type TaskEntry } from '../state/LiveState.js';
import { taskStream } from '../state/streams.js';
import { toTaskView, type TaskView } from '../state/views.js';

/**
 * The view of a task at its entry's version, with every report and its text: a task with no report
 * is shown from the entry; the others from their stream, read and folded again through the compiled
 * machines up to that version (the live state keeps neither the texts nor every report's record).
 */
async function taskView(store: EventStore, live: LiveState, entry: TaskEntry): Promise<TaskView> {
  const { taskId } = entry.machineState.context;
  if (entry.machineState.context.reports.length === 0 && !live.trimmedReports.has(taskId)) return toTaskView(entry);
  let folded: CompiledState<TaskContext> = compiledTask.initial;
  for (const event of await store.readStream(taskStream(taskId))) {
    if (event.version > entry.version) break;
    // The rules in force for the task now, and any other carried version for an event they refuse (as the live fold does).
    const next = evolveCompiled('task', entry.rules, folded, upcastEvent(event));
    if (next === null) throw new Error(`the log holds an event no version of its machine accepts: ${event.type} at position ${event.position} (stream ${event.streamId})`);
    folded = next.machineState;
  }
  return toTaskView(taskEntry(folded, entry.version, entry.rules));
}

/** The views of these tasks of `live`, with their reports and texts (`taskView`). */
export function taskViews(store: EventStore, live: LiveState, entries: readonly TaskEntry[]): Promise<TaskView[]> {
  return Promise.all(entries.map((entry) => taskView(store, live, entry)));
}
