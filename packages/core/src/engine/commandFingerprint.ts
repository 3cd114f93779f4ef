import type { CommandName } from '../schemas/commands.js';
import { sha256 } from '../store/hashEvent.js';

/**
 * JSON with every object's keys sorted and strings exactly as they are (no normalisation): equal only
 * for equal values. Members whose value is `undefined` are left out; anything JSON has no text for
 * is `null`. (Written as loops: it runs on every command.)
 */
function exactJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + exactJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${exactJson(member)}`;
  }
  return `${out}}`;
}

/**
 * What binds a command id to its command (design §3.2): SHA-256 (hex) of the command's name and its
 * parsed input (the actor included, the command id left out), keys sorted, strings exact. Repeating a
 * command id replays the first result only when this is the same; anything else is CONFLICT.
 * Fingerprints are stored with the command index: this text must never change.
 */
export function commandFingerprint(command: CommandName, input: { commandId?: string }): string {
  const { commandId: _ignored, ...rest } = input;
  return sha256(exactJson({ command, input: rest }));
}
