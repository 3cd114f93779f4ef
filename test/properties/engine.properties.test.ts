/**
 * Property tests of the engine (issue 3, item 7): random scenarios (a plan with 1–6 tasks, then up
 * to 60 steps of commands by right and wrong actors, bad inputs, repeated command ids, clock
 * advances and ticks) run on a memory store; each property checks one promise of the design
 * against what the engine answered and what the log holds.
 *
 * PLANLOG_PROPERTY_RUNS raises the number of runs (never below 200); PLANLOG_PROPERTY_SEED replays one.
 */
import fc from 'fast-check';
import { createActor, type InspectedMicrostepEvent } from 'xstate';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createEngine,
  dueAtOf,
  fold,
  manualClock,
  memoryStore,
  unitRef,
  type Deadline,
  type ErrorCode,
  initialSnapshotOf,
  decide,
  isPlanlogError,
  planMachine,
  StoredEventSchema,
  taskMachine,
  type Engine,
  type EventStore,
  type MachineEvent,
  type PlanView,
  type StoredEvent,
  type TaskView,
} from '@planlog/core';
import { GENESIS_HASH, hashEvent } from '@planlog/core/store';
import {
  clockAdvanceArbitrary,
  deadlineArbitrary,
  given,
  instantArbitrary,
  machineEventArbitrary,
  runScenario,
  scenarioArbitrary,
  type GivenEvent,
  type ScenarioRun,
  type StepRecord,
  type WhenCommand,
} from '@planlog/core/testing';

const NUM_RUNS = Math.max(200, Number(process.env.PLANLOG_PROPERTY_RUNS) || 0);
const SEED = process.env.PLANLOG_PROPERTY_SEED === undefined ? {} : { seed: Number(process.env.PLANLOG_PROPERTY_SEED) };
const params = { numRuns: NUM_RUNS, ...SEED };
/** Per-test time limit: the workspace's 60 s at 200 runs, more when PLANLOG_PROPERTY_RUNS asks for more. */
const TIMEOUT = Math.max(60_000, NUM_RUNS * 300);

const REFUSAL_CODES = ['VALIDATION', 'NOT_FOUND', 'CONFLICT', 'ILLEGAL_TRANSITION', 'FORBIDDEN', 'STORE'];
const FINAL_TASK_EVENTS = new Set(['task.report_accepted', 'task.cancelled']);

const scenarios = scenarioArbitrary();

// ------------------------------------------------------------------------------------------------
// Helpers
// ------------------------------------------------------------------------------------------------

