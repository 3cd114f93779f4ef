import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, planMachine, REMOVED_IN_TASK_V2, rulesVersions, taskMachine, taskMachineV2 } from '@planlog/core';
import { ALSO_APPENDED_BY, COMMAND_NAMES, diffMachines, REGENERATE, renderDiagrams, walkMachine } from '../scripts/diagrams.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const generated = renderDiagrams();

function committed(path: string): string | null {
  try {
    return readFileSync(`${root}/${path}`, 'utf8');
  } catch {
    return null;
  }
}

/** The Mermaid block of a generated machine doc. */
function mermaidOf(text: string): string {
  const match = /```mermaid\n([\s\S]*?)```/.exec(text);
  expect(match, 'a mermaid block').not.toBeNull();
  return match![1]!;
}

describe('generated docs (scripts/diagrams.ts)', () => {
  it.each(Object.keys(generated))('%s is up to date', (path) => {
    const text = committed(path);
    expect(text, `${path} is missing: run \`${REGENERATE}\` and commit the result`).not.toBeNull();
    // Compared as a boolean so the failure message says what to do rather than printing a long diff.
    expect(text === generated[path], `${path} is stale: run \`${REGENERATE}\` and commit the result`).toBe(true);
  });

  it.each([
    ['docs/machines/task.md', taskMachine],
    ['docs/machines/plan.md', planMachine],
    ['docs/machines/task-v2.md', taskMachineV2],
  ] as const)('%s draws every state and every transition of its machine', (path, machine) => {
    const diagram = mermaidOf(generated[path]!);
    const walk = walkMachine(machine);
    expect(walk.states.map((state) => state.key)).toEqual(Object.keys(machine.root.states));
    for (const state of walk.states) expect(diagram).toMatch(new RegExp(`(^|\\s)${state.key}(\\s|$)`, 'm'));
    for (const row of walk.transitions) {
      expect(diagram).toContain(`${row.from} --> ${row.to ?? row.from} : ${row.event}`);
    }
    for (const state of walk.states.filter((state) => state.final)) expect(diagram).toContain(`${state.key} --> [*]`);
  });

  it('docs/machines/rules.md lists every rules version, and each version\'s doc says what changed from the one before', () => {
    const rules = generated['docs/machines/rules.md']!;
    for (const version of rulesVersions) expect(rules).toContain(`| ${version.version} | `);
    const { removed, added } = diffMachines(taskMachine, taskMachineV2);
    expect(added).toEqual([]);
    expect(removed.map((row) => `${row.from} ${row.event}`)).toEqual(Object.entries(REMOVED_IN_TASK_V2).flatMap(([state, events]) => events.map((event) => `${state} ${event}`)));
    const v2 = generated['docs/machines/task-v2.md']!.split('## What changed from version 1')[1]!;
    for (const row of removed) expect(v2).toContain(`removed: \`${row.from}\` on \`${row.event}\``);
    expect(mermaidOf(generated['docs/machines/task-v2.md']!)).not.toContain('acknowledged --> assigned : task.reassigned');
    expect(mermaidOf(generated['docs/machines/task.md']!)).toContain('acknowledged --> assigned : task.reassigned');
  });

  it('every event type appears in the catalog, and in the diagram of the machine that folds it', () => {
    const catalog = generated['docs/events.md']!;
    const task = mermaidOf(generated['docs/machines/task.md']!);
    const plan = mermaidOf(generated['docs/machines/plan.md']!);
    for (const type of EVENT_TYPES) {
      expect(catalog).toContain(`### \`${type}\``);
      expect(type.startsWith('task.') ? task : plan).toContain(` : ${type}`);
    }
  });

  it('every event type is said to be appended by something', () => {
    const catalog = generated['docs/events.md']!;
    for (const type of EVENT_TYPES) {
      const section = catalog.split(`### \`${type}\``)[1]!.split('\n### ')[0]!;
      expect(section, type).toMatch(/- appended by: (?!—)/);
    }
    for (const notes of Object.values(ALSO_APPENDED_BY)) {
      for (const note of notes ?? []) {
        const command = /^`([a-zA-Z]+)`/.exec(note)?.[1];
        if (command !== undefined) expect(COMMAND_NAMES, note).toContain(command);
      }
    }
  });
});
