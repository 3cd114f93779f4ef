/** Issue 14 on SQLite: a lone surrogate never reaches the file; a command id is bound across a restart. */
import { join } from 'node:path';
import { createEngine, manualClock } from '@planlog/core';
import { sqliteStore, STORE_SCHEMA_VERSION } from '@planlog/sqlite';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDirs } from './tempDir.js';

const tempDir = tempDirs();
const STP = { id: 'so-tu-phap', name: 'Sở Tư pháp' };
const ISSUER = { unitId: STP.id };
const HALF_EMOJI = 'Nhiệm vụ 👩'.slice(0, 10); // ends in a lone high surrogate

describe('item 1: a lone UTF-16 surrogate no longer bricks a SQLite log', () => {
  it.each([
    ['taskId', (planId: string) => ({ actor: ISSUER, planId, taskId: HALF_EMOJI, title: 'Nhiệm vụ' })],
    ['commandId', (planId: string) => ({ actor: ISSUER, planId, taskId: 'T2', title: 'Nhiệm vụ', commandId: HALF_EMOJI })],
    ['correlationId', (planId: string) => ({ actor: ISSUER, planId, taskId: 'T2', title: 'Nhiệm vụ', correlationId: HALF_EMOJI })],
    ['title', (planId: string) => ({ actor: ISSUER, planId, taskId: 'T2', title: HALF_EMOJI })],
  ])('in a %s: the command is refused (VALIDATION), and the log stays usable and verifies', async (field, input) => {
    const file = join(tempDir(), 'plans.db');
    const clock = manualClock('2026-04-10T02:00:00Z');
    const store = sqliteStore({ file });
    const engine = createEngine({ store, clock });
    await engine.draftPlan({ actor: ISSUER, planId: 'kh-1', title: 'Kế hoạch', issuer: STP });
    await expect(engine.addTask(input('kh-1'))).rejects.toMatchObject({ code: 'VALIDATION', field });
    // A plan id too: refused the same way.
    await expect(engine.draftPlan({ actor: ISSUER, planId: HALF_EMOJI, title: 'Kế hoạch' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'planId' });
    expect(await store.headPosition()).toBe(1);
    // The next commands and reads work, on this engine and on a fresh one over the reopened file.
    await engine.addTask({ actor: ISSUER, planId: 'kh-1', taskId: 'T1', title: 'Rà soát văn bản', lead: { id: 'phong-a', name: 'Phòng A' }, deadline: { kind: 'quarter', year: 2026, quarter: 2 } });
    await engine.issuePlan({ actor: ISSUER, planId: 'kh-1', number: '1/KH-STP', issuedOn: '2026-04-10' });
    await store.close();
    const reopened = sqliteStore({ file });
    const again = createEngine({ store: reopened, clock });
    expect((await again.getTask('T1')).state).toBe('assigned');
    expect((await again.verify()).ok).toBe(true);
    await reopened.close();
  });

  it('a direct append of such an event is refused by the store too, naming the field', async () => {
    const store = sqliteStore({ file: ':memory:' });
    const engine = createEngine({ store, clock: manualClock('2026-04-10T02:00:00Z') });
    await engine.draftPlan({ actor: ISSUER, planId: 'kh-1', title: 'Kế hoạch', issuer: STP });
    const [drafted] = await store.readStream('plan-kh-1');
    const { streamId: _s, version: _v, position: _p, hash: _h, ...event } = drafted!;
    for (const [patch, field] of [
      [{ commandId: HALF_EMOJI }, 'events[0].commandId'],
      [{ data: { ...event.data, title: HALF_EMOJI } }, 'events[0].data.title'],
      [{ data: { ...event.data, title: 'a\u0000b' } }, 'events[0].data.title'],
    ] as const) {
      await expect(store.append('plan-kh-2', [{ ...event, id: '0190a000-0000-7000-8000-00000000000a', ...patch } as never], { expectedVersion: 'no_stream' })).rejects.toMatchObject({
        code: 'VALIDATION',
        field,
      });
    }
    expect(await store.headPosition()).toBe(1);
    await store.close();
  });
});

describe('item 3 on SQLite: one caller\'s bad text in a group commit', () => {
  it('20 concurrent draftPlans, one title holding a NUL: only that one is refused', async () => {
    const store = sqliteStore({ file: join(tempDir(), 'plans.db') });
    const engine = createEngine({ store, clock: manualClock('2026-04-10T02:00:00Z') });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => engine.draftPlan({ actor: ISSUER, planId: `kh-${i}`, title: i === 7 ? 'Kế hoạch\u0000 năm 2026' : `Kế hoạch ${i}` })),
    );
    const refused = outcomes.flatMap((outcome, i) => (outcome.status === 'rejected' ? [[i, (outcome.reason as { code?: string; field?: string })]] : []));
    expect(refused).toEqual([[7, expect.objectContaining({ code: 'VALIDATION', field: 'title' })]]);
    expect(await store.headPosition()).toBe(19);
    await store.close();
  });
});

