import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { planMachine, taskMachine } from '@planlog/core';

// Every state question is a tag on the machines' states (or another fact of their config: final
// states, the states a machine has). A hand-written list of state names is a second copy of a rule,
// and copies drift (issue #15: CHASED_STATES counted `added` as overdue, tick() never did).

const root = fileURLToPath(new URL('../../../', import.meta.url));
const packagesDir = join(root, 'packages');

/** The state names of each machine, but their initial `new` (a word too common to search for). */
const vocabularies = [taskMachine, planMachine].map((machine) => ({
  machine: machine.id,
  names: new Set(Object.keys(machine.states).filter((name) => name !== machine.config.initial)),
}));

/**
 * Places allowed to name two states of one machine together, each with its reason. Keep it short:
 * a state question belongs on the machine as a tag.
 */
const ALLOWED: { file: string; reason: string }[] = [];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The `src` of every package and of every example (examples show apps how to ask the machines). */
const srcFiles = [packagesDir, join(root, 'examples')]
  .flatMap((dir) => readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => join(dir, entry.name, 'src')))
  .flatMap((dir) => {
    try {
      return sourceFiles(dir);
    } catch {
      return [];
    }
  })
  .map((path) => relative(root, path));

const quoted = /(['"`])([a-z_]+)\1/g;

/** The state names of one machine quoted in a piece of code (two or more make a list). */
function statesNamed(code: string): { machine: string; names: string[] }[] {
  const words = new Set([...code.matchAll(quoted)].map((match) => match[2]!));
  return vocabularies
    .map(({ machine, names }) => ({ machine, names: [...words].filter((word) => names.has(word)).sort() }))
    .filter(({ names }) => names.length >= 2);
}

/** Hand-written lists of state names in a source file: by line, and by bracketed literal (`[ … ]`, `z.enum([ … ])`) across lines. */
function stateListsIn(text: string): string[] {
  const found: string[] = [];
  const code = text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' ')).replace(/\/\/.*$/gm, '');
  code.split('\n').forEach((line, i) => {
    for (const { machine, names } of statesNamed(line)) found.push(`line ${i + 1}: ${machine} states ${names.join(', ')}`);
  });
  for (const match of code.matchAll(/\[[^[\]]*\]/g)) {
    if (!match[0].includes('\n')) continue; // one line: seen above
    const line = code.slice(0, match.index).split('\n').length;
    for (const { machine, names } of statesNamed(match[0])) found.push(`line ${line}: ${machine} states ${names.join(', ')} in a list`);
  }
  return found;
}

/** A union type of state names written out (`'draft' | 'issued'`), even inside machines/: the types are derived. */
function stateUnionsIn(text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const union of line.matchAll(/(['"])[a-z_]+\1(\s*\|\s*(['"])[a-z_]+\3)+/g)) {
      for (const { machine, names } of statesNamed(union[0])) found.push(`line ${i + 1}: a union of ${machine} states ${names.join(', ')}`);
    }
  });
  return found;
}

describe('no hand-written lists of state names in packages/*/src and examples/*/src (#15: tags, not lists)', () => {
  it('finds the packages\' sources (the scan sees something)', () => {
    expect(srcFiles.length).toBeGreaterThan(50);
    expect(srcFiles).toContain('packages/core/src/projections/unitWorkload.ts');
  });

  it('the scan catches a list, a set, a z.enum, a condition and a union type of states', () => {
    expect(stateListsIn("const STATES = ['added', 'assigned'] as const;")).toHaveLength(1);
    expect(stateListsIn("const OPEN = new Set([\n  'assigned',\n  'in_progress',\n]);")).toHaveLength(1);
    expect(stateListsIn("state: z.enum(['draft', 'issued', 'closed'])")).toHaveLength(1);
    expect(stateListsIn("if (task.state === 'completed' || task.state === 'cancelled') continue;")).toHaveLength(1);
    expect(stateUnionsIn("export type PlanState = 'new' | 'draft' | 'issued' | 'closed';")).toHaveLength(1);
    // One state named, other words, comments: not lists.
    expect(stateListsIn("if (task.state === 'submitted') return; // added, assigned or acknowledged")).toEqual([]);
    expect(stateListsIn("status: z.enum(['progress', 'submitted', 'accepted', 'returned'])")).toEqual([]);
  });

  it('outside machines/, no source names two states of one machine together', () => {
    const found = srcFiles
      .filter((file) => !file.startsWith('packages/core/src/machines/') && !ALLOWED.some((allowed) => allowed.file === file))
      .flatMap((file) => stateListsIn(readFileSync(join(root, file), 'utf8')).map((where) => `${file} ${where}`));
    expect(found, 'ask the machines instead: a tag on the states (statesTagged, compiledRules(v).task.hasTag), or taskStates/planStates/finishedTaskStates').toEqual([]);
  });

  it('TaskState and PlanState are derived from the machines: no union of state names is written out anywhere in src', () => {
    const found = srcFiles.flatMap((file) => stateUnionsIn(readFileSync(join(root, file), 'utf8')).map((where) => `${file} ${where}`));
    expect(found).toEqual([]);
  });

  it('the engine and its live fold name no state: their state questions (running, may fall overdue, owes an assignment) are asked of the machines', () => {
    // state/ holds what the engine's live fold was split into (the layers of #15); summarizeTasks.ts came
    // there from src's root and names the two final states its headings stand for (completed, cancelled).
    const engineFiles = srcFiles.filter(
      (file) => file.startsWith('packages/core/src/engine/') || (file.startsWith('packages/core/src/state/') && file !== 'packages/core/src/state/summarizeTasks.ts'),
    );
    const found = engineFiles.flatMap((file) => {
      const code = readFileSync(join(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      const named = [...code.matchAll(quoted)].map((match) => match[2]!).filter((word) => vocabularies.some(({ names }) => names.has(word)));
      return named.length > 0 ? [`${file}: ${[...new Set(named)].join(', ')}`] : [];
    });
    expect(found).toEqual([]);
  });
});
