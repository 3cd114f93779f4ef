import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type StoredEvent } from '@planlog/core';
import { canonicalJson, eventBytes, hashBytes, hashEvent } from '@planlog/core/store';

/**
 * The definition canonicalJson must keep, written the slow way: JSON.stringify of a copy whose
 * object keys are sorted, strings as they are (not normalised: texts are stored as sent). Every hash
 * in every log depends on it.
 */
function reference(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) => {
    if (member === null || typeof member !== 'object' || Array.isArray(member)) return member;
    const sorted = Object.create(null) as Record<string, unknown>; // so that a '__proto__' key stays a member
    for (const key of Object.keys(member).sort()) sorted[key] = (member as Record<string, unknown>)[key];
    return sorted;
  });
}

// Index-like keys ("0", "12") are left out: a JavaScript object lists them first whatever the
// insertion order, so the reference (which builds an object) could not sort them as text.
const key = fc.string({ unit: 'binary' }).filter((text) => !/^(?:0|[1-9]\d*)$/.test(text));
const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constantFrom('Quý II/2026', 'Quý II/2026'.normalize('NFD'), 'tiếng Việt'.normalize('NFD'), 'a"b\\c\u0001\u2028'));
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('value')),
    fc.dictionary(key, tie('value')),
  ),
})).value;

describe('canonicalJson', () => {
  it('equals JSON.stringify of a key-sorted copy for any JSON value (undefined members left out)', () => {
    fc.assert(
      fc.property(json.filter((value) => value !== undefined), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 3_000 },
    );
  });

  it('sorts objects of shapes met before as the first time: same keys in other orders, more shapes than it remembers', () => {
    // Shapes from a small pool of keys, so key lists repeat, in other orders and past the remembered count.
    const shaped = fc.array(fc.uniqueArray(fc.constantFrom('b', 'a', 'é', 'e\u0301x', 'z', '__proto__', 'Z', 'aa'), { minLength: 1 }), { minLength: 1, maxLength: 80 });
    fc.assert(
      fc.property(shaped, fc.array(text, { minLength: 8, maxLength: 8 }), (shapes, values) => {
        for (const keys of shapes) {
          const record = Object.create(null) as Record<string, unknown>;
          keys.forEach((k, i) => (record[k] = values[i]));
          expect(canonicalJson(record)).toBe(reference(record));
          expect(canonicalJson([record, { nested: record }])).toBe(reference([record, { nested: record }]));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('writes NFC and decomposed spellings of a text as they are (a text is stored exactly as sent)', () => {
    const nfd = (text: string) => text.normalize('NFD');
    expect(nfd('Quý II')).not.toBe('Quý II');
    expect(canonicalJson({ [nfd('Quý')]: nfd('Quý II') })).toBe(`{"${nfd('Quý')}":"${nfd('Quý II')}"}`);
    expect(canonicalJson({ 'Quý': 'Quý II' })).toBe('{"Quý":"Quý II"}'.normalize('NFC'));
    expect(canonicalJson({ b: 1, a: [undefined, -0, 1e21] })).toBe('{"a":[null,0,1e+21],"b":1}');
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(TypeError);
  });
});

describe('hashEvent', () => {
  it('keeps the hash of a known event: SHA-256 of the previous hash and the event bytes (pinned by an independent Python computation)', () => {
    const event = {
      id: '0192f1c2-3b4a-7c5d-8e6f-0a1b2c3d4e5f',
      type: 'task.reported',
      schemaVersion: 1,
      data: { text: 'Đã triển khai kế hoạch "số 12"\tđến các phòng, ban', final: false, period: 'Quý II/2026', progress: 40, requestId: null },
      actor: { unitId: 'so-tu-phap', userId: 'nguyen-van-a' },
      commandId: 'cmd-1',
      causationId: null,
      correlationId: 'cmd-1',
      recordedAt: '2026-05-20T03:00:00.000Z',
      streamId: 'task-nv-1',
      version: 3,
      position: 17,
    } as unknown as StoredEvent;
    // Both values computed by Python's json.dumps(event without position and hash, sort_keys=True,
    // ensure_ascii=False, separators=(',', ':')) and hashlib.sha256(('a' * 64 + bytes).encode()).
    const bytes =
      '{"actor":{"unitId":"so-tu-phap","userId":"nguyen-van-a"},"causationId":null,"commandId":"cmd-1","correlationId":"cmd-1","data":{"final":false,"period":"Quý II/2026","progress":40,"requestId":null,"text":"Đã triển khai kế hoạch \\"số 12\\"\\tđến các phòng, ban"},"id":"0192f1c2-3b4a-7c5d-8e6f-0a1b2c3d4e5f","recordedAt":"2026-05-20T03:00:00.000Z","schemaVersion":1,"streamId":"task-nv-1","type":"task.reported","version":3}';
    const expected = 'a89f8018cb101c028b223e32c16400eaf5c7717eb65940e8b4f6e8ba1658f95d';
    expect(eventBytes(event)).toBe(bytes);
    expect(hashBytes('a'.repeat(64), bytes)).toBe(expected);
    expect(hashEvent('a'.repeat(64), event)).toBe(expected);
    // Neither the position nor a hash member already on the event is part of its bytes.
    expect(hashEvent('a'.repeat(64), { ...event, position: 99, hash: 'f'.repeat(64) } as StoredEvent)).toBe(expected);
  });
});