describe('item 6 on SQLite: the fingerprint of a command id outlives the process', () => {
  it('is kept in planlog_commands (schema version 2) and binds the id after a restart', async () => {
    const file = join(tempDir(), 'plans.db');
    const clock = manualClock('2026-04-10T02:00:00Z');
    const store = sqliteStore({ file });
    const engine = createEngine({ store, clock });
    const first = await engine.draftPlan({ actor: ISSUER, planId: 'kh-1', title: 'Kế hoạch', issuer: STP, commandId: 'draft-1' });
    await store.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT version FROM planlog_schema').pluck().get()).toBe(STORE_SCHEMA_VERSION);
    expect(raw.prepare('SELECT fingerprint FROM planlog_commands WHERE command_id = ?').pluck().get('draft-1')).toMatch(/^[0-9a-f]{64}$/);
    raw.close();
    const reopened = sqliteStore({ file });
    const again = createEngine({ store: reopened, clock });
    expect(await again.draftPlan({ actor: ISSUER, planId: 'kh-1', title: 'Kế hoạch', issuer: STP, commandId: 'draft-1' })).toEqual(first);
    await expect(again.draftPlan({ actor: { unitId: 'so-y-te' }, planId: 'kh-1', title: 'Kế hoạch', issuer: STP, commandId: 'draft-1' })).rejects.toMatchObject({
      code: 'CONFLICT',
      field: 'commandId',
    });
    await reopened.close();
  });

  it('a command id kept without a fingerprint (events copied in by an import) still replays for the same actor and command only', async () => {
    const file = join(tempDir(), 'plans.db');
    const clock = manualClock('2026-04-10T02:00:00Z');
    const store = sqliteStore({ file });
    const engine = createEngine({ store, clock });
    const first = await engine.draftPlan({ actor: ISSUER, planId: 'kh-1', title: 'Kế hoạch', issuer: STP, commandId: 'draft-1' });
    await store.close();
    // As `planlog import` leaves it: the events and their command ids, no fingerprint (an export has none).
    const raw = new Database(file);
    raw.exec('UPDATE planlog_commands SET fingerprint = NULL');
    raw.close();
    const reopened = sqliteStore({ file });
    const again = createEngine({ store: reopened, clock });
    expect(await reopened.commandFingerprint('draft-1')).toBeNull();
    expect(await again.draftPlan({ actor: ISSUER, planId: 'kh-1', title: 'Kế hoạch', issuer: STP, commandId: 'draft-1' })).toEqual(first);
    await expect(again.draftPlan({ actor: { unitId: 'so-y-te' }, planId: 'kh-1', title: 'Kế hoạch', commandId: 'draft-1' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(again.addTask({ actor: ISSUER, planId: 'kh-1', title: 'Nhiệm vụ', commandId: 'draft-1' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await reopened.close();
  });
});
