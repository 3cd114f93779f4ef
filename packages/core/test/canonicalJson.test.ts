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

  // canonicalJson's own contract, each expected text written out by hand (escapes, not pasted
  // characters, so that no editor's normalisation changes what is compared).
  it('sorts keys by UTF-16 code units, at every depth, and keeps a __proto__ key as a member', () => {
    const record = JSON.parse('{"b":1,"a":{"z":true,"Z":false,"é":2,"e\\u0301":3,"aa":4},"__proto__":null,"_":0,"A":[{"y":1,"x":2}]}');
    expect(canonicalJson(record)).toBe('{"A":[{"x":2,"y":1}],"_":0,"__proto__":null,"a":{"Z":false,"aa":4,"e\u0301":3,"z":true,"\u00e9":2},"b":1}');
    // Index-like keys sort as text too ("10" before "9"), not in the order an object lists them.
    expect(canonicalJson({ 9: 'a', 10: 'b', x: 'c' })).toBe('{"10":"b","9":"a","x":"c"}');
  });

  it('writes numbers in their shortest round-trip form', () => {
    expect(canonicalJson([0, -0, 1, -1.5, 0.1, 1e21, 1e-7, 123456789.125, 2 ** 53, 5e-324, 1.7976931348623157e308])).toBe(
      '[0,0,1,-1.5,0.1,1e+21,1e-7,123456789.125,9007199254740992,5e-324,1.7976931348623157e+308]',
    );
  });

  it('writes strings as sent: no NFC, so the composed and decomposed spellings of a text give different bytes', () => {
    const composed = 'Qu\u00fd II'; // ý as one code point
    const decomposed = 'Quy\u0301 II'; // y + combining acute
    expect(canonicalJson({ [decomposed]: decomposed })).toBe('{"Quy\u0301 II":"Quy\u0301 II"}');
    expect(canonicalJson({ [composed]: composed })).toBe('{"Qu\u00fd II":"Qu\u00fd II"}');
    expect(canonicalJson(decomposed)).not.toBe(canonicalJson(composed));
    // Escaped as JSON.stringify escapes: quote, backslash, control characters, lone surrogates;
    // U+2028 and a surrogate pair as they are.
    expect(canonicalJson('a"b\\c\u0001\n\u2028\ud83d\ude00\ud800')).toBe('"a\\"b\\\\c\\u0001\\n\u2028\ud83d\ude00\\ud800"');
  });

  it('leaves out undefined members and writes undefined array items as null', () => {
    expect(canonicalJson({ b: 1, a: [undefined, null], c: undefined })).toBe('{"a":[null,null],"b":1}');
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