async function allEvents(store: EventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

function byStream(events: readonly StoredEvent[]): Map<string, StoredEvent[]> {
  const streams = new Map<string, StoredEvent[]>();
  for (const event of events) {
    const list = streams.get(event.streamId) ?? [];
    list.push(event);
    streams.set(event.streamId, list);
  }
  return streams;
}

async function orNotFound<T>(read: Promise<T>): Promise<T | 'NOT_FOUND'> {
  try {
    return await read;
  } catch (error) {
    if (isPlanlogError(error, 'NOT_FOUND')) return 'NOT_FOUND';
    throw error;
  }
}

/** Every plan and task an engine knows among `planIds`/`taskIds`, or NOT_FOUND. */
async function viewsOf(engine: Engine, planIds: readonly string[], taskIds: readonly string[]) {
  const plans: Record<string, PlanView | 'NOT_FOUND'> = {};
  const tasks: Record<string, TaskView | 'NOT_FOUND'> = {};
  for (const id of planIds) plans[id] = await orNotFound(engine.getPlan(id));
  for (const id of taskIds) tasks[id] = await orNotFound(engine.getTask(id));
  return { plans, tasks };
}

/** Every id the log or the run names. */
function idsOf(run: ScenarioRun, replayed: { plans: PlanView[]; tasks: TaskView[] }) {
  const planIds = [...new Set([...run.planIds, ...replayed.plans.map((plan) => plan.planId), 'khong-co'])];
  const taskIds = [...new Set([...run.taskIds, ...replayed.tasks.map((task) => task.taskId), 'khong-co'])];
  return { planIds, taskIds };
}

/** Checks on one task stream: at most one `task.overdue` per deadline episode, each at or after the due instant in force. */
function checkOverdueEpisodes(events: readonly StoredEvent[]): void {
  let dueAt: string | null = null;
  let flagged = false;
  for (const event of events) {
    switch (event.type) {
      case 'task.added':
      case 'task.assigned':
        dueAt = event.data.dueAt;
        flagged = false;
        break;
      case 'task.deadline_extended':
        dueAt = event.data.dueAt;
        flagged = false;
        break;
      case 'task.overdue':
        expect(flagged, `second task.overdue in one deadline episode at position ${event.position}`).toBe(false);
        expect(event.data.dueAt, `task.overdue for a deadline not in force at position ${event.position}`).toBe(dueAt);
        expect(Date.parse(event.recordedAt), `task.overdue before its due instant at position ${event.position}`).toBeGreaterThanOrEqual(Date.parse(dueAt!));
        flagged = true;
        break;
      default:
        break;
    }
  }
}

/** After a tick at `now`, no task that is running and past due is left without its overdue flag. */
async function checkNothingDueLeft(engine: Engine, run: ScenarioRun, now: string): Promise<void> {
  for (const taskId of run.taskIds) {
    const task = await engine.getTask(taskId);
    if (!['assigned', 'acknowledged', 'in_progress'].includes(task.state) || task.dueAt === null) continue;
    const plan = await engine.getPlan(task.planId);
    if (plan.state !== 'issued') continue;
    if (Date.parse(task.dueAt) <= Date.parse(now)) {
      expect(task.overdue, `task ${taskId} (${task.state}, due ${task.dueAt}) is not overdue after a tick at ${now}`).toBe(true);
    }
  }
}

/** What the scenarios covered, summed over all runs (guards against properties that hold vacuously). */
const seen = new Map<string, number>();
function count(key: string, n = 1): void {
  seen.set(key, (seen.get(key) ?? 0) + n);
}
let tallied = 0;
function tally(run: ScenarioRun): void {
  tallied++;
  for (const record of run.records) {
    if (record.sent && !record.ok) count(`refused:${isPlanlogError(record.error) ? record.error.code : 'other'}`);
    if (record.repeatOf !== undefined && record.ok && record.appended.length === 0) count('repeat:idempotent');
    for (const event of record.appended) count(`event:${event.type}`);
  }
}

// ------------------------------------------------------------------------------------------------
// Properties
// ------------------------------------------------------------------------------------------------

describe('engine properties (random scenarios)', () => {
  afterAll(() => {
    // Every kind of refusal and the interesting events showed up somewhere in the runs (checked when
    // at least one full property ran, not when a filter picked others).
    if (tallied < NUM_RUNS) return;
    for (const key of ['refused:VALIDATION', 'refused:NOT_FOUND', 'refused:ILLEGAL_TRANSITION', 'refused:FORBIDDEN', 'repeat:idempotent']) {
      expect(seen.get(key) ?? 0, `no scenario produced ${key}`).toBeGreaterThan(0);
    }
    for (const type of ['task.overdue', 'task.report_accepted', 'task.report_returned', 'task.cancelled', 'task.deadline_extended', 'task.reassigned', 'report.overdue', 'plan.closed']) {
      expect(seen.get(`event:${type}`) ?? 0, `no scenario produced ${type}`).toBeGreaterThan(0);
    }
  });

  it('(a) a refused command appends nothing and throws a PlanlogError with a known code; an accepted one appends its events', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        const run = await runScenario(scenario);
        tally(run);
        for (const record of run.records) {
          if (record.step.kind === 'tick') {
            expect(record.ok, `tick threw: ${String(record.error)}`).toBe(true);
            continue;
          }
          if (!record.sent) continue;
          if (!record.ok) {
            const error = record.error;
            expect(isPlanlogError(error), `${record.sent.name} threw a non-PlanlogError: ${String(error)}`).toBe(true);
            expect(REFUSAL_CODES).toContain((error as { code: string }).code);
            expect(record.headAfter, `refused ${record.sent.name} appended`).toBe(record.headBefore);
            expect(record.appended).toEqual([]);
          } else if (record.appended.length > 0) {
            // An accepted command appends under its own command id and resolves to its last position.
            expect(record.result!.position).toBe(record.appended.at(-1)!.position);
            const commandIds = new Set(record.appended.map((event) => event.commandId));
            expect(commandIds.size).toBe(1);
            if (typeof record.sent.input.commandId === 'string') expect([...commandIds]).toEqual([record.sent.input.commandId]);
          } else {
            // Accepting without appending is only for a repeated command id.
            expect(record.repeatOf, `${record.sent.name} was accepted but appended nothing`).toBeDefined();
          }
        }
      }),
      params,
    );
  }, TIMEOUT);

  let asOfInstantChecks = 0;
  it('(b) replaying the log, and a fresh engine on the same store, give exactly the live state; replay as of a past position or instant gives the state seen then', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, fc.nat(), async (scenario, pick) => {
        // The live state at one step in the middle, to compare with replay({ asOf }) at its position.
        let checkpoint: { record: StepRecord; views: Awaited<ReturnType<typeof viewsOf>>; at: string } | undefined;
        const at = pick % (scenario.steps.length + 1);
        const run = await runScenario(scenario, {
          async afterStep(record, current) {
            if (record.index === at || (checkpoint === undefined && record.index === -1 && at >= scenario.steps.length)) {
              checkpoint = { record, views: await viewsOf(current.engines[0]!, current.planIds, current.taskIds), at: current.clock.now().toISOString() };
            }
          },
        });
        const engine = run.engines[0]!;
        const replayed = await engine.replay();
        expect(replayed.position).toBe(await run.store.headPosition());
        const { planIds, taskIds } = idsOf(run, replayed);
        const live = await viewsOf(engine, planIds, taskIds);
        for (const plan of replayed.plans) expect(live.plans[plan.planId]).toEqual(plan);
        for (const task of replayed.tasks) expect(live.tasks[task.taskId]).toEqual(task);
        expect(Object.values(live.plans).filter((view) => view !== 'NOT_FOUND')).toHaveLength(replayed.plans.length);
        expect(Object.values(live.tasks).filter((view) => view !== 'NOT_FOUND')).toHaveLength(replayed.tasks.length);

        const fresh = createEngine({ store: run.store, clock: run.clock });
        expect(await viewsOf(fresh, planIds, taskIds)).toEqual(live);
        for (const planId of run.planIds) {
          expect(await fresh.getPlanSummary(planId)).toEqual(await engine.getPlanSummary(planId));
        }

        // One stream alone.
        const taskId = run.taskIds[pick % run.taskIds.length]!;
        const one = await engine.replay({ streamId: `task-${taskId}` });
        expect(one.tasks).toEqual([live.tasks[taskId]]);
        expect(one.plans).toEqual([]);

        // As of a past position: the state the engine had then.
        if (checkpoint) {
          const past = await engine.replay({ asOf: checkpoint.record.headAfter });
          expect(past.position).toBe(checkpoint.record.headAfter);
          for (const plan of past.plans) expect(checkpoint.views.plans[plan.planId]).toEqual(plan);
          for (const task of past.tasks) expect(checkpoint.views.tasks[task.taskId]).toEqual(task);
          const known = Object.values(checkpoint.views.tasks).filter((view) => view !== 'NOT_FOUND');
          expect(past.tasks).toHaveLength(known.length);
          // As of the instant the clock showed then: the same, unless later events share that instant.
          const later: string[] = [];
          for await (const event of run.store.readAll({ fromPosition: checkpoint.record.headAfter + 1 })) later.push(event.recordedAt);
          if (later.every((recordedAt) => Date.parse(recordedAt) > Date.parse(checkpoint!.at))) {
            asOfInstantChecks++;
            const then = await engine.replay({ asOf: checkpoint.at });
            expect(then.plans).toEqual(past.plans);
            expect(then.tasks).toEqual(past.tasks);
          }
        }
      }),
      params,
    );
    expect(asOfInstantChecks).toBeGreaterThan(0);
  }, TIMEOUT);

  it('(d) at most one task.overdue per task and deadline episode, never before the due instant; after a tick nothing due is left unflagged', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        const run = await runScenario(scenario, {
          async afterStep(record, current) {
            if (record.step.kind === 'tick' && record.ok) await checkNothingDueLeft(current.engines[0]!, current, record.now);
          },
        });
        tally(run);
        const events = await allEvents(run.store);
        for (const [streamId, stream] of byStream(events)) {
          if (streamId.startsWith('task-')) checkOverdueEpisodes(stream);
        }
        // Overdue events only come from ticks, and a tick appends nothing else.
        for (const record of run.records) {
          const overdue = record.appended.filter((event) => event.type === 'task.overdue' || event.type === 'report.overdue');
          if (record.step.kind === 'tick') expect(overdue).toHaveLength(record.appended.length);
          else expect(overdue).toEqual([]);
        }
      }),
      params,
    );
  }, TIMEOUT);

  // (e) and the first (i) share their runs: both read one scenario's log stream by stream.
  it('(e) a completed or cancelled task never gets another event; (i) every stream of the log folds through the machines from a fresh start to the state the engine holds', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        const run = await runScenario(scenario);
        const events = await allEvents(run.store);
        const engine = run.engines[0]!;
        for (const [streamId, stream] of byStream(events)) {
          if (!streamId.startsWith('task-')) {
            // (i) fold() throws on an event the machine refuses.
            const snapshot = fold(planMachine, stream as MachineEvent[]);
            expect((await engine.getPlan(snapshot.context.planId)).state).toBe(snapshot.value);
            continue;
          }
          const end = stream.findIndex((event) => FINAL_TASK_EVENTS.has(event.type));
          if (end >= 0) expect(stream.slice(end + 1).map((event) => event.type), `${streamId} changed after ${stream[end]!.type}`).toEqual([]);
          const snapshot = fold(taskMachine, stream as MachineEvent[]);
          const view = await engine.getTask(snapshot.context.taskId);
          expect(view.state).toBe(snapshot.value);
          expect(view.overdue).toBe(snapshot.context.overdue);
        }
        for (const taskId of run.taskIds) {
          const task = await engine.getTask(taskId);
          if (task.state === 'completed') expect(task.outcome).not.toBeNull();
          if (task.state === 'completed' || task.state === 'cancelled') expect(task.overdue).toBe(false);
        }
      }),
      params,
    );
  }, TIMEOUT);

  it('(f) repeating a command id resolves to an equal result and appends nothing', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, fc.nat(), async (scenario, pick) => {
        const run = await runScenario(scenario);
        tally(run);
        const firstSuccess = new Map<string, StepRecord>();
        for (const record of run.records) {
          const commandId = record.sent?.input.commandId;
          if (typeof commandId !== 'string') continue;
          const first = firstSuccess.get(commandId);
          if (first) {
            expect(record.ok, `repeat of ${commandId} was refused: ${String(record.error)}`).toBe(true);
            expect(record.result).toEqual(first.result);
            expect(record.appended).toEqual([]);
          } else if (record.ok) {
            firstSuccess.set(commandId, record);
          }
        }
        // The log keeps each command's events under its id.
        for (const [commandId, record] of firstSuccess) {
          expect(await run.store.readCommand(commandId)).toEqual(record.appended);
        }
        // Sending every accepted command again at the end changes nothing either, even from a fresh engine.
        const engine = createEngine({ store: run.store, clock: run.clock });
        const head = await run.store.headPosition();
        for (const [, record] of firstSuccess) {
          const again = await (engine[record.sent!.name] as (input: unknown) => Promise<unknown>)(structuredClone(record.sent!.input));
          expect(again).toEqual(record.result);
        }
        // The same id on another command is refused (CONFLICT: a command id is bound to its command, actor and input).
        const accepted = [...firstSuccess.values()];
        const other = accepted[pick % Math.max(1, accepted.length)];
        if (other) {
          const name = other.sent!.name === 'closePlan' ? 'acknowledgeTask' : 'closePlan';
          const input = name === 'closePlan' ? { actor: { unitId: scenario.plan.issuer.id }, planId: run.planId } : { actor: { unitId: 'x' }, taskId: run.taskIds[0] };
          await expect(engine[name]({ ...input, commandId: other.sent!.input.commandId } as never)).rejects.toMatchObject({ code: 'CONFLICT', field: 'commandId' });
        }
        expect(await run.store.headPosition()).toBe(head);
      }),
      params,
    );
  }, TIMEOUT);

  it('(g) the 4-way statistics add up to the tasks not cancelled and the completion rate stays within [0, 1]', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        await runScenario(scenario, {
          async afterStep(record, run) {
            if (record.step.kind === 'command' && !record.ok) return;
            const engine = run.engines[0]!;
            for (const planId of run.planIds) {
              const summary = await engine.getPlanSummary(planId);
              const tasks = await engine.getTasks(planId);
              const { total, completedOnTime, completedLate, inTerm, overdueUnfinished, cancelled, fallenDue, completionRate } = summary;
              expect(completedOnTime + completedLate + inTerm + overdueUnfinished).toBe(total);
              expect(total).toBe(tasks.filter((task) => task.state !== 'cancelled').length);
              expect(cancelled).toBe(tasks.length - total);
              expect(completedOnTime + completedLate).toBe(tasks.filter((task) => task.state === 'completed').length);
              expect(fallenDue).toBeGreaterThanOrEqual(completedOnTime + completedLate);
              expect(fallenDue).toBeLessThanOrEqual(total);
              if (fallenDue === 0) expect(completionRate).toBeNull();
              else {
                expect(completionRate).toBeGreaterThanOrEqual(0);
                expect(completionRate).toBeLessThanOrEqual(1);
              }
              for (const value of [total, completedOnTime, completedLate, inTerm, overdueUnfinished, cancelled, fallenDue]) {
                expect(Number.isInteger(value) && value >= 0).toBe(true);
              }
            }
          },
        });
      }),
      params,
    );
  }, TIMEOUT);

  // (c) and (h) share their runs: both are about the log two engines write to one store.
  it('(c) stream versions run gap-free from 1, positions strictly increase, and the hash chain holds; (h) two engines on one store ticking at the same clock append each overdue event once', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        const run = await runScenario(scenario, {
          engines: 2,
          async afterStep(record, current) {
            if (record.step.kind === 'tick' && record.ok) {
              for (const engine of current.engines) await checkNothingDueLeft(engine, current, record.now);
            }
          },
        });
        tally(run);
        for (const record of run.records) {
          if (record.step.kind !== 'tick') continue;
          expect(record.ok, `tick threw: ${String(record.error)}`).toBe(true);
          // Each tick resolves to exactly what it appended: together, the step's appends, none twice.
          const returned = record.ticked!.flat().map((event) => event.position);
          expect(new Set(returned).size).toBe(returned.length);
          expect([...returned].sort((a, b) => a - b)).toEqual(record.appended.map((event) => event.position));
        }
        const events = await allEvents(run.store);
        // (c) positions, parsing, the hash chain, stream versions and reads from a position or version.
        let previous = 0;
        let prevHash = GENESIS_HASH;
        for (const event of events) {
          expect(event.position).toBeGreaterThan(previous);
          previous = event.position;
          expect(StoredEventSchema.safeParse(event).success, `event at ${event.position} does not parse`).toBe(true);
          const { hash, ...body } = event;
          expect(hash, `hash chain broken at ${event.position}`).toBe(hashEvent(prevHash, body));
          prevHash = hash;
        }
        expect(await run.store.headPosition()).toBe(events.at(-1)?.position ?? 0);
        for (const [streamId, stream] of byStream(events)) {
          expect(stream.map((event) => event.version)).toEqual(stream.map((_, i) => i + 1));
          expect(await run.store.readStream(streamId)).toEqual(stream);
          expect(await run.store.streamVersion(streamId)).toBe(stream.length);
          const from = Math.ceil(stream.length / 2);
          expect(await run.store.readStream(streamId, { fromVersion: from })).toEqual(stream.slice(from - 1));
        }
        const middle = events[Math.floor(events.length / 2)];
        if (middle) {
          const tail: StoredEvent[] = [];
          for await (const event of run.store.readAll({ fromPosition: middle.position })) tail.push(event);
          expect(tail).toEqual(events.filter((event) => event.position >= middle.position));
        }
        // (h) overdue events once each.
        for (const [streamId, stream] of byStream(events)) {
          if (streamId.startsWith('task-')) checkOverdueEpisodes(stream);
        }
        const chased = events.filter((event) => event.type === 'report.overdue').map((event) => `${event.data.requestId}/${event.data.unit.id}`);
        expect(new Set(chased).size).toBe(chased.length);
        // Both engines see the same state as the log.
        const replayed = await run.engines[0]!.replay();
        const { planIds, taskIds } = idsOf(run, replayed);
        const [a, b] = await Promise.all(run.engines.map((engine) => viewsOf(engine, planIds, taskIds)));
        expect(b).toEqual(a);
        for (const task of replayed.tasks) expect(a!.tasks[task.taskId]).toEqual(task);
      }),
      params,
    );
  }, TIMEOUT);

  it('(i) on random events, decide() and fold() agree with a running XState actor: the same events accepted, the same value and context after each', () => {
    // The oracle is xstate's own interpreter (createActor + send), which shares no code with
    // decide (snapshot.can + transition()) beyond the machine definition. The actor ignores an event
    // it has no transition for; its inspection stream says whether the event's microstep took one.
    for (const [machine, kind] of [
      [taskMachine, 'task'],
      [planMachine, 'plan'],
    ] as const) {
      let accepted = 0;
      let refused = 0;
      fc.assert(
        fc.property(fc.array(machineEventArbitrary(kind), { maxLength: 40 }), (events) => {
          let took = 0;
          const actor = createActor(machine as typeof taskMachine, {
            inspect: (inspection) => {
              if (inspection.type === '@xstate.microstep' && (inspection as InspectedMicrostepEvent)._transitions.length > 0) took++;
            },
          }).start();
          let snapshot = initialSnapshotOf(machine as typeof taskMachine);
          const acceptedEvents: MachineEvent[] = [];
          for (const [i, event] of events.entries()) {
            const before = took;
            // A machine in a final state is done: its actor takes no more events (and warns when sent one).
            if (actor.getSnapshot().status === 'active') actor.send(event as never);
            const next = decide(machine as typeof taskMachine, snapshot, event);
            const where = `event ${i} (${event.type}) in state ${String(snapshot.value)}`;
            expect(next !== null, `${where}: decide and the actor disagree on accepting it`).toBe(took > before);
            if (next !== null) {
              acceptedEvents.push(event);
              snapshot = next;
              accepted++;
            } else refused++;
            const live = actor.getSnapshot();
            expect(snapshot.value, where).toEqual(live.value);
            expect(snapshot.context, where).toEqual(live.context);
          }
          actor.stop();
          // Replay folds the accepted events alone to the actor's state (and refuses none of them).
          const folded = fold(machine as typeof taskMachine, acceptedEvents);
          expect(folded.value).toEqual(snapshot.value);
          expect(folded.context).toEqual(snapshot.context);
        }),
        params,
      );
      // Not vacuous: events were accepted and refused in these runs.
      expect(accepted, `${kind}: accepted events`).toBeGreaterThan(0);
      expect(refused, `${kind}: refused events`).toBeGreaterThan(0);
    }
  }, TIMEOUT);
});

