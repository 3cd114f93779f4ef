/** Issue 14 on PostgreSQL: one caller's bad text never fails the others of its group; command ids bound. */
import { createEngine, manualClock } from '@planlog/core';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresStore } from '../src/index.js';
import { collect, expectWholeLog, reported } from './fixtures/events.js';
import { usePostgres } from './usePostgres.js';

const { server } = usePostgres();
const ISSUER = { unitId: 'so-tu-phap' };

describe('item 3: PostgreSQL group commit, one caller\'s bad text', () => {
  it('20 concurrent draftPlans, one title holding a NUL: only that one is refused, over 5 rounds', async () => {
    const store = postgresStore({ connectionString: server().url, max: 4 }, { schema: server().freshSchema() });
    const engine = createEngine({ store, clock: manualClock('2026-04-10T02:00:00Z') });
    for (let round = 0; round < 5; round++) {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          engine.draftPlan({ actor: ISSUER, planId: `kh-${round}-${i}`, title: i === 7 ? 'Kế hoạch\u0000 năm 2026' : `Kế hoạch ${round}-${i}` }),
        ),
      );
      const refused = outcomes.flatMap((outcome, i) => (outcome.status === 'rejected' ? [[i, (outcome.reason as { code?: string; field?: string })]] : []));
      expect(refused).toEqual([[7, expect.objectContaining({ code: 'VALIDATION', field: 'title' })]]);
    }
    expect(await store.headPosition()).toBe(5 * 19);
    await expectWholeLog(store);
    await store.close();
  });

  it('a call whose data the server refuses (SQLSTATE class 22) fails alone: the group goes again call by call', async () => {
    // PostgreSQL refusing one call's data, as it refused a NUL before the stores checked for it: a pool
    // that fails any statement carrying the marker with a data exception.
    const pool = new pg.Pool({ connectionString: server().url, max: 4 });
    pool.on('error', () => undefined);
    const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
    (pool as { query: unknown }).query = (...args: unknown[]) =>
      JSON.stringify(args).includes('MARKER-REFUSED')
        ? Promise.reject(Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' }))
        : query(...args);
    const store = postgresStore({ pool }, { schema: server().freshSchema() });
    try {
      await store.ready();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => store.append(`task-${i}`, [reported(i === 13 ? 'MARKER-REFUSED' : `Báo cáo ${i}`)], { expectedVersion: 'no_stream' })),
      );
      const refused = outcomes.flatMap((outcome, i) => (outcome.status === 'rejected' ? [[i, (outcome.reason as { code?: string }).code]] : []));
      expect(refused).toEqual([[13, 'VALIDATION']]); // storeError: text PostgreSQL cannot store
      expect((await collect(store.readAll())).map((event) => event.streamId).sort()).toEqual(
        Array.from({ length: 20 }, (_, i) => `task-${i}`).filter((id) => id !== 'task-13').sort(),
      );
      await expectWholeLog(store);
    } finally {
      await store.close();
      await pool.end();
    }
  });
});

describe('item 6 on PostgreSQL: a command id bound to its command', () => {
  it('keeps the fingerprint (both append paths) and answers another actor with CONFLICT', async () => {
    const store = postgresStore({ connectionString: server().url, max: 4 }, { schema: server().freshSchema() });
    const engine = createEngine({ store, clock: manualClock('2026-04-10T02:00:00Z') });
    // The first append of a process goes through append_events, the next ones are sealed here.
    const first = await engine.draftPlan({ actor: ISSUER, planId: 'kh-1', title: 'Kế hoạch', commandId: 'draft-1' });
    const second = await engine.draftPlan({ actor: ISSUER, planId: 'kh-2', title: 'Kế hoạch', commandId: 'draft-2' });
    expect(await store.commandFingerprint('draft-1')).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.commandFingerprint('draft-2')).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.commandFingerprint('unknown')).toBeNull();
    const other = createEngine({ store, clock: manualClock('2026-04-11T02:00:00Z') });
    expect(await other.draftPlan({ actor: ISSUER, planId: 'kh-1', title: 'Kế hoạch', commandId: 'draft-1' })).toEqual(first);
    expect(await other.draftPlan({ actor: ISSUER, planId: 'kh-2', title: 'Kế hoạch', commandId: 'draft-2' })).toEqual(second);
    await expect(other.draftPlan({ actor: { unitId: 'so-y-te' }, planId: 'kh-1', title: 'Kế hoạch', commandId: 'draft-1' })).rejects.toMatchObject({
      code: 'CONFLICT',
      field: 'commandId',
    });
    expect(await store.headPosition()).toBe(2);
    await store.close();
  });
});
