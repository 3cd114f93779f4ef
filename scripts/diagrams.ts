/**
 * Generates the docs that are derived from code, never written by hand:
 *   docs/machines/task.md, docs/machines/plan.md  Mermaid state diagrams walked from the machines
 *   docs/events.md                                the event catalog walked from the zod schemas
 * Run `npx -y pnpm@10 diagrams` after changing a machine or an event schema; test/diagrams.test.ts
 * fails while the committed files differ from what this module renders.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AnyStateMachine } from 'xstate';
import { handlers, signatureEvent } from '../packages/core/src/engine/handlers.js';
import { SYSTEM_ACTOR } from '../packages/core/src/state/LiveState.js';
import { machineKindOf } from '../packages/core/src/state/streams.js';
import { planMachine } from '../packages/core/src/machines/planMachine.js';
import { taskMachine } from '../packages/core/src/machines/taskMachine.js';
import { rulesVersions } from '../packages/core/src/machines/rulesVersions.js';
import type { CommandName } from '../packages/core/src/schemas/commands.js';
import { EVENT_TYPES, NewEventSchema, SCHEMA_VERSION, StoredEventSchema, eventDataSchemas, type EventType } from '../packages/core/src/schemas/events.js';
import {
  ActorSchema,
  DeadlineSchema,
  IdSchema,
  InstantSchema,
  IsoDateSchema,
  ReportingRuleSchema,
  TimeZoneSchema,
  UnitRefSchema,
} from '../packages/core/src/schemas/primitives.js';

export const REGENERATE = 'npx -y pnpm@10 diagrams';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------------------------------------
// Machines
// ---------------------------------------------------------------------------------------------

/** One transition of a state node, as XState holds it after `createMachine`. */
export type TransitionRow = {
  from: string;
  event: string;
  /** Guard name; `null` when unguarded. */
  guard: string | null;
  /** True when an earlier candidate for the same event is guarded (XState takes the first enabled). */
  fallback: boolean;
  /** Target state key; `null` for a targetless transition (the state stays, only context changes). */
  to: string | null;
  reenter: boolean;
  actions: string[];
};

export type StateRow = { key: string; tags: string[]; final: boolean; initial: boolean };

type NodeLike = {
  key: string;
  type: string;
  tags: string[];
  states: Record<string, NodeLike>;
  initial?: { target: readonly NodeLike[] };
  transitions: Map<string, readonly TransitionLike[]>;
};
type TransitionLike = { target?: readonly NodeLike[]; guard?: unknown; reenter?: boolean; actions: readonly unknown[] };

function nameOf(thing: unknown, fallback: string): string {
  if (typeof thing === 'string') return thing;
  if (typeof thing === 'function') return thing.name || fallback;
  if (thing && typeof thing === 'object' && 'type' in thing && typeof thing.type === 'string') return thing.type;
  return fallback;
}

/** The states and transitions of a flat machine, in definition order. */
export function walkMachine(machine: AnyStateMachine): { id: string; states: StateRow[]; transitions: TransitionRow[] } {
  const root = machine.root as unknown as NodeLike;
  const initial = new Set((root.initial?.target ?? []).map((node) => node.key));
  const states: StateRow[] = [];
  const transitions: TransitionRow[] = [];
  for (const node of Object.values(root.states)) {
    if (Object.keys(node.states).length > 0) throw new Error(`${machine.id}.${node.key}: nested states are not drawn by scripts/diagrams.ts`);
    states.push({ key: node.key, tags: [...node.tags], final: node.type === 'final', initial: initial.has(node.key) });
    for (const [event, candidates] of node.transitions) {
      let guardedBefore = false;
      for (const candidate of candidates) {
        const targets = candidate.target ?? [];
        if (targets.length > 1) throw new Error(`${machine.id}.${node.key} on ${event}: parallel targets are not drawn`);
        const guard = candidate.guard === undefined ? null : nameOf(candidate.guard, 'inline guard');
        transitions.push({
          from: node.key,
          event,
          guard,
          fallback: guard === null && guardedBefore,
          to: targets[0]?.key ?? null,
          reenter: candidate.reenter === true,
          actions: candidate.actions.map((action) => nameOf(action, 'inline action')),
        });
        guardedBefore ||= guard !== null;
      }
    }
  }
  return { id: machine.id, states, transitions };
}

