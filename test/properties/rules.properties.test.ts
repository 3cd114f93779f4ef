/**
 * Property tests of rules versions (issue 22): logs written under version 1 replay under today's
 * code to the states version 1's own fold gives; random interleavings of upgrades and commands
 * never leave a task in a state the version in force did not allow; and the compiled fold of
 * recorded events (`evolveCompiled`, what LiveState and loadStream run) equals the same question
 * asked of XState (`evolve`).
 *
 * PLANLOG_PROPERTY_RUNS raises the number of runs; PLANLOG_PROPERTY_SEED replays one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createEngine,
  decide,
  evolve,
  evolveCompiled,
  fold,
  initialSnapshotOf,
  loadStream,
  planMachine,
  rulesVersion,
  rulesVersions,
  taskMachine,
  upcastEvent,
  type EventStore,
  type MachineEvent,
  type MachineKind,
  type StoredEvent,
  type TaskView,
} from '@planlog/core';
import { COMMAND_NAMES, machineEventArbitrary, runScenario, scenarioArbitrary } from '@planlog/core/testing';

const NUM_RUNS = Math.max(60, Number(process.env.PLANLOG_PROPERTY_RUNS) || 0);
const SEED = process.env.PLANLOG_PROPERTY_SEED === undefined ? {} : { seed: Number(process.env.PLANLOG_PROPERTY_SEED) };
const params = { numRuns: NUM_RUNS, ...SEED };
const TIMEOUT = Math.max(60_000, NUM_RUNS * 600);

const VERSIONS = rulesVersions.map((rules) => rules.version);

async function allEvents(store: EventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readAll()) events.push(upcastEvent(event));
  return events;
}

function byStream(events: readonly StoredEvent[]): Map<string, StoredEvent[]> {
  const streams = new Map<string, StoredEvent[]>();
  for (const event of events) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
  return streams;
}

/** A task view agrees with a machine snapshot: its state, and every view field that comes from the context. */
function expectSame(view: TaskView | undefined, snapshot: { value: unknown; context: object }): void {
  expect(view).toBeDefined();
  const { state, version: _version, ...fields } = view!;
  expect(state).toBe(snapshot.value);
  const context = snapshot.context as Record<string, unknown>;
  expect(fields).toEqual(Object.fromEntries(Object.keys(fields).map((key) => [key, context[key]])));
}

/**
 * The rules version in force for each plan at each position: its draft's, then each upgrade's from
 * the position after it (read from the log, not from the engine).
 */
function rulesInForce(events: readonly StoredEvent[]): (planId: string, position: number) => number {
  const changes = new Map<string, { position: number; rules: number }[]>();
  for (const event of events) {
    const planId = event.streamId.slice('plan-'.length);
    if (event.type === 'plan.drafted') changes.set(planId, [{ position: event.position, rules: event.data.rules ?? 1 }]);
    if (event.type === 'plan.rules_upgraded') changes.get(planId)!.push({ position: event.position, rules: event.data.to });
  }
  return (planId, position) => changes.get(planId)?.findLast((change) => change.position < position)?.rules ?? 1;
}

const withoutUpgrades = COMMAND_NAMES.filter((name) => name !== 'upgradeRules');
// Upgrades drawn often enough that most runs have one somewhere in the middle.
const withUpgrades = [...COMMAND_NAMES, ...Array.from({ length: 6 }, () => 'upgradeRules' as const)];
// The commands version 2 changes, and those that lead to them, drawn more often still.
const aroundTheChange = [...withUpgrades, ...withUpgrades.filter((name) => name === 'upgradeRules'), 'acknowledgeTask', 'acknowledgeTask', 'reassignTask', 'reassignTask', 'reassignTask', 'reportTask'] as const;

