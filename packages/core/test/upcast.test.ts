import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StoredEventSchema, upcastEvent, upcasters, type UpcasterRegistry } from '@planlog/core';
import { hashEvent } from '@planlog/core/store';

/**
 * The fixture is a `task.reported` event in an older shape, `{ text, progress?, period? }` (no `final`,
 * no `requestId`), stored as schemaVersion 1 with the hash computed over that stored form. No
 * released planlog wrote this shape (every type is still at v1): it stands for the first real change,
 * and the registry below is the one that change would ship.
 */
const fixture = JSON.parse(readFileSync(new URL('./fixtures/task-reported-v1.json', import.meta.url), 'utf8')) as {
  prevHash: string;
  event: { type: string; schemaVersion: number; data: Record<string, unknown>; hash: string; [key: string]: unknown };
};

const registry: UpcasterRegistry = {
  'task.reported': {
    1: ({ text, progress, period }) => ({ text, final: false, period: period ?? null, progress: progress ?? null, requestId: null }),
  },
};
const currentVersion = (type: string) => (type === 'task.reported' ? 2 : 1);
const options = { upcasters: registry, currentVersion };

describe('upcastEvent', () => {
  it('reads an old-shape task.reported (v1) as the current shape', () => {
    expect(StoredEventSchema.safeParse(fixture.event).success).toBe(false); // the old shape is not today's
    const event = upcastEvent(fixture.event, options);
    expect(event.schemaVersion).toBe(2);
    expect(event.data).toEqual({
      text: 'Đã rà soát 42/105 văn bản quy phạm pháp luật do HĐND, UBND tỉnh ban hành',
      final: false,
      period: '6 tháng đầu năm 2026',
      progress: 40,
      requestId: null,
    });
    expect(StoredEventSchema.parse(event)).toMatchObject({ type: 'task.reported', data: { final: false } });
  });

  it('fills the optional fields a v1 event left out', () => {
    const { progress: _p, period: _q, ...data } = fixture.event.data;
    const event = upcastEvent({ ...fixture.event, data }, options);
    expect(event.data).toMatchObject({ progress: null, period: null });
    expect(StoredEventSchema.safeParse(event).success).toBe(true);
  });

  it('keeps the envelope and the stored hash, and leaves the stored event untouched', () => {
    const before = structuredClone(fixture.event);
    const event = upcastEvent(fixture.event, options);
    expect(fixture.event).toEqual(before);
    const { data: _a, schemaVersion: _b, ...envelope } = event;
    const { data: _c, schemaVersion: _d, ...stored } = fixture.event;
    expect(envelope).toEqual(stored);
    // The chain covers the stored form: verifying must hash what was stored, not what was upcast.
    expect(hashEvent(fixture.prevHash, fixture.event as never)).toBe(fixture.event.hash);
    expect(hashEvent(fixture.prevHash, event as never)).not.toBe(fixture.event.hash);
  });

  it('returns an event at the current version as the same object', () => {
    const event = upcastEvent(fixture.event, options);
    expect(upcastEvent(event, options)).toBe(event);
    expect(upcastEvent(fixture.event)).toBe(fixture.event); // planlog's own registry: v1 is current
  });

  it('applies upcasters in a chain, v1 → v2 → v3', () => {
    const chain: UpcasterRegistry = {
      'task.reported': { ...registry['task.reported'], 2: (data) => ({ ...data, text: `${String(data.text)} (v3)` }) },
    };
    const event = upcastEvent(fixture.event, { upcasters: chain, currentVersion: () => 3 });
    expect(event).toMatchObject({ schemaVersion: 3, data: { final: false, text: expect.stringMatching(/\(v3\)$/) } });
  });

  it('refuses a version with no upcaster, and one newer than this planlog reads', () => {
    expect(() => upcastEvent(fixture.event, { upcasters: {}, currentVersion })).toThrowError(
      expect.objectContaining({ code: 'VALIDATION', field: 'schemaVersion', message: expect.stringContaining('no upcaster for task.reported from v1') }),
    );
    expect(() => upcastEvent({ ...fixture.event, schemaVersion: 3 }, options)).toThrowError(
      expect.objectContaining({ code: 'VALIDATION', field: 'schemaVersion', message: expect.stringContaining('newer') }),
    );
  });

  it('ships an empty registry while every type is at v1', () => {
    expect(upcasters).toEqual({});
  });
});