function mermaid(walk: ReturnType<typeof walkMachine>): string {
  const lines = ['stateDiagram-v2'];
  for (const state of walk.states) if (state.initial) lines.push(`    [*] --> ${state.key}`);
  for (const row of walk.transitions) {
    const guard = row.guard ? ` [${row.guard}]` : row.fallback ? ' [else]' : '';
    lines.push(`    ${row.from} --> ${row.to ?? row.from} : ${row.event}${guard}`);
  }
  for (const state of walk.states) if (state.final) lines.push(`    ${state.key} --> [*]`);
  for (const state of walk.states) {
    if (state.tags.length > 0) lines.push(`    note right of ${state.key} : tagged ${state.tags.join(', ')}`);
  }
  return lines.join('\n');
}

function toCell(row: TransitionRow): string {
  if (row.to === null) return `— (stays in \`${row.from}\`)`;
  if (row.to === row.from && row.reenter) return `\`${row.to}\` (re-entered)`;
  return `\`${row.to}\``;
}

function renderMachine(machine: AnyStateMachine, title: string, exportName: string, source: string): string {
  const walk = walkMachine(machine);
  const out: string[] = [];
  out.push(`# ${title}`, '');
  out.push(
    `Generated from \`${exportName}\` (\`${source}\`) by \`${REGENERATE}\` (scripts/diagrams.ts). Do not edit by hand: ` +
      'the test `test/diagrams.test.ts` fails when this file differs from the machine.',
    '',
  );
  out.push('```mermaid', mermaid(walk), '```', '');
  out.push('Each arrow is labelled with the log event that takes it and, in brackets, its guard (`else`: taken when the guarded candidate above it is not). ' +
    'A loop back to the same state is a transition that changes only the context (flags, reports, deadline).', '');
  out.push('## States', '', '| state | tags | final |', '| --- | --- | --- |');
  for (const state of walk.states) {
    const name = state.initial ? `\`${state.key}\` (initial)` : `\`${state.key}\``;
    out.push(`| ${name} | ${state.tags.map((tag) => `\`${tag}\``).join(', ') || '—'} | ${state.final ? 'yes' : ''} |`);
  }
  out.push('', '## Transitions', '', 'Candidates for one event are tried in the order listed; the first whose guard holds is taken. ' +
    'An event with no enabled transition is refused (`ILLEGAL_TRANSITION`).', '');
  out.push('| from | event | guard | to | actions |', '| --- | --- | --- | --- | --- |');
  for (const row of walk.transitions) {
    const guard = row.guard ? `\`${row.guard}\`` : row.fallback ? 'otherwise' : '—';
    out.push(`| \`${row.from}\` | \`${row.event}\` | ${guard} | ${toCell(row)} | ${row.actions.map((action) => `\`${action}\``).join(', ') || '—'} |`);
  }
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Event catalog
// ---------------------------------------------------------------------------------------------

type Def = { type: string; [key: string]: unknown };
type Schema = { _zod: { def: Def } };

const NAMED = new Map<unknown, string>([
  [ActorSchema, '[Actor](#actor)'],
  [UnitRefSchema, '[UnitRef](#unitref)'],
  [DeadlineSchema, '[Deadline](#deadline)'],
  [ReportingRuleSchema, '[ReportingRule](#reportingrule)'],
  [IdSchema, 'id'],
  [InstantSchema, 'ISO instant'],
  [IsoDateSchema, 'YYYY-MM-DD'],
  [TimeZoneSchema, 'IANA time zone'],
]);

const defOf = (schema: unknown): Def => (schema as Schema)._zod.def;
const checksOf = (def: Def): Def[] => ((def.checks as Schema[] | undefined) ?? []).map(defOf);

/** A readable type for a zod schema, with constraints in words. */
export function describeType(schema: unknown): string {
  const named = NAMED.get(schema);
  if (named) return named;
  const def = defOf(schema);
  const checks = checksOf(def);
  const minimum = checks.find((check) => check.check === 'min_length')?.minimum as number | undefined;
  switch (def.type) {
    case 'nullable':
      return `${describeType(def.innerType)} \\| null`;
    case 'optional':
      return describeType(def.innerType);
    case 'default':
      return `${describeType(def.innerType)} (default ${JSON.stringify(def.defaultValue)})`;
    case 'pipe':
      return describeType(def.in);
    case 'array':
      return `${describeType(def.element)}[]${minimum ? ` (at least ${minimum})` : ''}`;
    case 'string': {
      const pattern = checks.find((check) => check.check === 'string_format' && check.format === 'regex')?.pattern as RegExp | undefined;
      if (pattern) return `string matching \`${String(pattern)}\``;
      const format = def.format as string | undefined;
      const base = format === 'uuid' ? 'uuid' : format === 'datetime' ? 'ISO instant' : format === 'date' ? 'YYYY-MM-DD' : 'string';
      return minimum === 1 ? `${base} (non-empty)` : base;
    }
    case 'number': {
      const low = checks.find((check) => check.check === 'greater_than');
      const high = checks.find((check) => check.check === 'less_than');
      const base = def.format === 'safeint' ? 'integer' : 'number';
      if (low && high) return `${base} ${String(low.value)}–${String(high.value)}`;
      if (low) return `${base} ≥ ${String(low.value)}`;
      return base;
    }
    case 'boolean':
      return 'boolean';
    case 'literal':
      return (def.values as unknown[]).map((value) => `\`${JSON.stringify(value)}\``).join(' \\| ');
    case 'enum':
      return Object.values(def.entries as Record<string, string>).map((value) => `\`'${value}'\``).join(' \\| ');
    case 'union':
      return (def.options as unknown[]).map(describeType).join(' \\| ');
    case 'object':
      return `{ ${Object.entries(def.shape as Record<string, unknown>).map(([key, value]) => `${key}${isOptional(value) ? '?' : ''}: ${describeType(value)}`).join('; ')} }`;
    default:
      return def.type;
  }
}