// ------------------------------------------------------------------------------------------------
// A decision depends only on the log and the clock (given/when/then on a scenario's own log)
// ------------------------------------------------------------------------------------------------

describe('decisions depend only on the log and the clock', () => {
  it('given the log before a step, the step\'s command is decided the same way again', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary({ minSteps: 1 }), fc.nat(), async (scenario, pick) => {
        const run = await runScenario(scenario);
        const candidates = run.records.filter((record) => record.step.kind === 'command' && record.sent);
        const record = candidates[pick % Math.max(1, candidates.length)];
        if (!record) return;
        const log = await allEvents(run.store);
        const before = log
          .filter((event) => event.position <= record.headBefore)
          .map((event): GivenEvent => ({ type: event.type, data: event.data as Record<string, unknown>, streamId: event.streamId, actor: event.actor, recordedAt: event.recordedAt }));
        const when = given(before, { at: record.now }).when({ name: record.sent!.name, input: structuredClone(record.sent!.input) } as WhenCommand);
        if (record.ok) {
          const outcome = await when.then(record.appended.map((event) => event.type));
          expect(outcome.events.map((event) => event.data)).toEqual(record.appended.map((event) => event.data));
        } else {
          const error = record.error as { code: ErrorCode; field?: string };
          await when.thenThrows(error.code, error.field);
        }
      }),
      params,
    );
  }, TIMEOUT);
});

