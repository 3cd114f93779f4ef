import fc from 'fast-check';
import { isPlanlogError } from '../errors.js';
import { createEngine, type Engine } from '../engine/createEngine.js';
import { manualClock, type ManualClock } from '../clock.js';
import type { StoredEvent } from '../schemas/events.js';
import type { EventStore } from '../store/EventStore.js';
import type { CommandName } from '../schemas/commands.js';
import { unitRef } from '../unitId.js';
import { commandArbitrary, UNIT_NAMES } from './arbitraries.js';

// ---------------------------------------------------------------------------------------------------
// Hostile calls (issue 14): every command and every read, fed well-formed input now and then and the
// nasty-string corpus otherwise. A run must see no untyped error, no change of the log on a refusal,
// and the same outcome on every store.
// ---------------------------------------------------------------------------------------------------

/** Strings that broke or could break something: lone surrogates, NUL, NFD, bidi, ANSI, prototype names, huge. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\t\n',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  'Nhiệm vụ 👩'.slice(0, 10),
  'Nhiệm vụ 👩‍💻',
  'nhiệm-vụ'.normalize('NFD'),
  'Sở Tư pháp'.normalize('NFD'),
  ' nv-1',
  'nv-1 ',
  '\u202eRTL override\u202c',
  '\u200f\u200e\u2066isolate\u2069',
  '\u001b[31mđỏ\u001b[0m',
  'dòng 1\ndòng 2',
  '\ufeffBOM',
  '\u200b',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'planlog',
  'planlog/tick',
  'planlog/assign',
  '@planlog:tick',
  'kh-1',
  'nv-1',
  'x'.repeat(200),
  'x'.repeat(201),
  'y'.repeat(2_001),
  'z'.repeat(100_001),
  '0026-05-25',
  '1899-12-31',
  '2201-01-01',
  '2026-02-30',
  '0026-05-25T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '2026-04-10T09:00:00+07:00',
  'Asia/Ho_Chi_Minh',
  'Mars/Olympus_Mons',
  "'; DROP TABLE planlog_events; --",
  '{"$ne":null}',
];

/** Values of every other kind: numbers at the edges, nulls, wrong types. */
export const NASTY_VALUES: readonly unknown[] = [
  ...NASTY_STRINGS,
  0,
  -0,
  -1,
  1,
  50,
  100,
  101,
  0.5,
  1e308,
  -1e308,
  1e16,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  2 ** 53,
  null,
  undefined,
  true,
  false,
  {},
  [],
  [null],
  [{}],
  { name: '__proto__' },
  { id: 'constructor', name: 'constructor' },
  { kind: 'date', on: '0026-05-25' },
  { kind: 'year', year: 1e308 },
  { kind: 'quarter', year: 2026, quarter: 5 },
  { toString: 'x' },
  new Date(Number.NaN),
];

/** The reads a hostile run calls, by name. */
export const READ_NAMES = [
  'getTask',
  'getPlan',
  'getTasks',
  'getPlanSummary',
  'dueSoon',
  'replay',
  'verify',
  'timeline',
  'queries.tasksOfUnit',
  'queries.overdueTasks',
  'queries.dueWithin',
  'queries.planSummary',
  'queries.reportRequests',
  'queries.unitWorkload',
  'store.readStream',
  'store.readAll',
  'store.readCommand',
  'store.commandFingerprint',
  'store.streamVersion',
  'store.headPosition',
] as const;
export type ReadName = (typeof READ_NAMES)[number];

/** One call of a hostile run. */
export type HostileCall =
  | { kind: 'command'; name: CommandName; input: unknown }
  | { kind: 'read'; name: ReadName; args: unknown[] }
  | { kind: 'tick'; advance: unknown; dueSoon: unknown };

/** What became of a call: its (normalised) value, or its refusal; `untyped` is an error that is not a PlanlogError. */
export type HostileOutcome = { ok: true; value: string } | { ok: false; code: string; field: string | null } | { ok: false; untyped: string };

