import { createHash } from 'node:crypto';
import type { CommandName } from '../schemas/commands.js';

/** JSON with every object's keys sorted and strings exactly as they are (no normalisation): equal only for equal values. */
function exactJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(exactJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${exactJson((value as Record<string, unknown>)[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * What binds a command id to its command (design §3.2): SHA-256 (hex) of the command's name and its
 * parsed input (the actor included, the command id left out), keys sorted, strings exact. Repeating a
 * command id replays the first result only when this is the same; anything else is CONFLICT.
 */
export function commandFingerprint(command: CommandName, input: { commandId?: string }): string {
  const { commandId: _ignored, ...rest } = input;
  return createHash('sha256').update(exactJson({ command, input: rest })).digest('hex');
}
