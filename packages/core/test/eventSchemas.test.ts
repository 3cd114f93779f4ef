// The event schemas every store checks on append and on read are zod's own compiled code
// (`z.compile`). Compiled and interpreted must be one rule: same accept/refuse, equal output (absent
// and undefined keys told apart), same issues, on the events the engine writes and on those events
// broken at a random place.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { memoryStore, NewEventSchema, StoredEventSchema, type StoredEvent } from '@planlog/core';
import { runScenario, scenarioArbitrary } from '@planlog/core/testing';
import { interpretedEventSchemas } from '../src/schemas/events.js';

/** Real events: the logs of a few random scenarios (every command, ticks, refusals). */
async function engineEvents(): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (const scenario of fc.sample(scenarioArbitrary({ minSteps: 20, maxSteps: 40 }), { numRuns: 6, seed: 4 })) {
    const run = await runScenario(scenario, { store: memoryStore() });
    for await (const event of run.store.readAll()) events.push(event);
  }
  return events;
}

const UUID = '0196f1a2-3b4c-7d5e-8f60-718293a4b5c6';
/** Values that sit on the edges of the rules the schemas use (formats, lengths, ranges, trimming, NFC). */
const edgeValue = fc.constantFrom<unknown>(
  undefined, null, true, 0, -0, 1, 1.5, 100, 101, -1, 1899, 10_000, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53,
  '', ' ', ' x', 'x ', 'x', 'a'.repeat(200), 'a'.repeat(201), UUID, UUID.toUpperCase(), UUID.slice(1), '00000000-0000-0000-0000-000000000000',
  '2026-02-28T00:00:00.000Z', '2026-02-29T00:00:00.000Z', '2026-01-01T00:00:00+07:00', '2026-01-01T00:00:00', '2026-01-01', '2026-13-01',
  'Asia/Ho_Chi_Minh', 'Mars/Olympus', 'Sở Tư pháp', 'So\u031B Tư pháp', ' Sở Y tế ', 'ongoing', 'quarter', 'task.reported', 'plan.drafted',
  [], {}, { kind: 'ongoing' }, { kind: 'quarter', year: 2026, quarter: 5 }, { name: 'Sở Y tế' }, { id: 'so-y-te', name: ' ' }, { unitId: 'x', userId: '' },
);
const breakage = fc.oneof(
  { weight: 4, arbitrary: edgeValue.map((value) => ({ kind: 'set' as const, value })) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value) => ({ kind: 'set' as const, value: value as unknown })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'delete' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'extra key' as const }) },
);

/** Every place in a value: the empty path (the value itself) and each key or index below it. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (value === null || typeof value !== 'object') return here;
  for (const [key, member] of Object.entries(value)) here.push(...paths(member, [...prefix, Array.isArray(value) ? Number(key) : key]));
  return here;
}

/** A deep copy of `event` with the place at `path` broken as `how` says. */
function broken(event: unknown, path: (string | number)[], how: { kind: 'set'; value: unknown } | { kind: 'delete' } | { kind: 'extra key' }): unknown {
  const copy = structuredClone(event) as Record<string | number, unknown>;
  if (path.length === 0) return how.kind === 'set' ? how.value : copy;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (how.kind === 'set') parent[last] = how.value;
  else if (how.kind === 'delete') delete parent[last];
  else {
    const target = parent[last];
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>).unexpected = 'x';
  }
  return copy;
}

function expectSame(compiled: z.ZodType, interpreted: z.ZodType, input: unknown): void {
  const fast = compiled.safeParse(input);
  const slow = interpreted.safeParse(input);
  expect(fast.success).toBe(slow.success);
  if (fast.success && slow.success) expect(fast.data).toStrictEqual(slow.data);
  else expect(fast.error?.issues).toStrictEqual(slow.error?.issues);
}

/** The decided part of a stored event: what `NewEventSchema` checks. */
function decided({ streamId: _s, version: _v, position: _p, hash: _h, ...event }: StoredEvent): Record<string, unknown> {
  return event;
}

describe('compiled event schemas', () => {
  it('compile whole: zod does not leave any part to its interpreter', () => {
    expect(() => z.compile(interpretedEventSchemas.NewEvent, { strict: true })).not.toThrow();
    expect(() => z.compile(interpretedEventSchemas.StoredEvent, { strict: true })).not.toThrow();
  });

  it('accept the events the engine writes, with the same output as zod interpreted', async () => {
    const events = await engineEvents();
    expect(new Set(events.map((event) => event.type)).size).toBeGreaterThanOrEqual(10);
    for (const event of events) {
      expectSame(StoredEventSchema, interpretedEventSchemas.StoredEvent, event);
      expectSame(NewEventSchema, interpretedEventSchemas.NewEvent, decided(event));
      expect(NewEventSchema.safeParse(decided(event)).success).toBe(true);
    }
  });

  it('agree with zod interpreted on events broken at a random place', async () => {
    const events = await engineEvents();
    const place = fc
      .constantFrom(...events)
      .chain((event) => fc.tuple(fc.constant(event), fc.constantFrom(...paths(decided(event))), fc.constantFrom(...paths(event))));
    fc.assert(
      fc.property(place, breakage, ([event, newPath, storedPath], how) => {
        expectSame(NewEventSchema, interpretedEventSchemas.NewEvent, broken(decided(event), newPath, how));
        expectSame(StoredEventSchema, interpretedEventSchemas.StoredEvent, broken(event, storedPath, how));
      }),
      { numRuns: 3_000 },
    );
  });
});
