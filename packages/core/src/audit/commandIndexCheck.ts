import type { CommandIndexEntry } from '../store/StoredRecord.js';
import type { ChainBreak } from './chainCheck.js';

export type CommandIndexCheck = {
  /** The event at `position` (checked by `chainCheck`) is of `commandId`: null when the index agrees. */
  next(position: number, commandId: string): Promise<ChainBreak | null>;
  /** After the last event (`head`): null when no index entry is left over. */
  end(head: number): Promise<ChainBreak | null>;
};

/**
 * The command index (a store's `planlog_commands`) checked against the log, merged in one pass: the
 * index is read in order of first position, the events in log order. Each command's events must
 * have exactly one entry, starting at its first event and ending at its last, and no entry may name
 * positions without that command. A deleted entry (which would let the command id be used again), an
 * added or an edited one is reported at the first position it concerns. Memory: the commands whose
 * events are still to come (one, unless events of several commands interleave in one append).
 */
export function commandIndexCheck(index: AsyncIterable<CommandIndexEntry>): CommandIndexCheck {
  const iterator = index[Symbol.asyncIterator]();
  let ahead: CommandIndexEntry | null | undefined; // undefined: not read yet; null: no more entries
  const peek = async () => {
    if (ahead === undefined) {
      const step = await iterator.next();
      ahead = step.done ? null : step.value;
    }
    return ahead;
  };
  /** Commands started and not yet at their last position, with that last position. */
  const open = new Map<string, number>();
  const bad = (position: number, why: string): ChainBreak => ({ position, reason: `command index: ${why}` });

  return {
    async next(position, commandId) {
      if (!open.has(commandId)) {
        const entry = await peek();
        if (entry === null || entry.firstPosition !== position || entry.commandId !== commandId) {
          return bad(position, `no entry for command ${commandId} starting at position ${position}`);
        }
        ahead = undefined;
        if (entry.lastPosition < position) return bad(position, `the entry for command ${commandId} ends before it starts`);
        open.set(commandId, entry.lastPosition);
      }
      for (const [other, last] of open) {
        if (last === position && other !== commandId) return bad(position, `the entry for command ${other} ends at position ${position}, an event of command ${commandId}`);
      }
      if (open.get(commandId) === position) open.delete(commandId);
      const entry = await peek();
      if (entry !== null && entry.firstPosition <= position) {
        return bad(entry.firstPosition, `the entry for command ${entry.commandId} names position ${entry.firstPosition}, which holds no event of it`);
      }
      return null;
    },
    async end(head) {
      for (const [commandId, last] of open) return bad(head + 1, `the entry for command ${commandId} runs to position ${last}, past the log's end`);
      const entry = await peek();
      if (entry !== null) return bad(entry.firstPosition, `the entry for command ${entry.commandId} names position ${entry.firstPosition}, which holds no event of it`);
      await iterator.return?.();
      return null;
    },
  };
}