describe('rules versions (properties)', () => {
  it('a log written under version 1 replays under today\'s code to the states version 1\'s own fold gives', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary({ commands: withoutUpgrades, maxSteps: 40 }), async (scenario) => {
        const run = await runScenario(scenario);
        const events = await allEvents(run.store);
        expect(events.every((event) => event.type !== 'plan.drafted' || (event.data.rules ?? 1) === 1)).toBe(true);
        const today = createEngine({ store: run.store, clock: run.clock });
        const replayed = await today.replay();
        for (const [streamId, stream] of byStream(events)) {
          if (streamId.startsWith('task-')) {
            const own = fold(taskMachine, stream as MachineEvent[]);
            expectSame(replayed.tasks.find((task) => task.taskId === own.context.taskId), own);
            expect((await loadStream(run.store, streamId)).machineState).toEqual({ value: own.value, context: own.context });
          } else {
            const own = fold(planMachine, stream as MachineEvent[]);
            expect(replayed.plans.find((plan) => plan.planId === own.context.planId)).toMatchObject({ state: own.value, rules: 1 });
          }
        }
      }),
      params,
    );
  }, TIMEOUT);

  it('random interleavings of upgrades and commands: every recorded task event was allowed by the version in force when it was recorded, and replay agrees', async () => {
    let upgraded = 0;
    let refusedByV2 = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary({ commands: aroundTheChange, maxSteps: 40 }), async (scenario) => {
        const run = await runScenario(scenario);
        const events = await allEvents(run.store);
        if (events.some((event) => event.type === 'plan.rules_upgraded')) upgraded++;
        // Reassignments only version 2 refuses: of an acknowledged or in-progress task, to another lead.
        refusedByV2 += run.records.filter((record) => {
          const details = (record.error as { details?: { rules?: number; state?: string } } | undefined)?.details;
          return record.sent?.name === 'reassignTask' && details?.rules === 2 && (details.state === 'acknowledged' || details.state === 'in_progress');
        }).length;
        const inForce = rulesInForce(events);
        const replayed = await createEngine({ store: run.store, clock: run.clock }).replay();
        for (const [streamId, stream] of byStream(events)) {
          if (!streamId.startsWith('task-')) continue;
          const planId = (stream[0] as StoredEvent<'task.added'>).data.planId;
          let snapshot = initialSnapshotOf(taskMachine);
          for (const event of stream) {
            const version = inForce(planId, event.position);
            const machine = rulesVersion(version).task;
            const own = machine.resolveState({ value: snapshot.value, context: snapshot.context });
            const next = decide(machine, own, event);
            expect(next, `${event.type} at ${event.position} in ${String(snapshot.value)} under rules ${version}`).not.toBeNull();
            if (version >= 2 && event.type === 'task.reassigned') expect(['assigned']).toContain(String(snapshot.value));
            snapshot = next!;
          }
          expectSame(replayed.tasks.find((task) => task.taskId === snapshot.context.taskId), snapshot);
        }
      }),
      params,
    );
    expect(upgraded, 'runs with an upgrade').toBeGreaterThan(NUM_RUNS / 4);
    expect(refusedByV2, 'reassignments refused by version 2').toBeGreaterThan(0);
  }, TIMEOUT);

  it('several engines racing upgrades and commands: every recorded event is one some carried version accepts, and the engine folds what XState folds', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary({ commands: withUpgrades, maxSteps: 30, maxTasks: 3 }), async (scenario) => {
        const run = await runScenario(scenario, { engines: 3 });
        const events = await allEvents(run.store);
        const inForce = rulesInForce(events);
        const replayed = await createEngine({ store: run.store, clock: run.clock }).replay();
        for (const [streamId, stream] of byStream(events)) {
          if (!streamId.startsWith('task-')) continue;
          const planId = (stream[0] as StoredEvent<'task.added'>).data.planId;
          let snapshot = initialSnapshotOf(taskMachine);
          for (const event of stream) {
            const next = evolve('task', inForce(planId, event.position), snapshot, event);
            expect(next, `${event.type} at ${event.position}`).not.toBeNull();
            snapshot = next!.snapshot;
          }
          expectSame(replayed.tasks.find((task) => task.taskId === snapshot.context.taskId), snapshot);
        }
      }),
      { ...params, numRuns: Math.ceil(NUM_RUNS / 2) },
    );
  }, TIMEOUT);

  it.each(['task', 'plan'] as const)('the compiled fold of recorded %s events equals XState\'s, whatever version is in force at each event', (kind: MachineKind) => {
    fc.assert(
      fc.property(fc.array(fc.tuple(machineEventArbitrary(kind), fc.constantFrom(...VERSIONS)), { maxLength: 40 }), (steps) => {
        const machine = kind === 'task' ? taskMachine : planMachine;
        let snapshot = initialSnapshotOf(machine as typeof taskMachine);
        let machineState = { value: String(snapshot.value), context: snapshot.context };
        for (const [event, version] of steps) {
          const viaXstate = evolve(kind, version, snapshot as never, event);
          const compiled = evolveCompiled(kind, version, machineState as never, event);
          expect(compiled === null, `${event.type} in ${machineState.value} under ${version}`).toBe(viaXstate === null);
          if (viaXstate === null || compiled === null) continue;
          expect(compiled.by).toBe(viaXstate.by);
          expect(compiled.machineState.value).toBe(viaXstate.snapshot.value);
          expect(compiled.machineState.context).toStrictEqual(viaXstate.snapshot.context);
          snapshot = viaXstate.snapshot as never;
          machineState = compiled.machineState as never;
        }
      }),
      { numRuns: NUM_RUNS * 5, ...SEED },
    );
  }, TIMEOUT);
});
