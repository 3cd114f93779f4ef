import type { CommandName } from '../schemas/commands.js';
import type { StoredEvent } from '../schemas/events.js';
import type { CommandResult } from './handlers.js';
import { idOfStream, machineKindOf } from '../state/streams.js';

/**
 * A command's result, derived only from the events it appended, so that repeating its command id
 * gives an equal object.
 */
export function resultOf(command: CommandName, events: readonly StoredEvent[]): CommandResult {
  const result: CommandResult = { position: Math.max(...events.map((event) => event.position)) };
  const first = events[0]!;
  if (first.type === 'task.added') {
    result.taskId = first.data.taskId;
    result.planId = first.data.planId;
  } else if (machineKindOf(first.type) === 'plan') {
    result.planId = idOfStream(first.streamId);
  } else {
    result.taskId = idOfStream(first.streamId);
  }
  const requested = events.find((event) => event.type === 'report.requested');
  if (command === 'requestReport' && requested?.type === 'report.requested') result.requestId = requested.data.requestId;
  return result;
}