const nasty = fc.constantFrom(...NASTY_VALUES);
const nastyString = fc.constantFrom(...NASTY_STRINGS);

/** Every leaf path of a value (objects and arrays walked), the value's own path first. */
function pathsOf(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const paths = [path];
  if (value !== null && typeof value === 'object') {
    for (const [key, member] of Object.entries(value)) paths.push(...pathsOf(member, [...path, Array.isArray(value) ? Number(key) : key]));
  }
  return paths;
}

/** A copy of `value` with the member at `path` set to `to` (the whole value when the path is empty). */
function setAt(value: unknown, path: readonly (string | number)[], to: unknown): unknown {
  if (path.length === 0) return to;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  Object.defineProperty(copy, head, { value: setAt(copy[head], rest, to), enumerable: true, writable: true, configurable: true });
  return copy;
}

const optionsArbitrary = (keys: readonly string[]) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: nasty },
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...keys), fc.oneof(nasty, fc.nat(40))).map(([key, value]) => ({ [key]: value })) },
  );

export type HostileCallOptions = {
  taskIds: readonly string[];
  planIds: readonly string[];
  /** Actors to draw half of the commands' actors from (the issuer, the leads): more commands land. */
  actors?: readonly { unitId: string; userId?: string }[];
  /** Where nine in ten `closePlan`s and `cancelTask`s go, so that a run gets deep before everything is closed. */
  sacrificial?: { planId: string; taskId: string };
};

/** A command: well-formed (from `commandArbitrary`) or with one member, or the whole input, replaced by a nasty value. */
function commandCallArbitrary(options: HostileCallOptions): fc.Arbitrary<HostileCall> {
  const sometimes = <T>(values: readonly T[], weight: number) => fc.oneof({ weight, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...values) });
  return fc
    .record({
      base: commandArbitrary(options),
      actor: sometimes(options.actors ?? [{ unitId: 'x' }], options.actors ? 1 : 1_000),
      mode: fc.nat(9),
      pick: fc.nat(),
      value: nasty,
      text: nastyString,
      commandId: sometimes(['c-1', 'c-2', 'constructor', '__proto__', 'kh-1:draft'], 6),
      requestId: sometimes(['r-1', 'constructor', '__proto__', 'toString'], 3),
    })
    .map(({ base, actor, mode, pick, value, text, commandId, requestId }) => {
      let input: unknown = { ...base.input };
      if (actor !== null) input = setAt(input, ['actor'], actor);
      // Closing and cancelling end what every later command acts on: nine in ten go to the sacrificial ids.
      if (options.sacrificial && pick % 10 !== 0) {
        if (base.name === 'closePlan') input = setAt(input, ['planId'], options.sacrificial.planId);
        if (base.name === 'cancelTask') input = setAt(input, ['taskId'], options.sacrificial.taskId);
      }
      if (commandId !== null) input = setAt(input, ['commandId'], commandId);
      if (requestId !== null && (base.name === 'reportTask' || base.name === 'requestReport')) input = setAt(input, ['requestId'], requestId);
      const paths = pathsOf(input);
      const leaves = paths.filter((path) => path.length > 0);
      if (mode <= 2) return { kind: 'command' as const, name: base.name, input }; // as generated
      if (mode <= 5) return { kind: 'command' as const, name: base.name, input: setAt(input, leaves[pick % leaves.length]!, value) };
      if (mode <= 8) {
        const strings = leaves.filter((path) => typeof path.reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], input) === 'string');
        return { kind: 'command' as const, name: base.name, input: setAt(input, strings[pick % strings.length] ?? [], text) };
      }
      return { kind: 'command' as const, name: base.name, input: value };
    });
}

const idArbitrary = fc.oneof(fc.constantFrom('kh-1', 'nv-1', 'nv-2', 'plan-kh-1', 'task-nv-1', 'c-1'), nasty);