// ------------------------------------------------------------------------------------------------
// Model-based: one task against a model of design §3.1, with fc.commands
// ------------------------------------------------------------------------------------------------

type TaskModel = {
  state: 'assigned' | 'acknowledged' | 'in_progress' | 'submitted' | 'completed' | 'cancelled';
  lead: string;
  dueAt: string | null;
  overdue: boolean;
  pendingOutcome: 'on_time' | 'late' | null;
  outcome: 'on_time' | 'late' | null;
  now: number;
};
type TaskReal = { engine: Engine; clock: ReturnType<typeof manualClock>; taskId: string };
type Who = 'issuer' | 'lead' | 'support' | 'outsider';

const ISSUER = unitRef('Sở Tư pháp');
const SUPPORT_UNIT = unitRef('Hội Liên hiệp Phụ nữ tỉnh');
const OUTSIDER = unitRef('Đài Phát thanh - Truyền hình tỉnh');
const LEADS = ['Công an tỉnh', 'Sở Y tế', 'Sở Ngoại vụ'].map(unitRef);
const WORKING = new Set(['assigned', 'acknowledged', 'in_progress']);

function actorOf(who: Who, model: TaskModel) {
  return { unitId: who === 'issuer' ? ISSUER.id : who === 'lead' ? model.lead : who === 'support' ? SUPPORT_UNIT.id : OUTSIDER.id };
}