function isOptional(schema: unknown): boolean {
  const type = defOf(schema).type;
  return type === 'optional' || type === 'default';
}

function fieldTable(shape: Record<string, unknown>, extra?: (field: string) => string): string[] {
  const head = extra ? ['| field | type | set by |', '| --- | --- | --- |'] : ['| field | type |', '| --- | --- |'];
  const rows = Object.entries(shape).map(
    ([field, schema]) => `| \`${field}\`${isOptional(schema) ? ' (optional)' : ''} | ${describeType(schema)} |${extra ? ` ${extra(field)} |` : ''}`,
  );
  return rows.length === 0 ? ['No data fields: `data` is `{}`.'] : [...head, ...rows];
}

function shapeOf(schema: unknown): Record<string, unknown> {
  const def = defOf(schema);
  if (def.type === 'pipe') return shapeOf(def.in);
  return def.shape as Record<string, unknown>;
}

/**
 * Events that commands append besides their signature event, and events only `tick()` appends
 * (engine/handlers.ts, engine/createEngine.ts). The test checks each named command exists.
 */
export const ALSO_APPENDED_BY: Partial<Record<EventType, string[]>> = {
  'task.assigned': ['`issuePlan` (once for each `added` task that has a lead)', '`addTask` (when the plan is already issued and the task has a lead)'],
  'task.overdue': [`\`engine.tick()\` (actor \`${JSON.stringify(SYSTEM_ACTOR)}\`), once per deadline`],
  'report.overdue': [`\`engine.tick()\` (actor \`${JSON.stringify(SYSTEM_ACTOR)}\`), one per unit that has not answered by \`dueAt\``],
};

/** The states of a machine that accept an event type (have at least one transition for it). */
function acceptingStates(machine: AnyStateMachine, type: string): string[] {
  return [...new Set(walkMachine(machine).transitions.filter((row) => row.event === type).map((row) => row.from))];
}

