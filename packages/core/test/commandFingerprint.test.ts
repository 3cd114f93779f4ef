// The fingerprint stored with each command id (design §3.2) is compared with the fingerprint of a
// repeated command years later: its text must never change, however it is computed.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandFingerprint } from '../src/engine/commandFingerprint.js';

/** The rule as first written: keys sorted, `undefined` members left out, strings exact. */
function referenceJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(referenceJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${referenceJson((value as Record<string, unknown>)[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
const reference = (command: string, input: object) => createHash('sha256').update(referenceJson({ command, input })).digest('hex');

describe('commandFingerprint', () => {
  it('is SHA-256 of the sorted-key JSON of the command and its input, the command id left out (pinned: stored fingerprints must keep matching)', () => {
    const input = { actor: { unitId: 'phong-xay-dung-phap-luat' }, taskId: 'nv-1', text: 'Đã rà soát 12 văn bản', final: true, progress: undefined, commandId: 'k-1' };
    expect(commandFingerprint('reportTask', input)).toBe(reference('reportTask', { actor: input.actor, taskId: 'nv-1', text: 'Đã rà soát 12 văn bản', final: true }));
    expect(commandFingerprint('reportTask', input)).toBe('b0d8b45b24534252ec758bb8787932a7cba83299455f983cc7be73bb09102494');
  });

  it('equals the rule as first written on any JSON-like input (undefined members and array holes included)', () => {
    const member = fc.oneof(fc.jsonValue(), fc.constant(undefined));
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(member, fc.array(member), fc.dictionary(fc.string(), member))), (input) => {
        expect(commandFingerprint('addTask', input)).toBe(reference('addTask', Object.fromEntries(Object.entries(input).filter(([key]) => key !== 'commandId'))));
      }),
      { numRuns: 2000 },
    );
  });
});