/** Runs one command on engine and model; the model says whether it must be refused, and with which code. */
abstract class TaskCommand implements fc.AsyncCommand<TaskModel, TaskReal> {
  constructor(readonly who: Who) {}
  check = () => true;
  abstract name: string;
  /** The refusal the model expects (null: accepted), and the model after acceptance. */
  abstract expect(model: TaskModel): { refusal: ErrorCode | null; apply?: (model: TaskModel) => void };
  abstract send(real: TaskReal, model: TaskModel): Promise<unknown>;
  async run(model: TaskModel, real: TaskReal): Promise<void> {
    const { refusal, apply } = this.expect(model);
    const head = await real.engine.store.headPosition();
    let error: unknown;
    try {
      await this.send(real, model);
    } catch (caught) {
      error = caught;
    }
    if (refusal === null) {
      expect(error, `${this.toString()} was refused: ${String(error)}`).toBeUndefined();
      apply?.(model);
    } else {
      expect((error as { code?: string } | undefined)?.code, `${this.toString()} should be refused with ${refusal}`).toBe(refusal);
      expect(await real.engine.store.headPosition()).toBe(head);
    }
    const task = await real.engine.getTask(real.taskId);
    expect({ state: task.state, lead: task.lead?.id, dueAt: task.dueAt, overdue: task.overdue, outcome: task.outcome }).toEqual({
      state: model.state,
      lead: model.lead,
      dueAt: model.dueAt,
      overdue: model.overdue,
      outcome: model.outcome,
    });
  }
  toString(): string {
    return `${this.name}(${this.who})`;
  }
}