function renderEvents(): string {
  const out: string[] = [];
  out.push('# Event catalog', '');
  out.push(
    `Generated from \`eventDataSchemas\` (\`packages/core/src/schemas/events.ts\`), the machines and the engine's command table by \`${REGENERATE}\` ` +
      '(scripts/diagrams.ts). Do not edit by hand.',
    '',
  );
  out.push(
    `Every event is validated by zod when it is appended. The current \`schemaVersion\` of every type is ${SCHEMA_VERSION}. ` +
      'Events of type `plan.*` and `report.*` go on the plan\'s stream `plan-<planId>` and are folded by `planMachine`; ' +
      'events of type `task.*` go on the task\'s own stream `task-<taskId>` and are folded by `taskMachine`. ' +
        'Both machines are those of the rules version in force for the plan when the event was recorded ([rules versions](machines/rules.md)).',
    '',
  );

  const stored = shapeOf((defOf(StoredEventSchema).options as unknown[])[0]);
  const fresh = new Set(Object.keys(shapeOf((defOf(NewEventSchema).options as unknown[])[0])));
  out.push('## Envelope', '', 'Fields every event carries besides `data`:', '');
  const envelope = Object.fromEntries(Object.entries(stored).filter(([field]) => field !== 'data' && field !== 'type'));
  out.push('| field | type | set by |', '| --- | --- | --- |', '| `type` | one of the event types below | engine |');
  out.push(...fieldTable(envelope, (field) => (fresh.has(field) ? 'engine' : 'store, on append')).slice(2));
  out.push('');

  out.push('## Shared shapes', '');
  for (const [name, schema] of [
    ['Actor', ActorSchema],
    ['UnitRef', UnitRefSchema],
    ['ReportingRule', ReportingRuleSchema],
  ] as const) {
    out.push(`### ${name}`, '', ...fieldTable(shapeOf(schema)), '');
    if (schema === UnitRefSchema) {
      out.push('The name is stored NFC-normalised with runs of white space folded; when `id` is omitted it is `unitId(name)`, so a stored UnitRef always has both.', '');
    }
  }
  out.push('### Deadline', '', 'One of:', '');
  for (const option of defOf(DeadlineSchema).options as unknown[]) out.push(`- ${describeType(option).replace(/\\\|/g, '|')}`);
  out.push('');

  const commandsOf = new Map<string, CommandName[]>();
  for (const [command, type] of Object.entries(signatureEvent) as [CommandName, EventType][]) {
    commandsOf.set(type, [...(commandsOf.get(type) ?? []), command]);
  }

  out.push('## Event types', '');
  for (const type of EVENT_TYPES) {
    const kind = machineKindOf(type);
    const machine = kind === 'task' ? taskMachine : planMachine;
    const appendedBy = [...(commandsOf.get(type) ?? []).map((command) => `\`${command}\``), ...(ALSO_APPENDED_BY[type] ?? [])];
    out.push(`### \`${type}\``, '');
    out.push(`- stream: \`${kind}-<${kind}Id>\` (folded by \`${kind}Machine\`)`);
    out.push(`- appended by: ${appendedBy.join('; ') || '—'}`);
    const accepting = (m: AnyStateMachine) => acceptingStates(m, type).map((state) => `\`${state}\``).join(', ');
    const otherVersions = rulesVersions.filter((rules) => accepting(rules[kind]) !== accepting(machine)).map((rules) => `rules version ${rules.version}: ${accepting(rules[kind])}`);
    out.push(`- accepted in ${kind} states: ${accepting(machine)}${otherVersions.length > 0 ? ` (${otherVersions.join('; ')})` : ''}`);
    out.push('', ...fieldTable(shapeOf(eventDataSchemas[type])), '');
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

// ---------------------------------------------------------------------------------------------
// Rules versions
// ---------------------------------------------------------------------------------------------

const rowKey = (row: TransitionRow) => `${row.from} ${row.event} ${row.guard ?? ''} ${row.to ?? ''}`;
const rowText = (row: TransitionRow) => `\`${row.from}\` on \`${row.event}\`${row.guard ? ` [\`${row.guard}\`]` : ''} → ${toCell(row)}`;

/** The transitions (from, event, guard, to) one machine has and the other has not, and the states whose tags differ. */
export function diffMachines(before: AnyStateMachine, after: AnyStateMachine): { removed: TransitionRow[]; added: TransitionRow[]; retagged: string[] } {
  const a = walkMachine(before);
  const b = walkMachine(after);
  const keysA = new Set(a.transitions.map(rowKey));
  const keysB = new Set(b.transitions.map(rowKey));
  const tagsA = new Map(a.states.map((state) => [state.key, state.tags.join(',')]));
  return {
    removed: a.transitions.filter((row) => !keysB.has(rowKey(row))),
    added: b.transitions.filter((row) => !keysA.has(rowKey(row))),
    retagged: b.states.filter((state) => tagsA.get(state.key) !== state.tags.join(',')).map((state) => state.key),
  };
}

/** The doc of each version's task machine after the first: its diagram, then what changed. */
function taskDocPath(version: number): string {
  return version === 1 ? 'docs/machines/task.md' : `docs/machines/task-v${version}.md`;
}

function changesOf(kind: 'task' | 'plan', version: number): string[] {
  const previous = rulesVersions.find((rules) => rules.version === version - 1);
  const current = rulesVersions.find((rules) => rules.version === version)!;
  if (previous === undefined) return ['(the first version)'];
  if (previous[kind] === current[kind]) return [`the same ${kind} machine as version ${version - 1}`];
  const { removed, added, retagged } = diffMachines(previous[kind], current[kind]);
  return [
    ...removed.map((row) => `removed: ${rowText(row)}`),
    ...added.map((row) => `added: ${rowText(row)}`),
    ...retagged.map((state) => `tags changed on \`${state}\``),
  ];
}

