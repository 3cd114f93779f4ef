import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPlanlogError, type ErrorCode } from '../base/errors.js';
import { SCHEMA_VERSION, type NewEvent, type StoredEvent } from '../schemas/events.js';
import type { StreamAppend, EventStore } from '../store/EventStore.js';
import { eventBytes } from '../store/eventBytes.js';
import { GENESIS_HASH, hashBytes, hashEvent } from '../store/hashEvent.js';

export type DescribeEventStoreOptions = {
  /** How many events the streaming test appends and reads back (default 2,500: more than one page). */
  manyEvents?: number;
  /** How many concurrent writers race on one stream (default 20). */
  racers?: number;
};

// --- small builders of valid events -----------------------------------------------------------

const ACTOR = { unitId: 'so-tu-phap' };
const RECORDED_AT = '2026-04-10T09:00:00+07:00';

type EventInit = { commandId?: string; correlationId?: string; causationId?: string | null; actor?: NewEvent['actor']; recordedAt?: string };

function envelope(init: EventInit) {
  const commandId = init.commandId ?? uuidv7();
  return {
    id: uuidv7(),
    schemaVersion: SCHEMA_VERSION,
    actor: init.actor ?? ACTOR,
    commandId,
    causationId: init.causationId ?? null,
    correlationId: init.correlationId ?? commandId,
    recordedAt: init.recordedAt ?? RECORDED_AT,
  };
}

/** A `task.reported` progress report. */
function reported(text = 'Đã triển khai', init: EventInit = {}): NewEvent<'task.reported'> {
  return { ...envelope(init), type: 'task.reported', data: { text, final: false, period: null, progress: 50, requestId: null } };
}

/** A `task.acknowledged` (no data). */
function acknowledged(init: EventInit = {}): NewEvent<'task.acknowledged'> {
  return { ...envelope(init), type: 'task.acknowledged', data: {} };
}

/** A `plan.drafted` full of Vietnamese text (NFC). */
function drafted(init: EventInit = {}): NewEvent<'plan.drafted'> {
  return {
    ...envelope(init),
    type: 'plan.drafted',
    data: {
      planId: 'kh-88-ubnd',
      title: 'Kế hoạch thực hiện công tác đối ngoại năm 2026 của tỉnh Quảng Trị',
      issuer: { id: 'so-ngoai-vu', name: 'Sở Ngoại vụ' },
      basis: ['Thực hiện Kế hoạch số 88/KH-UBND ngày 25/02/2026 của Ủy ban nhân dân tỉnh'],
      objectives: ['Nâng cao hiệu quả hội nhập quốc tế; tăng cường đôn đốc, kiểm tra'],
      requirements: ['Bảo đảm đúng thời hạn, chất lượng'],
      reporting: [{ period: 'half', due: { month: 5, day: 25, before: true }, to: { id: 'ubnd-tinh', name: 'UBND tỉnh' } }],
      recipients: [{ id: 'phong-quan-ly-bien-gioi', name: 'Phòng Quản lý biên giới' }],
      timeZone: 'Asia/Ho_Chi_Minh',
      parentPlanId: null,
    },
  };
}

/** `count` progress reports sharing one command id. */
function batch(count: number, init: EventInit = {}): NewEvent[] {
  const commandId = init.commandId ?? uuidv7();
  return Array.from({ length: count }, (_, index) => reported(`Báo cáo lần ${index + 1}`, { ...init, commandId }));
}

async function collect<T = StoredEvent>(events: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const event of events) out.push(event);
  return out;
}

