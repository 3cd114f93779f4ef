import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as core from '@planlog/core';
import * as store from '@planlog/core/store';

// `@planlog/core` is what an app uses; what a store adapter is built from lives in
// `@planlog/core/store`. An app developer should read the public index in a minute.

const root = fileURLToPath(new URL('../../../', import.meta.url));
const coreSrc = join(root, 'packages/core/src');

/** The adapter plumbing: in `@planlog/core/store`, never in `@planlog/core`. */
const PLUMBING_VALUES = [
  'appendArguments',
  'appendManyOptions',
  'idArgument',
  'optionsArgument',
  'readAllStart',
  'readStreamArguments',
  'checkExpectedVersion',
  'validateAppend',
  'commandIdsOf',
  'commandConflict',
  'sealEvent',
  'canonicalJson',
  'hashEvent',
  'hashBytes',
  'GENESIS_HASH',
  'eventBytes',
  'readBack',
  'unreadableEvent',
  'checkPageSize',
  'pagedLog',
  'chainCheck',
  'readStoredBytes',
  'commandIndexCheck',
  'zeroOf',
  'applyRowChange',
];
const PLUMBING_TYPES = ['StoredRecord', 'CommandIndexEntry', 'SealedEvent', 'ValidatedAppend', 'StoreColumns', 'PagedLogSource', 'ChainCheck', 'CommandIndexCheck'];

/** Plumbing the public index still carries, each with the reason (none today). */
const STILL_PUBLIC: string[] = [];

/** The names an entry's source file exports (values and types), read from its `export { … }` lists. */
function exportedNames(file: string): string[] {
  const text = readFileSync(join(coreSrc, file), 'utf8');
  const names: string[] = [];
  for (const [, list] of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const item of list!.split(',')) {
      const name = item.replace(/\/\/.*$/gm, '').replace(/^\s*type\s+/, '').split(/\s+as\s+/).at(-1)!.trim();
      if (name) names.push(name);
    }
  }
  return names;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('the public surface of @planlog/core', () => {
  it('exports no adapter plumbing: that is @planlog/core/store', () => {
    const publicNames = new Set(exportedNames('index.ts'));
    const leaked = [...PLUMBING_VALUES, ...PLUMBING_TYPES].filter((name) => publicNames.has(name));
    expect(leaked).toEqual([]);
    expect(PLUMBING_VALUES.filter((name) => name in core)).toEqual([]);
  });

  it('@planlog/core/store exports the plumbing (and the public index only what it lists)', () => {
    expect(PLUMBING_VALUES.filter((name) => !(name in store))).toEqual([]);
    expect(PLUMBING_TYPES.filter((name) => !exportedNames('store.ts').includes(name))).toEqual([]);
    // A name of the store entry in the public index is a leak unless it is listed above with its reason.
    expect(Object.keys(store).filter((name) => name in core)).toEqual(STILL_PUBLIC);
  });

  it('an app still finds what it uses in the public index', () => {
    for (const name of ['createEngine', 'memoryStore', 'manualClock', 'systemClock', 'PlanlogError', 'isPlanlogError', 'taskMachine', 'planMachine', 'verifyLog', 'commandSchemas', 'builtinProjections']) {
      expect(core, name).toHaveProperty(name);
    }
    expect(exportedNames('index.ts')).toEqual(expect.arrayContaining(['EventStore', 'StoredEvent', 'NewEvent', 'Projection', 'RowChange', 'ReadModels', 'DraftPlanCommand']));
  });

  it('no source file of any package re-exports a module whole (`export *`): every entry lists its names', () => {
    const packages = readdirSync(join(root, 'packages'));
    const offenders = packages
      .flatMap((name) => sourceFiles(join(root, 'packages', name, 'src')))
      .filter((file) => /^\s*export\s+(?:type\s+)?\*/m.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(packages).toContain('core');
    expect(offenders).toEqual([]);
  });
});
