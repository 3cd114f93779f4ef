import fc from 'fast-check';
import { isPlanlogError } from '../base/errors.js';
import type { Engine } from '../engine/createEngine.js';
import type { ManualClock } from '../base/clock.js';
import type { CommandName } from '../schemas/commands.js';
import { unitRef } from '../schemas/unitId.js';
import { commandArbitrary } from './commandArbitrary.js';
import { UNIT_NAMES } from './valueArbitraries.js';
import { NASTY_STRINGS, NASTY_VALUES } from './nastyValues.js';

// ---------------------------------------------------------------------------------------------------
// Hostile calls (issue 14): every command and every read, fed well-formed input now and then and the
// nasty-string corpus otherwise. A run must see no untyped error, no change of the log on a refusal,
// and the same outcome on every store.
// ---------------------------------------------------------------------------------------------------

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
  'listPlans',
  'queries.tasks',
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

/** A paged query's options: a filter, a limit or a cursor, each now well-formed and now nasty. */
const pageArbitrary = (filters: readonly string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: optionsArbitrary([...filters, 'limit', 'cursor']) },
    { weight: 1, arbitrary: fc.record({ limit: fc.integer({ min: 1, max: 2 }), cursor: fc.oneof(nastyString, fc.constantFrom('WyJ0YXNrcyIsIngiXQ', 'W10')) }) },
  );

export type HostileCallOptions = {
  taskIds: readonly string[];
  planIds: readonly string[];
  /** Actors to draw half of the commands' actors from (the issuer, the leads): more commands land. */
  actors?: readonly { unitId: string; userId?: string }[];
  /** The actor the policy would let run a command as generated (its plan's issuer, its task's lead): used for a third of the commands. */
  rightActor?: (command: CommandName, input: Record<string, unknown>) => { unitId: string } | undefined;
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
      right: fc.nat(2),
      mode: fc.nat(9),
      pick: fc.nat(),
      value: nasty,
      text: nastyString,
      commandId: sometimes(['c-1', 'c-2', 'constructor', '__proto__', 'kh-1:draft'], 6),
      requestId: sometimes(['r-1', 'constructor', '__proto__', 'toString'], 3),
    })
    .map(({ base, actor, right, mode, pick, value, text, commandId, requestId }) => {
      let input: unknown = { ...base.input };
      const rightActor = right === 0 ? options.rightActor?.(base.name, base.input as Record<string, unknown>) : undefined;
      if (rightActor !== undefined) input = setAt(input, ['actor'], rightActor);
      else if (actor !== null) input = setAt(input, ['actor'], actor);
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
  listPlans: fc.tuple(pageArbitrary(['state', 'issuerId'])),
  'queries.tasks': fc.tuple(
    fc.oneof(
      fc.record({ unitId: fc.constantFrom(...UNIT_NAMES).map((name) => unitRef(name).id), role: fc.constantFrom('lead', 'any'), limit: fc.integer({ min: 1, max: 3 }) }),
      pageArbitrary(['planId', 'unitId', 'role', 'state']),
    ),
  ),
  'queries.overdueTasks': fc.tuple(pageArbitrary(['planId', 'unitId'])),
  'queries.dueWithin': fc.tuple(fc.oneof(fc.record({ days: fc.nat(60) }), pageArbitrary(['days', 'planId', 'unitId']))),
  'queries.planSummary': fc.tuple(idArbitrary),
  'queries.reportRequests': fc.tuple(pageArbitrary(['planId', 'unitId'])),
  'queries.unitWorkload': fc.tuple(pageArbitrary(['unitId'])),
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
    JSON.stringify(value, (key, member: unknown) =>
      // A cursor encodes the ids of its last item, uuids included: compare whether there is one.
      key === 'nextCursor' && typeof member === 'string' ? '<cursor>' : typeof member === 'string' ? member.replace(UUID, '<uuid>').replace(HASH, '<hash>') : member,
    ) ?? 'undefined'
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
    case 'listPlans':
      return engine.listPlans(a);
    case 'queries.tasks':
      return engine.queries.tasks(a);
    case 'queries.overdueTasks':
      return engine.queries.overdueTasks(a);
    case 'queries.dueWithin':
      return engine.queries.dueWithin(a);
    case 'queries.planSummary':
      return engine.queries.planSummary(a);
    case 'queries.reportRequests':
      return engine.queries.reportRequests(a);
    case 'queries.unitWorkload':
      return engine.queries.unitWorkload(a);
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