function renderRules(): string {
  const out: string[] = [];
  out.push('# Rules versions', '');
  out.push(
    `Generated from \`rulesVersions\` (\`packages/core/src/machines/rulesVersions.ts\`) by \`${REGENERATE}\` (scripts/diagrams.ts). Do not edit by hand.`,
    '',
    'Each plan runs under one version of the rules: the machines that decide its commands. A plan records its version when it is drafted ' +
      '(`plan.drafted.rules`; a log without it runs under version 1) and moves to a later one only by `upgradeRules` (`plan.rules_upgraded`). ' +
      'Every version stays in planlog, so a log is folded by the versions it was written under; a released version is never edited ' +
      '(its fingerprint is checked in: `packages/core/test/fixtures/released-rules.json`). New plans run under version 1 unless drafted with `rules`. ' +
      'How to add a version: docs/concepts.md, "Rules versions".',
    '',
  );
  out.push('| version | task machine | plan machine | what changed |', '| --- | --- | --- | --- |');
  for (const rules of rulesVersions) {
    const task = `[${rules.version === 1 ? 'taskMachine' : `taskMachineV${rules.version}`}](${taskDocPath(rules.version).replace('docs/machines/', '')})`;
    out.push(`| ${rules.version} | ${task} | [planMachine](plan.md) | ${rules.change} |`);
  }
  for (const rules of rulesVersions.slice(1)) {
    out.push('', `## Version ${rules.version}, from version ${rules.version - 1}`, '');
    for (const kind of ['task', 'plan'] as const) out.push(`- ${kind} machine: ${changesOf(kind, rules.version).join('; ')}`);
  }
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------

/** Every generated doc, keyed by its path relative to the repository root. */
export function renderDiagrams(): Record<string, string> {
  const taskVersions = Object.fromEntries(
    rulesVersions
      .filter((rules, i) => i > 0 && rules.task !== rulesVersions[i - 1]!.task)
      .map((rules) => [
        taskDocPath(rules.version),
        renderMachine(rules.task, `Task state machine, rules version ${rules.version}`, `taskMachineV${rules.version}`, `packages/core/src/machines/taskMachineV${rules.version}.ts`) +
          ['', `## What changed from version ${rules.version - 1}`, '', ...changesOf('task', rules.version).map((line) => `- ${line}`), ''].join('\n'),
      ]),
  );
  return {
    'docs/machines/task.md': renderMachine(taskMachine, 'Task state machine', 'taskMachine', 'packages/core/src/machines/taskMachine.ts'),
    ...taskVersions,
    'docs/machines/plan.md': renderMachine(planMachine, 'Plan state machine', 'planMachine', 'packages/core/src/machines/planMachine.ts'),
    'docs/machines/rules.md': renderRules(),
    'docs/events.md': renderEvents(),
  };
}

/** Commands known to the engine: used by the test to keep ALSO_APPENDED_BY honest. */
export const COMMAND_NAMES = Object.keys(handlers) as CommandName[];

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [path, text] of Object.entries(renderDiagrams())) {
    const file = join(ROOT, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    console.log(`wrote ${path}`);
  }
}