/** Issuer-only commands: FORBIDDEN for anyone else, before any state check. */
function issuerOnly(who: Who, decide: () => { refusal: ErrorCode | null; apply?: (model: TaskModel) => void }) {
  return who === 'issuer' ? decide() : { refusal: 'FORBIDDEN' as const };
}

class Acknowledge extends TaskCommand {
  name = 'acknowledge';
  expect(model: TaskModel) {
    if (this.who !== 'lead') return { refusal: 'FORBIDDEN' as const };
    return model.state === 'assigned' ? { refusal: null, apply: (m: TaskModel) => void (m.state = 'acknowledged') } : { refusal: 'ILLEGAL_TRANSITION' as const };
  }
  send(real: TaskReal, model: TaskModel) {
    return real.engine.acknowledgeTask({ actor: actorOf(this.who, model), taskId: real.taskId });
  }
}

class Report extends TaskCommand {
  name = 'report';
  constructor(who: Who, readonly final: boolean) {
    super(who);
  }
  expect(model: TaskModel) {
    const allowed = this.who === 'lead' || (this.who === 'support' && !this.final);
    if (!allowed) return { refusal: 'FORBIDDEN' as const };
    if (!WORKING.has(model.state)) return { refusal: 'ILLEGAL_TRANSITION' as const };
    return {
      refusal: null,
      apply: (m: TaskModel) => {
        if (!this.final) m.state = 'in_progress';
        else {
          m.state = 'submitted';
          // Judged against the deadline in force when the final report is submitted.
          m.pendingOutcome = m.dueAt !== null && m.now >= Date.parse(m.dueAt) ? 'late' : 'on_time';
        }
      },
    };
  }
  send(real: TaskReal, model: TaskModel) {
    return real.engine.reportTask({ actor: actorOf(this.who, model), taskId: real.taskId, text: 'Đã triển khai', final: this.final });
  }
  override toString() {
    return `report(${this.who}, final=${this.final})`;
  }
}

