/**
 * Issue 14's fuzz suite: 10,000 seeded hostile calls (every command and every read, the nasty-string
 * corpus of `@planlog/core/testing`) made on an engine over the memory store and on one over SQLite,
 * side by side. No call may throw anything but a PlanlogError, no refusal may change the log, and the
 * two stores must answer every call alike and end with the same log. (PostgreSQL: a smaller run in
 * packages/postgres/test/fuzz.test.ts.)
 */
import fc from 'fast-check';
import { createEngine, manualClock, memoryStore, unitRef, type Engine, type EventStore, type ManualClock, type StoredEvent } from '@planlog/core';
import { hostileCallArbitrary, normalizeOutcome, runHostileCall, UNIT_NAMES, type HostileOutcome } from '@planlog/core/testing';
import { sqliteStore } from '@planlog/sqlite';
import { describe, expect, it } from 'vitest';

const SEED = 20_261_204;
const RUNS = 10_000;

const ISSUER = unitRef(UNIT_NAMES[0]!);
/** What the calls name: the set-up's plans and tasks and some unknown ones; half the actors are its issuer and leads. */
const CALLS = {
  taskIds: ['nv-1', 'nv-2', 'nv-3', 'nv-4', 'nv-5', 'nv-6', 'nv-9', 'nv-x'],
  planIds: ['kh-1', 'kh-2', 'kh-3'],
  actors: UNIT_NAMES.slice(0, 4).map((name) => ({ unitId: unitRef(name).id })),
  sacrificial: { planId: 'kh-2', taskId: 'nv-9' },
};

/** The same start on every store: plan kh-1 issued with six tasks, plan kh-2 issued with one (nv-9), kh-3 drafted. */
async function setUp(store: EventStore): Promise<{ engine: Engine; clock: ManualClock }> {
  const clock = manualClock('2026-03-02T02:00:00Z');
  const engine = createEngine({ store, clock });
  const actor = { unitId: ISSUER.id };
  await engine.draftPlan({ actor, planId: 'kh-1', title: 'Kế hoạch phổ biến, giáo dục pháp luật năm 2026', issuer: ISSUER });
  await engine.draftPlan({ actor, planId: 'kh-2', title: 'Kế hoạch công tác pháp chế năm 2026', issuer: ISSUER });
  for (const [i, taskId] of ['nv-1', 'nv-2', 'nv-3', 'nv-4', 'nv-5', 'nv-6', 'nv-9'].entries()) {
    const lead = unitRef(UNIT_NAMES[(i % 3) + 1]!);
    await engine.addTask({ actor, planId: taskId === 'nv-9' ? 'kh-2' : 'kh-1', taskId, title: `Nhiệm vụ ${i + 1}`, lead, support: [unitRef(UNIT_NAMES[(i % 3) + 4]!)], deadline: { kind: 'quarter', year: 2026, quarter: (2 + (i % 3)) as 2 | 3 | 4 } });
  }
  await engine.issuePlan({ actor, planId: 'kh-1', number: '12/KH-STP', issuedOn: '2026-03-01' });
  await engine.issuePlan({ actor, planId: 'kh-2', number: '13/KH-STP', issuedOn: '2026-03-01' });
  await engine.draftPlan({ actor, planId: 'kh-3', title: 'Kế hoạch tuyên truyền năm 2026', issuer: ISSUER });
  return { engine, clock };
}

async function logOf(store: EventStore): Promise<string[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events.map(({ hash: _hash, ...event }) => normalizeOutcome(event));
}

const describeOutcome = (outcome: HostileOutcome) => (outcome.ok ? 'ok' : 'untyped' in outcome ? 'untyped' : outcome.code);

describe('fuzz: hostile calls on memory and SQLite', () => {
  it(`${RUNS.toLocaleString('en')} seeded calls: 0 untyped errors, 0 log changes on refusal, the stores agree`, async () => {
    const calls = fc.sample(hostileCallArbitrary(CALLS), { seed: SEED, numRuns: RUNS });
    const memory = await setUp(memoryStore());
    const sqlite = await setUp(sqliteStore({ file: ':memory:' }));
    const untyped: string[] = [];
    const changedOnRefusal: string[] = [];
    const disagreements: string[] = [];
    const tally = new Map<string, number>();
    for (const [index, call] of calls.entries()) {
      const outcomes: HostileOutcome[] = [];
      for (const { engine, clock } of [memory, sqlite]) {
        const before = await engine.store.headPosition();
        const outcome = await runHostileCall(engine, clock, call);
        const after = await engine.store.headPosition();
        if (!outcome.ok && 'untyped' in outcome) untyped.push(`#${index} ${call.kind} ${'name' in call ? call.name : ''}: ${outcome.untyped}`);
        if (after !== before && (!outcome.ok || call.kind === 'read')) changedOnRefusal.push(`#${index} ${call.kind} ${'name' in call ? call.name : ''}: ${before} → ${after}`);
        outcomes.push(outcome);
      }
      if (JSON.stringify(outcomes[0]) !== JSON.stringify(outcomes[1])) {
        disagreements.push(`#${index} ${call.kind} ${'name' in call ? call.name : ''}: memory ${JSON.stringify(outcomes[0]).slice(0, 300)} / sqlite ${JSON.stringify(outcomes[1]).slice(0, 300)}`);
      }
      const key = `${call.kind}:${describeOutcome(outcomes[0]!)}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    expect(untyped.slice(0, 5)).toEqual([]);
    expect(changedOnRefusal.slice(0, 5)).toEqual([]);
    expect(disagreements.slice(0, 5)).toEqual([]);
    expect(await logOf(sqlite.engine.store)).toEqual(await logOf(memory.engine.store));
    // The run did more than refuse: commands landed, reads answered, and every refusal code came up.
    const count = (key: string) => tally.get(key) ?? 0;
    expect(count('command:ok')).toBeGreaterThan(100);
    expect(count('read:ok')).toBeGreaterThan(500);
    for (const code of ['VALIDATION', 'NOT_FOUND', 'FORBIDDEN', 'ILLEGAL_TRANSITION', 'CONFLICT']) expect(count(`command:${code}`), code).toBeGreaterThan(0);
    console.log(`fuzz (seed ${SEED}): ${calls.length} calls, log ${await memory.engine.store.headPosition()} events;`, Object.fromEntries([...tally].sort()));
    await sqlite.engine.store.close();
  }, 120_000);
});