const readArgs: Record<ReadName, fc.Arbitrary<unknown[]>> = {
  getTask: fc.tuple(idArbitrary),
  getPlan: fc.tuple(idArbitrary),
  getTasks: fc.tuple(idArbitrary),
  getPlanSummary: fc.tuple(idArbitrary),
  dueSoon: fc.tuple(optionsArbitrary(['days'])),
  replay: fc.tuple(optionsArbitrary(['asOf', 'streamId'])),
  verify: fc.tuple(optionsArbitrary(['progressEvery', 'expect', 'onProgress'])),
  timeline: fc.tuple(idArbitrary, optionsArbitrary(['timeZone', 'locale', 'kind'])),
  'queries.tasksOfUnit': fc.tuple(fc.oneof(fc.constantFrom(...UNIT_NAMES).map((name) => unitRef(name).id), nasty), optionsArbitrary(['role'])),
  'queries.overdueTasks': fc.constant([]),
  'queries.dueWithin': fc.tuple(fc.oneof(fc.nat(60), nasty)),
  'queries.planSummary': fc.tuple(idArbitrary),
  'queries.reportRequests': fc.tuple(fc.oneof(fc.constant(undefined), idArbitrary)),
  'queries.unitWorkload': fc.constant([]),
  'store.readStream': fc.tuple(idArbitrary, optionsArbitrary(['fromVersion'])),
  'store.readAll': fc.tuple(optionsArbitrary(['fromPosition'])),
  'store.readCommand': fc.tuple(idArbitrary),
  'store.commandFingerprint': fc.tuple(idArbitrary),
  'store.streamVersion': fc.tuple(idArbitrary),
  'store.headPosition': fc.constant([]),
};

/** Reads that walk the whole log, drawn less often so that a run stays quick. */
const WHOLE_LOG_READS = new Set<ReadName>(['replay', 'verify']);

/**
 * A hostile call: a command (70%), a read (25%) or a tick after moving the clock by a nasty amount
 * (5%), against the plans and tasks named in `options` (set them up first; unknown ids come too).
 */
export function hostileCallArbitrary(options: HostileCallOptions): fc.Arbitrary<HostileCall> {
  const read = fc.oneof(
    ...READ_NAMES.map((name) => ({
      weight: WHOLE_LOG_READS.has(name) ? 1 : 4,
      arbitrary: readArgs[name].map((args): HostileCall => ({ kind: 'read', name, args })),
    })),
  );
  const tick = fc
    .record({ advance: fc.oneof(fc.integer({ min: 0, max: 90 * 86_400_000 }), nasty), dueSoon: fc.option(optionsArbitrary(['days']), { freq: 3 }) })
    .map(({ advance, dueSoon }): HostileCall => ({ kind: 'tick', advance, dueSoon }));
  return fc.oneof({ weight: 14, arbitrary: commandCallArbitrary(options) }, { weight: 5, arbitrary: read }, { weight: 1, arbitrary: tick });
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const HASH = /\b[0-9a-f]{64}\b/g;

/** A value as text with what differs from store to store by design (uuids, hashes) masked, so stores compare. */
export function normalizeOutcome(value: unknown): string {
  return (
    JSON.stringify(value, (_key, member: unknown) => (typeof member === 'string' ? member.replace(UUID, '<uuid>').replace(HASH, '<hash>') : member)) ?? 'undefined'
  );
}

async function readCall(engine: Engine, name: ReadName, args: unknown[]): Promise<unknown> {
  const [a, b] = args as [never, never];
  switch (name) {
    case 'getTask':
      return engine.getTask(a);
    case 'getPlan':
      return engine.getPlan(a);
    case 'getTasks':
      return engine.getTasks(a);
    case 'getPlanSummary':
      return engine.getPlanSummary(a);
    case 'dueSoon':
      return engine.dueSoon(a);
    case 'replay':
      return engine.replay(a);
    case 'verify': {
      const { ok, checked } = await engine.verify(a);
      return { ok, checked };
    }
    case 'timeline':
      return engine.timeline(a, b);
    case 'queries.tasksOfUnit':
      return engine.queries.tasksOfUnit(a, b);
    case 'queries.overdueTasks':
      return engine.queries.overdueTasks();
    case 'queries.dueWithin':
      return engine.queries.dueWithin(a);
    case 'queries.planSummary':
      return engine.queries.planSummary(a);
    case 'queries.reportRequests':
      return engine.queries.reportRequests(a);
    case 'queries.unitWorkload':
      return engine.queries.unitWorkload();
    case 'store.readStream':
      return engine.store.readStream(a, b);
    case 'store.readAll': {
      const events: unknown[] = [];
      for await (const event of engine.store.readAll(a)) if (events.push(event) >= 20) break;
      return events;
    }
    case 'store.readCommand':
      return engine.store.readCommand(a);
    case 'store.commandFingerprint':
      return (await engine.store.commandFingerprint(a)) === null ? null : '<fingerprint>';
    case 'store.streamVersion':
      return engine.store.streamVersion(a);
    case 'store.headPosition':
      return engine.store.headPosition();
  }
}

/** Make a call on an engine (whose clock is `clock`); never throws: what it threw is the outcome. */
export async function runHostileCall(engine: Engine, clock: ManualClock, call: HostileCall): Promise<HostileOutcome> {
  try {
    let value: unknown;
    if (call.kind === 'command') value = await (engine[call.name] as (input: unknown) => Promise<unknown>)(call.input);
    else if (call.kind === 'read') value = await readCall(engine, call.name, call.args);
    else {
      clock.advance(call.advance as number);
      value = call.dueSoon === null ? await engine.tick() : await engine.tick({ dueSoon: call.dueSoon } as never);
    }
    return { ok: true, value: normalizeOutcome(value) };
  } catch (error) {
    if (isPlanlogError(error)) return { ok: false, code: error.code, field: error.field ?? null };
    return { ok: false, untyped: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error) };
  }
}