class Accept extends TaskCommand {
  name = 'accept';
  expect(model: TaskModel) {
    return issuerOnly(this.who, () =>
      model.state === 'submitted'
        ? { refusal: null, apply: (m: TaskModel) => Object.assign(m, { state: 'completed', outcome: m.pendingOutcome, overdue: false }) }
        : { refusal: 'ILLEGAL_TRANSITION' as const },
    );
  }
  send(real: TaskReal, model: TaskModel) {
    return real.engine.acceptReport({ actor: actorOf(this.who, model), taskId: real.taskId });
  }
}

class Return extends TaskCommand {
  name = 'return';
  expect(model: TaskModel) {
    return issuerOnly(this.who, () =>
      model.state === 'submitted'
        ? { refusal: null, apply: (m: TaskModel) => Object.assign(m, { state: 'in_progress', pendingOutcome: null }) }
        : { refusal: 'ILLEGAL_TRANSITION' as const },
    );
  }
  send(real: TaskReal, model: TaskModel) {
    return real.engine.returnReport({ actor: actorOf(this.who, model), taskId: real.taskId, reason: 'Bổ sung số liệu' });
  }
}

class Extend extends TaskCommand {
  name = 'extend';
  constructor(who: Who, readonly deadline: Deadline) {
    super(who);
  }
  expect(model: TaskModel) {
    const dueAt = dueAtOf(this.deadline);
    return issuerOnly(this.who, () =>
      WORKING.has(model.state) && dueAt !== model.dueAt
        ? { refusal: null, apply: (m: TaskModel) => Object.assign(m, { dueAt, overdue: false }) }
        : { refusal: 'ILLEGAL_TRANSITION' as const },
    );
  }
  send(real: TaskReal, model: TaskModel) {
    return real.engine.extendDeadline({ actor: actorOf(this.who, model), taskId: real.taskId, deadline: this.deadline, reason: 'Theo chỉ đạo' });
  }
  override toString() {
    return `extend(${this.who}, ${JSON.stringify(this.deadline)})`;
  }
}

