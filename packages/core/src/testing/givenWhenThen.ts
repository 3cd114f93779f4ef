import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import { manualClock, type ManualClock } from '../base/clock.js';
import { createEngine, type Engine } from '../engine/createEngine.js';
import type { CommandResult } from '../engine/handlers.js';
import type { Policy } from '../engine/policy.js';
import { planStream, taskStream } from '../state/streams.js';
import { isPlanlogError, type ErrorCode } from '../base/errors.js';
import { calendarSettings, taskDueAt } from '../state/CalendarSettings.js';
import { DEFAULT_TIME_ZONE } from '../calendar/localTime.js';
import type { CommandInput, CommandName } from '../schemas/commands.js';
import { SCHEMA_VERSION, eventDataSchemas, type EventType, type NewEvent, type StoredEvent } from '../schemas/events.js';
import type { Actor, Deadline } from '../schemas/primitives.js';
import type { EventStore } from '../store/EventStore.js';
import { memoryStore } from '../store/memoryStore.js';

/**
 * A past fact for `given`. The stream is `streamId` when set, else the plan or task the event names
 * (`planId`/`taskId`, or `data.planId`/`data.taskId`), else the plan drafted or task added last in
 * the list. Data fields with an obvious default may be left out (empty lists, nulls, `final: false`,
 * `dueAt` computed from `deadline` in the plan's time zone).
 */
export type GivenEvent = {
  type: EventType;
  data?: Record<string, unknown>;
  streamId?: string;
  planId?: string;
  taskId?: string;
  actor?: Actor;
  /** Default: the `at` instant of `given`. */
  recordedAt?: string;
};

export type GivenOptions = {
  /** The clock's instant when the command runs (default 2026-03-01T02:00:00Z). */
  at?: string | Date;
  store?: EventStore;
  policy?: Policy;
};

/** What `when` runs: a command by name and input, a `tick`, or any function of the engine. */
export type WhenCommand =
  | { [C in CommandName]: { name: C; input: CommandInput<C> } }[CommandName]
  | { name: 'tick' }
  | ((engine: Engine) => Promise<unknown>);

export type Outcome = {
  engine: Engine;
  store: EventStore;
  clock: ManualClock;
  /** What the command resolved to (a `tick` resolves to its events). */
  result?: CommandResult | StoredEvent[] | unknown;
  error?: unknown;
  /** The events the store received from the command. */
  events: StoredEvent[];
};

const DATA_DEFAULTS: Partial<Record<EventType, Record<string, unknown>>> = {
  'plan.drafted': { basis: [], objectives: [], requirements: [], reporting: [], recipients: [], timeZone: DEFAULT_TIME_ZONE, parentPlanId: null },
  'plan.closed': { note: null },
  'task.added': { ref: null, lead: null, support: [], deadline: null },
  'task.assigned': { support: [] },
  'task.reported': { final: false, period: null, progress: null, requestId: null },
  'task.report_accepted': { note: null },
  'task.reassigned': { support: [] },
};

/** Turn the given facts into events and append them, one stream at a time, in order. */
async function appendGiven(store: EventStore, facts: readonly GivenEvent[], at: string): Promise<void> {
  let lastPlan: string | undefined;
  let lastTask: string | undefined;
  const planOfTask = new Map<string, string>();
  const zoneOfPlan = new Map<string, string>();
  const workingDaysPlans = new Set<string>();
  const calendars = calendarSettings({});
  const issuerOfPlan = new Map<string, string>();
  for (const [index, fact] of facts.entries()) {
    const data: Record<string, unknown> = { ...DATA_DEFAULTS[fact.type], ...fact.data };
    const isTask = fact.type.startsWith('task.');
    let streamId = fact.streamId;
    let planId = fact.planId ?? (data.planId as string | undefined);
    let taskId = fact.taskId ?? (data.taskId as string | undefined);
    if (fact.type === 'plan.drafted') lastPlan = planId;
    if (fact.type === 'task.added') {
      lastTask = taskId;
      planId ??= lastPlan;
      if (data.planId === undefined) data.planId = planId;
      if (taskId && planId) planOfTask.set(taskId, planId);
    }
    if (isTask) taskId ??= lastTask;
    else planId ??= lastPlan;
    if (streamId === undefined) {
      const id = isTask ? taskId : planId;
      if (id === undefined) throw new Error(`given: event ${index} (${fact.type}) names no plan or task and none came before it`);
      streamId = isTask ? taskStream(id) : planStream(id);
    }
    const zone = zoneOfPlan.get((isTask && taskId ? planOfTask.get(taskId) : planId) ?? '') ?? DEFAULT_TIME_ZONE;
    if (fact.type === 'plan.drafted' && planId) {
      zoneOfPlan.set(planId, (data.timeZone as string | undefined) ?? DEFAULT_TIME_ZONE);
      if (data.workingDays === true) workingDaysPlans.add(planId);
      const issuer = data.issuer as { id?: string } | undefined;
      if (issuer?.id) issuerOfPlan.set(planId, issuer.id);
    }
    const workingDays = workingDaysPlans.has((isTask && taskId ? planOfTask.get(taskId) : planId) ?? '');
    if ('deadline' in data && !('dueAt' in data)) data.dueAt = data.deadline ? taskDueAt(data.deadline as Deadline, { timeZone: zone, workingDays }, calendars) : null;
    const issuer = issuerOfPlan.get((isTask && taskId ? planOfTask.get(taskId) : planId) ?? '');
    // Parsed as the engine would (unit names NFC, ids derived), so the store holds the normal form.
    const parsed = eventDataSchemas[fact.type].safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`given: event ${index} (${fact.type}): data.${issue.path.map(String).join('.')}: ${issue.message}`);
    }
    const event = {
      id: uuidv7(),
      type: fact.type,
      schemaVersion: SCHEMA_VERSION,
      data: parsed.data,
      actor: fact.actor ?? { unitId: issuer ?? 'given' },
      commandId: `given-${index + 1}`,
      causationId: null,
      correlationId: `given-${index + 1}`,
      recordedAt: fact.recordedAt ?? at,
    } as NewEvent;
    await store.append(streamId, [event], { expectedVersion: 'any' });
  }
}