/** Await `action`, expect it to fail with a PlanlogError of `code`, and return the error. */
async function refusal(action: () => Promise<unknown>, code: ErrorCode) {
  let caught: unknown;
  try {
    await action();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected a ${code} refusal`).toBeDefined();
  if (!isPlanlogError(caught, code)) throw new Error(`expected PlanlogError ${code}, got ${String(caught)}`, { cause: caught });
  return caught;
}

/** What a stored event must equal: the new event plus its place in the log. */
function storedFrom(event: NewEvent, streamId: string, version: number, position: number) {
  return { ...event, streamId, version, position, hash: expect.stringMatching(/^[0-9a-f]{64}$/) };
}

// --- the suite --------------------------------------------------------------------------------

/**
 * Register the EventStore conformance tests: every store adapter runs the same assertions.
 * `makeStore` is called once per test and must return an empty store; the suite closes it.
 */
export function describeEventStore(name: string, makeStore: () => Promise<EventStore> | EventStore, options: DescribeEventStoreOptions = {}): void {
  const manyEvents = options.manyEvents ?? 2_500;
  const racers = options.racers ?? 20;

  describe(`EventStore conformance: ${name}`, () => {
    let store: EventStore;

    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close().catch(() => undefined);
    });

    /** Expect the store to hold exactly `count` events (after a refusal: nothing appended). */
    async function expectHead(count: number) {
      expect(await store.headPosition()).toBe(count);
      expect(await collect(store.readAll())).toHaveLength(count);
    }

    describe('an empty store', () => {
      it('has nothing in it', async () => {
        expect(await store.headPosition()).toBe(0);
        expect(await store.streamVersion('task-1')).toBe(0);
        expect(await store.readStream('task-1')).toEqual([]);
        expect(await store.readCommand(uuidv7())).toEqual([]);
        expect(await collect(store.readAll())).toEqual([]);
      });
    });

    describe('append and read', () => {
      it('appends events with versions from 1 and positions from 1, and reads them back in order', async () => {
        const events = batch(3);
        const result = await store.append('task-1', events, { expectedVersion: 'no_stream' });
        expect(result.streamId).toBe('task-1');
        expect(result.version).toBe(3);
        expect(result.position).toBe(3);
        expect(result.events).toEqual(events.map((event, index) => storedFrom(event, 'task-1', index + 1, index + 1)));
        expect(await store.readStream('task-1')).toEqual(result.events);
        expect(await collect(store.readAll())).toEqual(result.events);
      });

      it('keeps versions per stream gap-free and positions global and increasing', async () => {
        const plan = 'plan-1';
        const order: [string, number][] = [];
        for (let round = 0; round < 4; round++) {
          for (const streamId of ['task-a', 'task-b', plan]) {
            const count = 1 + ((round + streamId.length) % 3);
            await store.append(streamId, batch(count), { expectedVersion: 'any' });
            order.push([streamId, count]);
          }
        }
        const all = await collect(store.readAll());
        expect(all.map((event) => event.position)).toEqual(all.map((_, index) => index + 1));
        for (const streamId of ['task-a', 'task-b', plan]) {
          const stream = await store.readStream(streamId);
          expect(stream.map((event) => event.version)).toEqual(stream.map((_, index) => index + 1));
          expect(stream.every((event) => event.streamId === streamId)).toBe(true);
          const positions = stream.map((event) => event.position);
          expect([...positions].sort((a, b) => a - b)).toEqual(positions);
          expect(await store.streamVersion(streamId)).toBe(stream.length);
        }
        expect(await store.headPosition()).toBe(order.reduce((sum, [, count]) => sum + count, 0));
      });

      it('reads a stream from a version, inclusive', async () => {
        await store.append('task-1', batch(5), { expectedVersion: 'no_stream' });
        expect((await store.readStream('task-1', { fromVersion: 3 })).map((event) => event.version)).toEqual([3, 4, 5]);
        expect((await store.readStream('task-1', { fromVersion: 1 })).map((event) => event.version)).toEqual([1, 2, 3, 4, 5]);
        expect(await store.readStream('task-1', { fromVersion: 6 })).toEqual([]);
      });

      it('reads the log from a position, inclusive', async () => {
        await store.append('task-1', batch(3), { expectedVersion: 'no_stream' });
        await store.append('task-2', batch(3), { expectedVersion: 'no_stream' });
        expect((await collect(store.readAll({ fromPosition: 4 }))).map((event) => event.position)).toEqual([4, 5, 6]);
        expect((await collect(store.readAll({ fromPosition: 6 }))).map((event) => event.streamId)).toEqual(['task-2']);
        expect(await collect(store.readAll({ fromPosition: 7 }))).toEqual([]);
        expect(await collect(store.readAll({ fromPosition: 1 }))).toHaveLength(6);
      });

      it('reads back exactly what was appended: ids, actor, data, recordedAt, Vietnamese text (NFC)', async () => {
        const plan = drafted({ actor: { unitId: 'so-ngoai-vu', userId: 'nguyễn-văn-đức' }, causationId: uuidv7(), recordedAt: '2026-02-25T08:30:00.123+07:00' });
        const report = reported('Đã tổ chức hội nghị phổ biến; kết quả đạt 100% chỉ tiêu “đúng hạn”', { recordedAt: '2026-03-01T01:02:03Z' });
        const first = await store.append('plan-kh-88', [plan], { expectedVersion: 'no_stream' });
        const second = await store.append('task-ii-2-b', [report], { expectedVersion: 'no_stream' });
        expect(first.events[0]).toEqual(storedFrom(plan, 'plan-kh-88', 1, 1));
        expect(second.events[0]).toEqual(storedFrom(report, 'task-ii-2-b', 1, 2));
        const [readPlan] = await store.readStream('plan-kh-88');
        expect(readPlan).toEqual(first.events[0]);
        expect((readPlan as StoredEvent<'plan.drafted'>).data.title).toBe(plan.data.title);
        expect((readPlan as StoredEvent<'plan.drafted'>).data.title.normalize('NFC')).toBe((readPlan as StoredEvent<'plan.drafted'>).data.title);
        expect(await collect(store.readAll())).toEqual([...first.events, ...second.events]);
        expect(await store.readCommand(plan.commandId)).toEqual(first.events);
      });

      it('stores events in their validated form: a unit name given in NFD is read back NFC', async () => {
        const event = drafted();
        const nfd = { ...event, data: { ...event.data, issuer: { id: 'so-ngoai-vu', name: 'Sở Ngoại vụ'.normalize('NFD') } } };
        const result = await store.append('plan-1', [nfd as NewEvent], { expectedVersion: 'no_stream' });
        const [read] = await store.readStream('plan-1');
        expect((read as StoredEvent<'plan.drafted'>).data.issuer.name).toBe('Sở Ngoại vụ'.normalize('NFC'));
        expect(read).toEqual(result.events[0]);
      });

      it('is not changed by the caller mutating what it appended', async () => {
        const event = reported('trước');
        await store.append('task-1', [event], { expectedVersion: 'no_stream' });
        (event.data as { text: string }).text = 'sau';
        const [read] = await store.readStream('task-1');
        expect((read as StoredEvent<'task.reported'>).data.text).toBe('trước');
      });

      it('treats an append of no events as a version check that appends nothing', async () => {
        await store.append('task-1', batch(2), { expectedVersion: 'no_stream' });
        const result = await store.append('task-1', [], { expectedVersion: 2 });
        expect(result).toEqual({ streamId: 'task-1', version: 2, position: null, events: [] });
        await refusal(() => store.append('task-1', [], { expectedVersion: 1 }), 'CONFLICT');
        await expectHead(2);
      });
    });

    describe('expected versions', () => {
      it('accepts the current version as a number, and refuses another with CONFLICT, appending nothing', async () => {
        await store.append('task-1', batch(2), { expectedVersion: 0 });
        const ok = await store.append('task-1', batch(1), { expectedVersion: 2 });
        expect(ok.version).toBe(3);
        for (const wrong of [0, 2, 4]) {
          const error = await refusal(() => store.append('task-1', batch(1), { expectedVersion: wrong }), 'CONFLICT');
          expect(error.details).toMatchObject({ streamId: 'task-1', current: 3, expected: wrong });
        }
        expect(await store.streamVersion('task-1')).toBe(3);
        await expectHead(3);
      });

      it("'no_stream' holds only for a stream without events", async () => {
        await store.append('task-1', batch(1), { expectedVersion: 'no_stream' });
        await refusal(() => store.append('task-1', batch(1), { expectedVersion: 'no_stream' }), 'CONFLICT');
        await expectHead(1);
      });

      it("'any' appends whatever the stream's version", async () => {
        await store.append('task-1', batch(1), { expectedVersion: 'any' });
        const result = await store.append('task-1', batch(2), { expectedVersion: 'any' });
        expect(result.version).toBe(3);
      });

      it('refuses a malformed expected version with VALIDATION', async () => {
        for (const expectedVersion of [-1, 1.5, 'latest']) {
          await refusal(() => store.append('task-1', batch(1), { expectedVersion: expectedVersion as number }), 'VALIDATION');
        }
        await expectHead(0);
      });

      it('lets exactly one of many concurrent writers with the same expected version win', async () => {
        await store.append('task-1', batch(1), { expectedVersion: 'no_stream' });
        const outcomes = await Promise.allSettled(
          Array.from({ length: racers }, (_, index) => store.append('task-1', [reported(`người viết ${index}`)], { expectedVersion: 1 })),
        );
        const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost.every((outcome) => isPlanlogError(outcome.reason, 'CONFLICT'))).toBe(true);
        expect(await store.streamVersion('task-1')).toBe(2);
        await expectHead(2);
      });

      it('gives concurrent writers to different streams distinct, gap-free positions', async () => {
        const results = await Promise.all(
          Array.from({ length: racers }, (_, index) => store.append(`task-${index}`, batch(2), { expectedVersion: 'no_stream' })),
        );
        const positions = results.flatMap((result) => result.events.map((event) => event.position)).sort((a, b) => a - b);
        expect(positions).toEqual(positions.map((_, index) => index + 1));
        await expectHead(2 * racers);
      });
    });

    describe('appendMany', () => {
      it('appends to several streams at once, with one result per stream append in order', async () => {
        await store.append('task-2', batch(1), { expectedVersion: 'no_stream' });
        const appends: StreamAppend[] = [
          { streamId: 'plan-1', events: [drafted()], expectedVersion: 'no_stream' },
          { streamId: 'task-2', events: batch(2), expectedVersion: 1 },
          { streamId: 'task-3', events: batch(1), expectedVersion: 'any' },
        ];
        const results = await store.appendMany(appends);
        expect(results.map((result) => [result.streamId, result.version, result.position])).toEqual([
          ['plan-1', 1, 2],
          ['task-2', 3, 4],
          ['task-3', 1, 5],
        ]);
        expect(results.flatMap((result) => result.events)).toEqual(await collect(store.readAll({ fromPosition: 2 })));
      });

      it('appends nothing from any stream append when one conflicts', async () => {
        await store.append('task-2', batch(1), { expectedVersion: 'no_stream' });
        await refusal(
          () =>
            store.appendMany([
              { streamId: 'plan-1', events: [drafted()], expectedVersion: 'no_stream' },
              { streamId: 'task-2', events: batch(1), expectedVersion: 0 },
            ]),
          'CONFLICT',
        );
        expect(await store.streamVersion('plan-1')).toBe(0);
        await expectHead(1);
      });

      it('checks the version of a stream append with no events, appending nothing when it fails', async () => {
        await store.append('plan-1', batch(1), { expectedVersion: 'no_stream' });
        const results = await store.appendMany([
          { streamId: 'plan-1', events: [], expectedVersion: 1 },
          { streamId: 'task-1', events: batch(1), expectedVersion: 'no_stream' },
        ]);
        expect(results[0]).toEqual({ streamId: 'plan-1', version: 1, position: null, events: [] });
        expect(results[1]!.position).toBe(2);
        await refusal(
          () =>
            store.appendMany([
              { streamId: 'plan-1', events: [], expectedVersion: 0 },
              { streamId: 'task-2', events: batch(1), expectedVersion: 'no_stream' },
            ]),
          'CONFLICT',
        );
        await expectHead(2);
      });

      it('refuses a batch naming a stream twice with VALIDATION', async () => {
        await refusal(
          () =>
            store.appendMany([
              { streamId: 'task-1', events: batch(1), expectedVersion: 'any' },
              { streamId: 'task-1', events: batch(1), expectedVersion: 'any' },
            ]),
          'VALIDATION',
        );
        await expectHead(0);
      });

      it('refuses a batch holding an invalid event with VALIDATION, appending nothing', async () => {
        const invalid: unknown[] = [
          { ...reported(), type: 'task.unknown' },
          { ...reported(), id: 'not-a-uuid' },
          { ...reported(), recordedAt: '10/04/2026' },
          { ...reported(), data: { text: '', final: false, period: null, progress: null, requestId: null } },
          { ...reported(), actor: { unitId: '' } },
          (({ commandId: _omit, ...rest }) => rest)(reported()),
        ];
        for (const event of invalid) {
          const error = await refusal(
            () =>
              store.appendMany([
                { streamId: 'task-1', events: batch(2), expectedVersion: 'no_stream' },
                { streamId: 'task-2', events: [reported(), event as NewEvent], expectedVersion: 'no_stream' },
              ]),
            'VALIDATION',
          );
          expect(error.field).toMatch(/^events\[1\]/);
        }
        await refusal(() => store.append('', batch(1), { expectedVersion: 'any' }), 'VALIDATION');
        await expectHead(0);
      });

      it('returns an empty array for an empty batch', async () => {
        expect(await store.appendMany([])).toEqual([]);
        await expectHead(0);
      });
    });

    describe('command ids', () => {
      it('refuses an append reusing an earlier command id with CONFLICT naming it, appending nothing', async () => {
        const commandId = uuidv7();
        await store.append('task-1', batch(2, { commandId }), { expectedVersion: 'no_stream' });
        const again = await refusal(() => store.append('task-2', batch(1, { commandId }), { expectedVersion: 'any' }), 'CONFLICT');
        expect(again.details).toMatchObject({ commandId });
        const inMany = await refusal(
          () =>
            store.appendMany([
              { streamId: 'task-3', events: batch(1), expectedVersion: 'any' },
              { streamId: 'task-4', events: [reported('x'), reported('y', { commandId })], expectedVersion: 'any' },
            ]),
          'CONFLICT',
        );
        expect(inMany.details).toMatchObject({ commandId });
        await expectHead(2);
      });

      it('refuses the second of two concurrent appends with one command id', async () => {
        const commandId = uuidv7();
        const outcomes = await Promise.allSettled([
          store.append('task-1', batch(1, { commandId }), { expectedVersion: 'any' }),
          store.append('task-2', batch(1, { commandId }), { expectedVersion: 'any' }),
        ]);
        expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
        await expectHead(1);
      });

      it('compares command ids in their validated form (surrounding white space trimmed)', async () => {
        const commandId = uuidv7();
        await store.append('task-1', batch(1, { commandId: ` ${commandId} ` }), { expectedVersion: 'no_stream' });
        await refusal(() => store.append('task-2', batch(1, { commandId }), { expectedVersion: 'no_stream' }), 'CONFLICT');
        await refusal(() => store.append('task-2', batch(1, { commandId: `${commandId}  ` }), { expectedVersion: 'no_stream' }), 'CONFLICT');
        expect((await store.readCommand(commandId)).map((event) => event.commandId)).toEqual([commandId]);
        await expectHead(1);
      });

      it('keeps a long stream id as given, and refuses one over 256 characters or padded with spaces', async () => {
        const streamId = `task-${'x'.repeat(251)}`;
        await store.append(streamId, batch(1), { expectedVersion: 'no_stream' });
        expect((await store.readStream(streamId)).map((event) => event.streamId)).toEqual([streamId]);
        expect((await collect(store.readAll())).map((event) => event.streamId)).toEqual([streamId]);
        for (const bad of [`${streamId}x`, ' task-1', 'task-1 ']) {
          await expect(store.append(bad, batch(1), { expectedVersion: 'any' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'streamId' });
        }
        expect(await store.headPosition()).toBe(1);
      });

      it('reads the events of a command across streams, in global order', async () => {
        const commandId = uuidv7();
        await store.append('task-0', batch(1), { expectedVersion: 'any' });
        const results = await store.appendMany([
          { streamId: 'plan-1', events: [drafted({ commandId })], expectedVersion: 'no_stream' },
          { streamId: 'task-1', events: batch(2, { commandId }), expectedVersion: 'no_stream' },
        ]);
        await store.append('task-9', batch(1), { expectedVersion: 'any' });
        const events = await store.readCommand(commandId);
        expect(events).toEqual(results.flatMap((result) => result.events));
        expect(events.map((event) => event.position)).toEqual([2, 3, 4]);
        expect(await store.readCommand(uuidv7())).toEqual([]);
      });

      it('keeps the fingerprint given with a command id (append and appendMany), null without one or for an unknown id', async () => {
        const [a, b, c] = ['a', 'b', 'c'].map((letter) => letter.repeat(64));
        await store.append('task-1', batch(1, { commandId: 'with-append' }), { expectedVersion: 'no_stream', commandFingerprint: a });
        await store.appendMany(
          [
            { streamId: 'task-2', events: batch(1, { commandId: 'with-many' }), expectedVersion: 'no_stream' },
            { streamId: 'task-3', events: batch(1, { commandId: 'with-many' }), expectedVersion: 'no_stream' },
          ],
          { commandFingerprint: b },
        );
        await store.append('task-4', batch(1, { commandId: 'without' }), { expectedVersion: 'no_stream' });
        expect(await store.commandFingerprint('with-append')).toBe(a);
        expect(await store.commandFingerprint('with-many')).toBe(b);
        expect(await store.commandFingerprint('without')).toBeNull();
        expect(await store.commandFingerprint('unknown')).toBeNull();
        // A refused append keeps no fingerprint either.
        await refusal(() => store.append('task-5', batch(1, { commandId: 'with-append' }), { expectedVersion: 'no_stream', commandFingerprint: c }), 'CONFLICT');
        expect(await store.commandFingerprint('with-append')).toBe(a);
        await refusal(() => store.append('task-5', batch(1), { expectedVersion: 'no_stream', commandFingerprint: 'not hex' }), 'VALIDATION');
        await expectHead(4);
      });
    });

    describe('hostile arguments (issue 14)', () => {
      it('refuses wrong arguments with VALIDATION naming them, never a TypeError', async () => {
        const cases: [() => Promise<unknown>, string][] = [
          [() => collect(store.readAll({ fromPosition: {} as never })), 'fromPosition'],
          [() => collect(store.readAll(null as never)), 'options'],
          [() => store.readStream(null as never), 'streamId'],
          [() => store.readStream('task-1', null as never), 'options'],
          [() => store.readStream('task-1', { fromVersion: Number.NaN }), 'fromVersion'],
          [() => store.append('task-1', batch(1), null as never), 'options'],
          [() => store.appendMany(null as never), 'requests'],
          [() => store.appendMany([null as never]), 'requests.0'],
          [() => store.readCommand({} as never), 'commandId'],
          [() => store.commandFingerprint(7 as never), 'commandId'],
          [() => store.streamVersion('task-\ud800'), 'streamId'],
        ];
        for (const [action, field] of cases) {
          let caught: unknown;
          try {
            await action();
          } catch (error) {
            caught = error;
          }
          expect(isPlanlogError(caught, 'VALIDATION') && caught.field, String(caught)).toBe(field);
        }
        await expectHead(0);
      });

      it('refuses an event holding a lone surrogate or NUL anywhere with VALIDATION naming the field, appending nothing', async () => {
        const cases: [NewEvent, string][] = [
          [reported('ab\ud800'), 'events[0].data.text'],
          [reported('a\u0000b'), 'events[0].data.text'],
          [{ ...reported(), commandId: 'c\udc00' }, 'events[0].commandId'],
          [{ ...reported(), actor: { unitId: 'so-tu-phap', userId: 'u\u0000' } }, 'events[0].actor.userId'],
        ];
        for (const [event, field] of cases) {
          let caught: unknown;
          try {
            await store.append('task-1', [event], { expectedVersion: 'any' });
          } catch (error) {
            caught = error;
          }
          expect(isPlanlogError(caught, 'VALIDATION') && caught.field, String(caught)).toBe(field);
        }
        await refusal(() => store.append('task-\u0000', batch(1), { expectedVersion: 'any' }), 'VALIDATION');
        await expectHead(0);
      });
    });

    describe('the log', () => {
      it(`streams ${manyEvents} events in order, more than one page`, async () => {
        const per = 100;
        for (let appended = 0; appended < manyEvents; appended += per) {
          await store.append(`task-${appended % 7}`, batch(Math.min(per, manyEvents - appended)), { expectedVersion: 'any' });
        }
        expect(await store.headPosition()).toBe(manyEvents);
        let expected = 1;
        for await (const event of store.readAll()) {
          expect(event.position).toBe(expected);
          expected++;
        }
        expect(expected).toBe(manyEvents + 1);
        const from = manyEvents - 1_234;
        let first: number | undefined;
        let count = 0;
        for await (const event of store.readAll({ fromPosition: from })) {
          first ??= event.position;
          count++;
        }
        expect([first, count]).toEqual([from, manyEvents - from + 1]);
      });

      it('lets a reader stop early and keeps working', async () => {
        await store.append('task-1', batch(30), { expectedVersion: 'no_stream' });
        const seen: number[] = [];
        for await (const event of store.readAll()) {
          seen.push(event.position);
          if (seen.length === 5) break;
        }
        expect(seen).toEqual([1, 2, 3, 4, 5]);
        await store.append('task-1', batch(1), { expectedVersion: 30 });
        expect(await store.headPosition()).toBe(31);
      });

      it('chains each event to the one before: hash = hashEvent(previous hash, event), from GENESIS_HASH', async () => {
        const appended: StoredEvent[] = [];
        appended.push(...(await store.append('plan-1', [drafted()], { expectedVersion: 'no_stream' })).events);
        const many = await store.appendMany([
          { streamId: 'task-1', events: batch(2), expectedVersion: 'no_stream' },
          { streamId: 'task-2', events: [acknowledged()], expectedVersion: 'no_stream' },
        ]);
        appended.push(...many.flatMap((result) => result.events));
        appended.push(...(await store.append('task-1', batch(1), { expectedVersion: 2 })).events);
        const all = await collect(store.readAll());
        expect(all).toEqual(appended);
        let prev = GENESIS_HASH;
        for (const event of all) {
          const { hash, ...body } = event;
          expect(hash).toBe(hashEvent(prev, body));
          prev = hash;
        }
      });

      it('keeps each event as its exact bytes: readRecords gives eventBytes(event) and hash = hashBytes(previous hash, bytes)', async () => {
        await store.append('plan-1', [drafted()], { expectedVersion: 'no_stream' });
        await store.appendMany([
          { streamId: 'task-1', events: batch(2), expectedVersion: 'no_stream' },
          { streamId: 'task-2', events: [acknowledged()], expectedVersion: 'no_stream' },
        ]);
        const events = await collect(store.readAll());
        const records = await collect(store.readRecords());
        expect(records.map((record) => record.position)).toEqual([1, 2, 3, 4]);
        let prev = GENESIS_HASH;
        records.forEach((record, index) => {
          const event = events[index]!;
          expect(record).toEqual({ position: event.position, streamId: event.streamId, version: event.version, commandId: event.commandId, bytes: eventBytes(event), hash: event.hash });
          expect(record.hash).toBe(hashBytes(prev, record.bytes));
          prev = record.hash;
        });
        expect((await collect(store.readRecords({ fromPosition: 3 }))).map((record) => record.position)).toEqual([3, 4]);
      });

      it('indexes every command id with the first and last position of its events (readCommandIndex)', async () => {
        await store.append('plan-1', [drafted()], { expectedVersion: 'no_stream' });
        const many = await store.appendMany([
          { streamId: 'task-1', events: batch(2), expectedVersion: 'no_stream' },
          { streamId: 'task-2', events: [acknowledged()], expectedVersion: 'no_stream' },
        ]);
        const index = await collect(store.readCommandIndex());
        const expected = new Map<string, { commandId: string; firstPosition: number; lastPosition: number }>();
        for (const event of [...(await collect(store.readAll()))]) {
          const entry = expected.get(event.commandId) ?? { commandId: event.commandId, firstPosition: event.position, lastPosition: event.position };
          entry.lastPosition = event.position;
          expected.set(event.commandId, entry);
        }
        expect(index).toEqual([...expected.values()].sort((a, b) => a.firstPosition - b.firstPosition || (a.commandId < b.commandId ? -1 : 1)));
        expect(many.flatMap((result) => result.events).length).toBe(3);
      });

      it('continues the chain after a refused append', async () => {
        await store.append('task-1', batch(1), { expectedVersion: 'no_stream' });
        await refusal(() => store.append('task-1', batch(1), { expectedVersion: 'no_stream' }), 'CONFLICT');
        await store.append('task-1', batch(1), { expectedVersion: 1 });
        const [first, second] = await collect(store.readAll());
        const { hash, ...body } = second!;
        expect(hash).toBe(hashEvent(first!.hash, body));
      });
    });

    describe('closing', () => {
      it('fails every operation with STORE after close, and closing again is harmless', async () => {
        await store.append('task-1', batch(1), { expectedVersion: 'no_stream' });
        await store.close();
        await refusal(() => store.append('task-1', batch(1), { expectedVersion: 'any' }), 'STORE');
        await refusal(() => store.appendMany([{ streamId: 'task-2', events: batch(1), expectedVersion: 'any' }]), 'STORE');
        await refusal(() => store.readStream('task-1'), 'STORE');
        await refusal(() => collect(store.readAll()), 'STORE');
        await refusal(() => store.readCommand(uuidv7()), 'STORE');
        await refusal(() => store.commandFingerprint(uuidv7()), 'STORE');
        await refusal(() => store.streamVersion('task-1'), 'STORE');
        await refusal(() => store.headPosition(), 'STORE');
        await store.close();
      });
    });
  });
}