class Reassign extends TaskCommand {
  name = 'reassign';
  constructor(who: Who, readonly lead: number) {
    super(who);
  }
  expect(model: TaskModel) {
    const lead = LEADS[this.lead]!.id;
    return issuerOnly(this.who, () =>
      WORKING.has(model.state) && lead !== model.lead
        ? { refusal: null, apply: (m: TaskModel) => Object.assign(m, { lead, state: 'assigned' }) }
        : { refusal: 'ILLEGAL_TRANSITION' as const },
    );
  }
  send(real: TaskReal, model: TaskModel) {
    return real.engine.reassignTask({ actor: actorOf(this.who, model), taskId: real.taskId, lead: LEADS[this.lead]!, reason: 'Điều chỉnh' });
  }
  override toString() {
    return `reassign(${this.who}, ${LEADS[this.lead]!.id})`;
  }
}

class Cancel extends TaskCommand {
  name = 'cancel';
  expect(model: TaskModel) {
    return issuerOnly(this.who, () =>
      model.state !== 'completed' && model.state !== 'cancelled'
        ? { refusal: null, apply: (m: TaskModel) => Object.assign(m, { state: 'cancelled', overdue: false }) }
        : { refusal: 'ILLEGAL_TRANSITION' as const },
    );
  }
  send(real: TaskReal, model: TaskModel) {
    return real.engine.cancelTask({ actor: actorOf(this.who, model), taskId: real.taskId, reason: 'Không còn phù hợp' });
  }
}

/** Move the clock and tick: the task falls overdue when it is being worked and its due instant has come. */
class AdvanceAndTick implements fc.AsyncCommand<TaskModel, TaskReal> {
  constructor(readonly ms: number) {}
  check = () => true;
  async run(model: TaskModel, real: TaskReal): Promise<void> {
    real.clock.advance(this.ms);
    model.now += this.ms;
    const ticked = await real.engine.tick();
    const due = WORKING.has(model.state) && model.dueAt !== null && !model.overdue && model.now >= Date.parse(model.dueAt);
    expect(ticked.map((event) => event.type)).toEqual(due ? ['task.overdue'] : []);
    if (due) model.overdue = true;
    expect((await real.engine.getTask(real.taskId)).overdue).toBe(model.overdue);
    // A second tick at the same instant appends nothing.
    expect(await real.engine.tick()).toEqual([]);
  }
  toString() {
    return `advanceAndTick(${this.ms})`;
  }
}

describe('model-based (fc.commands): one task against the rules of design §3.1', () => {
  const who = fc.oneof(
    { weight: 6, arbitrary: fc.constant<Who>('lead') },
    { weight: 6, arbitrary: fc.constant<Who>('issuer') },
    { weight: 2, arbitrary: fc.constant<Who>('support') },
    { weight: 1, arbitrary: fc.constant<Who>('outsider') },
  );
  const commands = [
    who.map((w) => new Acknowledge(w)),
    fc.tuple(who, fc.boolean()).map(([w, final]) => new Report(w, final)),
    who.map((w) => new Accept(w)),
    who.map((w) => new Return(w)),
    fc.tuple(who, deadlineArbitrary).map(([w, deadline]) => new Extend(w, deadline)),
    fc.tuple(who, fc.nat({ max: LEADS.length - 1 })).map(([w, lead]) => new Reassign(w, lead)),
    who.map((w) => new Cancel(w)),
    clockAdvanceArbitrary.map((ms) => new AdvanceAndTick(ms)),
  ];

  it('the engine agrees with the model after every command', async () => {
    await fc.assert(
      fc.asyncProperty(instantArbitrary(), deadlineArbitrary, fc.commands(commands, { maxCommands: 40, size: 'max' }), async (start, deadline, cmds) => {
        const store = memoryStore();
        const clock = manualClock(start);
        const engine = createEngine({ store, clock });
        const actor = { unitId: ISSUER.id };
        await engine.draftPlan({ actor, title: 'Kế hoạch công tác năm 2026', issuer: ISSUER, planId: 'kh-1' });
        await engine.addTask({ actor, planId: 'kh-1', taskId: 'nv-1', title: 'Rà soát', lead: LEADS[0]!, support: [SUPPORT_UNIT], deadline });
        await engine.issuePlan({ actor, planId: 'kh-1', number: '88/KH-STP', issuedOn: '2026-02-25' });
        const model: TaskModel = { state: 'assigned', lead: LEADS[0]!.id, dueAt: dueAtOf(deadline), overdue: false, pendingOutcome: null, outcome: null, now: Date.parse(start) };
        await fc.asyncModelRun(() => ({ model, real: { engine, clock, taskId: 'nv-1' } }), cmds);
        // And the log replays to the same task.
        const replayed = await engine.replay({ streamId: 'task-nv-1' });
        expect(replayed.tasks).toEqual([await engine.getTask('nv-1')]);
      }),
      params,
    );
  }, TIMEOUT);
});
