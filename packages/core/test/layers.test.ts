import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Core's folders are layers (issue #15, "layers without cycles"): a folder imports only from itself
// and from the folders below it, so no two folders import each other, directly or in a circle.
// docs/concepts.md ("How core is arranged") says the same in prose; a test below keeps the two in step.

/** Core's folders, bottom first. A folder may import from itself and from any folder before it. */
export const LAYERS = [
  'base', //        errors, clock, timers, utcMs, year range, seeded random: no planlog imports
  'schemas', //     zod shapes of commands, events and their parts; unit ids; upcasting
  'calendar', //    local time, holidays, working days, deadlines, reporting periods
  'machines', //    the XState machines, their compiled steps, rules versions, decide/evolve
  'store', //       the EventStore contract, the memory store, append rules, hashes
  'telemetry', //   OpenTelemetry spans and metrics, optional
  'snapshots', //   stream snapshots and machine fingerprints
  'state', //       the one live fold (LiveState, LiveFold), plan and task views, streams, summaries
  'projections', // projections, the runner, memory read models, queries
  'readModels', //  SQL for read models, with small dialect hooks
  'audit', //       verify, export, import, timeline, event descriptions
  'consumers', //   subscriptions and durable consumers
  'engine', //      createEngine: commands, policy, tick, replay; composes everything below
  'testing', //     conformance suites, arbitraries, given/when/then (the testing entry)
] as const;

/** The entry points of the package (its `exports`): the only files at the root of src; they may import any folder. */
export const ENTRIES = ['index.ts', 'store.ts', 'testing.ts', 'random.ts'];

const coreSrc = fileURLToPath(new URL('../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Relative module specifiers of a source file: static imports and re-exports (type-only too) and dynamic `import()`. */
export function relativeImports(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/\b(?:import|export)\s[^'";]*?\sfrom\s*['"](\.{1,2}\/[^'"]+)['"]/g)) found.push(match[1]!);
  for (const match of text.matchAll(/\bimport\s*['"](\.{1,2}\/[^'"]+)['"]/g)) found.push(match[1]!);
  for (const match of text.matchAll(/\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)) found.push(match[1]!);
  return found;
}

/** The folder of a path relative to src (its first segment), or null for a file at the root. */
function folderOf(path: string): string | null {
  const parts = path.split('/');
  return parts.length > 1 ? parts[0]! : null;
}

/** What is wrong with one import from `from` (a path relative to src) of `to` (resolved, relative to src), or null. */
export function layerViolation(from: string, to: string): string | null {
  const fromFolder = folderOf(from);
  const toFolder = folderOf(to);
  if (fromFolder === null) return null; // an entry file
  if (to.startsWith('..')) return `${from} imports ${to}, outside packages/core/src`;
  if (toFolder === null) return `${from} imports the entry file ${to}: entries sit above every folder`;
  const fromRank = LAYERS.indexOf(fromFolder as (typeof LAYERS)[number]);
  const toRank = LAYERS.indexOf(toFolder as (typeof LAYERS)[number]);
  if (fromRank < 0) return `${from} is in ${fromFolder}/, a folder that is not a layer`;
  if (toRank < 0) return `${from} imports ${to}, in ${toFolder}/, a folder that is not a layer`;
  if (toRank > fromRank) return `${from} imports ${to}: ${fromFolder}/ is below ${toFolder}/`;
  return null;
}

function importsOf(file: string): { from: string; to: string }[] {
  const from = relative(coreSrc, file).split('\\').join('/');
  return relativeImports(readFileSync(file, 'utf8')).map((specifier) => ({
    from,
    to: normalize(join(dirname(from), specifier)).split('\\').join('/').replace(/\.js$/, '.ts'),
  }));
}

describe('core is arranged in layers (#15: no folder imports one above it)', () => {
  const files = sourceFiles(coreSrc);
  const imports = files.flatMap(importsOf);

  it('reads the imports of every source file (the scan sees something)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(imports.length).toBeGreaterThan(300);
    expect(imports).toContainEqual({ from: 'engine/createEngine.ts', to: 'state/LiveFold.ts' });
    // Type-only imports, re-exports and imports spread over lines are seen too.
    expect(relativeImports("import type {\n  A,\n  B,\n} from '../x/a.js';\nexport { c } from './c.js';\nconst m = await import('../y/m.js');")).toEqual([
      '../x/a.js',
      './c.js',
      '../y/m.js',
    ]);
  });

  it('the rule catches an upward import, an entry import and an unknown folder', () => {
    expect(layerViolation('state/LiveState.ts', 'engine/createEngine.ts')).toMatch(/state\/ is below engine\//);
    expect(layerViolation('engine/createEngine.ts', 'state/LiveState.ts')).toBeNull();
    expect(layerViolation('machines/decide.ts', 'machines/evolve.ts')).toBeNull();
    expect(layerViolation('audit/timeline.ts', 'index.ts')).toMatch(/entry file/);
    expect(layerViolation('misc/helper.ts', 'base/errors.ts')).toMatch(/not a layer/);
    expect(layerViolation('index.ts', 'testing/givenWhenThen.ts')).toBeNull();
  });

  it('every source file sits in a layer folder, but the entry files', () => {
    const loose = files.map((file) => relative(coreSrc, file).split('\\').join('/')).filter((path) => folderOf(path) === null && !ENTRIES.includes(path));
    expect(loose, 'give the file a folder (see LAYERS)').toEqual([]);
    const folders = new Set(files.map((file) => folderOf(relative(coreSrc, file).split('\\').join('/'))).filter((folder) => folder !== null));
    expect([...folders].filter((folder) => !(LAYERS as readonly string[]).includes(folder)), 'a new folder needs its place in LAYERS').toEqual([]);
  });

  it('docs/concepts.md ("How core is arranged") lists the same folders in the same order, and the same entry files', () => {
    const concepts = readFileSync(fileURLToPath(new URL('../../../docs/concepts.md', import.meta.url)), 'utf8');
    const section = concepts.slice(concepts.indexOf('## How core is arranged'));
    const next = section.indexOf('\n## ', 1);
    const body = next === -1 ? section : section.slice(0, next);
    expect([...body.matchAll(/^\| `(\w+)\/` \|/gm)].map((match) => match[1]!), 'the docs\' table of folders, bottom first').toEqual([...LAYERS]);
    expect([...body.matchAll(/`(\w+\.ts)`/g)].map((match) => match[1]!).filter((name) => !name.endsWith('.test.ts')), 'the entry files the docs name').toEqual(ENTRIES);
  });

  it('every import goes to the same folder or one below it', () => {
    const violations = imports.map(({ from, to }) => layerViolation(from, to)).filter((violation) => violation !== null);
    expect(violations, 'move the shared piece down, into the lower folder (often state/)').toEqual([]);
  });
});