export type When = {
  /** Expect the command to be accepted and to append events of exactly these types, in order. */
  then(expected: readonly EventType[]): Promise<Outcome>;
  /** Expect the command to be refused with a `PlanlogError` of this code (and field), appending nothing. */
  thenThrows(code: ErrorCode, field?: string): Promise<Outcome>;
  /** The outcome, without expectations. */
  run(): Promise<Outcome>;
};

export type Given = {
  when(command: WhenCommand): When;
};

/**
 * Given past events, when a command runs, then these events (or this refusal):
 *
 * ```ts
 * await given([
 *   { type: 'plan.drafted', data: { planId: 'kh-1', title: 'Kế hoạch', issuer: unitRef('Sở Tư pháp') } },
 *   { type: 'task.added', data: { taskId: 'nv-1', title: 'Rà soát', lead: unitRef('Công an tỉnh') } },
 *   { type: 'plan.issued', data: { number: '88/KH-UBND', issuedOn: '2026-02-25' } },
 * ]).when({ name: 'acknowledgeTask', input: { actor: { unitId: 'cong-an-tinh' }, taskId: 'nv-1' } }).then(['task.acknowledged']);
 * ```
 *
 * Built on a memory store (or `options.store`), `createEngine` and a manual clock at `options.at`.
 */
export function given(facts: readonly GivenEvent[] = [], options: GivenOptions = {}): Given {
  const at = new Date(options.at ?? '2026-03-01T02:00:00Z').toISOString();
  return {
    when(command) {
      let outcome: Promise<Outcome> | undefined;
      const run = () =>
        (outcome ??= (async () => {
          const store = options.store ?? memoryStore();
          await appendGiven(store, facts, at);
          const clock = manualClock(at);
          const engine = createEngine({ store, clock, ...(options.policy ? { policy: options.policy } : {}) });
          try {
            await engine.replay();
          } catch (error) {
            throw new Error(`given: the machines refuse the given events: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
          }
          const head = await store.headPosition();
          const base = { engine, store, clock };
          let settled: { result: unknown } | { error: unknown };
          try {
            const result =
              typeof command === 'function'
                ? await command(engine)
                : command.name === 'tick'
                  ? await engine.tick()
                  : await (engine[command.name] as (input: unknown) => Promise<CommandResult>)(command.input);
            settled = { result };
          } catch (error) {
            settled = { error };
          }
          const events: StoredEvent[] = [];
          for await (const event of store.readAll({ fromPosition: head + 1 })) events.push(event);
          return { ...base, ...settled, events };
        })());
      const when: When & { then: When['then'] } = {
        run,
        async then(expected) {
          const result = await run();
          if ('error' in result) {
            const error = result.error as { code?: string; message?: string };
            throw new assert.AssertionError({
              message: `expected events [${expected.join(', ')}] but the command was refused: ${error?.code ?? ''} ${error?.message ?? String(error)}`,
              actual: error?.code,
              expected,
            });
          }
          assert.deepStrictEqual(
            result.events.map((event) => event.type),
            [...expected],
            'the command appended other events than expected',
          );
          return result;
        },
        async thenThrows(code, field) {
          const result = await run();
          if (!('error' in result)) {
            throw new assert.AssertionError({
              message: `expected a ${code} refusal but the command was accepted, appending [${result.events.map((event) => event.type).join(', ')}]`,
              actual: result.events.map((event) => event.type),
              expected: code,
            });
          }
          if (!isPlanlogError(result.error)) {
            throw new assert.AssertionError({ message: `expected a PlanlogError ${code}, got ${String(result.error)}`, actual: result.error, expected: code });
          }
          assert.equal(result.error.code, code, `expected a ${code} refusal, got ${result.error.code}: ${result.error.message}`);
          if (field !== undefined) assert.equal(result.error.field, field, `expected the refusal to name field ${field}`);
          assert.deepStrictEqual(result.events, [], 'a refused command appended events');
          return result;
        },
      };
      // `await given(…).when(…)` works too: called with functions, `then` acts as a promise's then.
      const thenable = when as When & { then: (...args: unknown[]) => unknown };
      const expecting = when.then;
      thenable.then = ((first: unknown, second?: unknown) =>
        typeof first === 'function' || (first === undefined && typeof second === 'function')
          ? run().then(first as never, second as never)
          : expecting(first as readonly EventType[])) as never;
      return when;
    },
  };
}