// ---------------------------------------------------------------------------------------------------
// A whole run: the same calls on engines over several stores, side by side.
// ---------------------------------------------------------------------------------------------------

const ISSUER = unitRef(UNIT_NAMES[0]!);

/** What a run's calls name: the set-up's plans and tasks and some unknown ones; half the actors are its issuer and leads. */
export const HOSTILE_RUN_CALLS: HostileCallOptions = {
  taskIds: ['nv-1', 'nv-2', 'nv-3', 'nv-4', 'nv-5', 'nv-6', 'nv-9', 'nv-x'],
  planIds: ['kh-1', 'kh-2', 'kh-3'],
  actors: UNIT_NAMES.slice(0, 4).map((name) => ({ unitId: unitRef(name).id })),
  sacrificial: { planId: 'kh-2', taskId: 'nv-9' },
};

/** The same start on every store: plan kh-1 issued with six tasks, plan kh-2 issued with one (nv-9), kh-3 drafted. */
export async function hostileRunSetUp(store: EventStore): Promise<{ engine: Engine; clock: ManualClock }> {
  const clock = manualClock('2026-03-02T02:00:00Z');
  const engine = createEngine({ store, clock });
  const actor = { unitId: ISSUER.id };
  await engine.draftPlan({ actor, planId: 'kh-1', title: 'Kế hoạch phổ biến, giáo dục pháp luật năm 2026', issuer: ISSUER });
  await engine.draftPlan({ actor, planId: 'kh-2', title: 'Kế hoạch công tác pháp chế năm 2026', issuer: ISSUER });
  for (const [i, taskId] of ['nv-1', 'nv-2', 'nv-3', 'nv-4', 'nv-5', 'nv-6', 'nv-9'].entries()) {
    await engine.addTask({
      actor,
      planId: taskId === 'nv-9' ? 'kh-2' : 'kh-1',
      taskId,
      title: `Nhiệm vụ ${i + 1}`,
      lead: unitRef(UNIT_NAMES[(i % 3) + 1]!),
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
