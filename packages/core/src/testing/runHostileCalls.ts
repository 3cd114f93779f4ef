import fc from 'fast-check';
import { manualClock, type ManualClock } from '../base/clock.js';
import { createEngine, type Engine } from '../engine/createEngine.js';
import type { StoredEvent } from '../schemas/events.js';
import type { EventStore } from '../store/EventStore.js';
import { unitRef } from '../schemas/unitId.js';
import { UNIT_NAMES } from './valueArbitraries.js';
import { hostileCallArbitrary, normalizeOutcome, runHostileCall, type HostileCall, type HostileCallOptions, type HostileOutcome } from './hostileCalls.js';

// ---------------------------------------------------------------------------------------------------
// A whole run: the same calls on engines over several stores, side by side.
// ---------------------------------------------------------------------------------------------------

const ISSUER = unitRef(UNIT_NAMES[0]!);
const TASKS = ['nv-1', 'nv-2', 'nv-3', 'nv-4', 'nv-5', 'nv-6', 'nv-9'];
/** The lead the set-up gives each task. */
const leadOf = (taskId: string) => unitRef(UNIT_NAMES[(TASKS.indexOf(taskId) % 3) + 1]!);
/** Commands the set-up's task leads run; the issuer runs the rest. */
const LEAD_COMMANDS = new Set(['acknowledgeTask', 'reportTask']);

/** What a run's calls name: the set-up's plans and tasks and some unknown ones; half the actors are its issuer and leads. */
export const HOSTILE_RUN_CALLS: HostileCallOptions = {
  taskIds: ['nv-1', 'nv-2', 'nv-3', 'nv-4', 'nv-5', 'nv-6', 'nv-9', 'nv-x'],
  planIds: ['kh-1', 'kh-2', 'kh-3'],
  actors: UNIT_NAMES.slice(0, 4).map((name) => ({ unitId: unitRef(name).id })),
  sacrificial: { planId: 'kh-2', taskId: 'nv-9' },
  rightActor: (command, input) =>
    LEAD_COMMANDS.has(command) ? (TASKS.includes(input.taskId as string) ? { unitId: leadOf(input.taskId as string).id } : undefined) : { unitId: ISSUER.id },
};

/** The same start on every store: plan kh-1 issued with six tasks, plan kh-2 issued with one (nv-9), kh-3 drafted. */
export async function hostileRunSetUp(store: EventStore): Promise<{ engine: Engine; clock: ManualClock }> {
  const clock = manualClock('2026-03-02T02:00:00Z');
  const engine = createEngine({ store, clock });
  const actor = { unitId: ISSUER.id };
  await engine.draftPlan({ actor, planId: 'kh-1', title: 'Kế hoạch phổ biến, giáo dục pháp luật năm 2026', issuer: ISSUER });
  await engine.draftPlan({ actor, planId: 'kh-2', title: 'Kế hoạch công tác pháp chế năm 2026', issuer: ISSUER });
  for (const [i, taskId] of TASKS.entries()) {
    await engine.addTask({
      actor,
      planId: taskId === 'nv-9' ? 'kh-2' : 'kh-1',
      taskId,
      title: `Nhiệm vụ ${i + 1}`,
      lead: leadOf(taskId),
      support: [unitRef(UNIT_NAMES[(i % 3) + 4]!)],
      deadline: { kind: 'quarter', year: 2026, quarter: (2 + (i % 3)) as 2 | 3 | 4 },
    });
  }
  await engine.issuePlan({ actor, planId: 'kh-1', number: '12/KH-STP', issuedOn: '2026-03-01' });
  await engine.issuePlan({ actor, planId: 'kh-2', number: '13/KH-STP', issuedOn: '2026-03-01' });
  await engine.draftPlan({ actor, planId: 'kh-3', title: 'Kế hoạch tuyên truyền năm 2026', issuer: ISSUER });
  return { engine, clock };
}

export type HostileRunReport = {
  calls: number;
  /** Calls that threw something else than a PlanlogError. */
  untyped: string[];
  /** Refused calls (and reads) after which a store's head had moved. */
  changedOnRefusal: string[];
  /** Calls the stores answered differently. */
  disagreements: string[];
  /** Outcomes by kind, as the first store gave them: `command:ok`, `command:FORBIDDEN`, `read:VALIDATION`, … */
  tally: Record<string, number>;
  /** Each store's log at the end, uuids and hashes masked. */
  logs: string[][];
};

async function maskedLog(store: EventStore): Promise<string[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events.map(({ hash: _hash, ...event }) => normalizeOutcome(event));
}

const nameOf = (call: HostileCall) => `${call.kind}${'name' in call ? ` ${call.name}` : ''}`;

/**
 * `runs` calls drawn from `hostileCallArbitrary(HOSTILE_RUN_CALLS)` with `seed`, each made on an engine
 * over every store (each set up with `hostileRunSetUp`) in turn. The stores are not closed.
 */
export async function runHostileCalls(stores: readonly EventStore[], options: { seed: number; runs: number }): Promise<HostileRunReport> {
  const calls = fc.sample(hostileCallArbitrary(HOSTILE_RUN_CALLS), { seed: options.seed, numRuns: options.runs });
  const engines = [];
  for (const store of stores) engines.push(await hostileRunSetUp(store));
  const report: HostileRunReport = { calls: calls.length, untyped: [], changedOnRefusal: [], disagreements: [], tally: {}, logs: [] };
  for (const [index, call] of calls.entries()) {
    const outcomes: HostileOutcome[] = [];
    for (const { engine, clock } of engines) {
      const before = await engine.store.headPosition();
      const outcome = await runHostileCall(engine, clock, call);
      const after = await engine.store.headPosition();
      if (!outcome.ok && 'untyped' in outcome) report.untyped.push(`#${index} ${nameOf(call)}: ${outcome.untyped}`);
      if (after !== before && (!outcome.ok || call.kind === 'read')) report.changedOnRefusal.push(`#${index} ${nameOf(call)}: ${before} → ${after}`);
      outcomes.push(outcome);
    }
    const first = JSON.stringify(outcomes[0]);
    outcomes.forEach((outcome, i) => {
      if (JSON.stringify(outcome) !== first) report.disagreements.push(`#${index} ${nameOf(call)}: store 0 ${first.slice(0, 300)} / store ${i} ${JSON.stringify(outcome).slice(0, 300)}`);
    });
    const head = outcomes[0]!;
    const key = `${call.kind}:${head.ok ? 'ok' : 'untyped' in head ? 'untyped' : head.code}`;
    report.tally[key] = (report.tally[key] ?? 0) + 1;
  }
  for (const { engine } of engines) report.logs.push(await maskedLog(engine.store));
  return report;
}
