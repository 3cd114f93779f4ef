import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A clone of planlog has nothing beside it: the demo, the tests, the docs and the examples read only
// what is in the repository (the sample plans are in examples/sample-plans). The team folder
// (../shared: seed documents, a corpus of real plans) is for the import accuracy benchmark alone,
// which may be pointed at it; a file of that benchmark has "bench" in its path.

const root = fileURLToPath(new URL('..', import.meta.url));
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', 'coverage']);
/** A path into the team folder, or the variable that pointed the tests at its seeds. */
const SHARED = /\.\.\/shared\b|\bshared\/(?:seeds|corpus)\b|PLANLOG_SEEDS/;
const self = relative(root, fileURLToPath(import.meta.url));

function files(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path).flatMap((name) => (SKIP_DIRS.has(name) ? [] : files(join(path, name))));
}

/** Files (relative to the root) that name the team folder, with the first line that does. */
function sharedReferences(paths: readonly string[]): string[] {
  const found: string[] = [];
  for (const path of paths) {
    const name = relative(root, path);
    if (name === self || /bench/i.test(name) || statSync(path).size > 2_000_000) continue;
    const lines = readFileSync(path, 'utf8').split('\n');
    const at = lines.findIndex((line) => SHARED.test(line));
    if (at >= 0) found.push(`${name}:${at + 1}: ${lines[at]!.trim()}`);
  }
  return found;
}

describe('the repository stands on its own', () => {
  const scanned = ['packages', 'examples', 'test', 'docs', 'README.md'].flatMap((entry) => files(join(root, entry)));

  it('scans the sources, tests, examples, docs and README', () => {
    const names = scanned.map((path) => relative(root, path));
    expect(names).toContain('README.md');
    expect(names).toContain(join('examples', 'demo-year', 'src', 'importSamples.ts'));
    expect(names.some((name) => name.startsWith(join('examples', 'sample-plans')) && name.endsWith('.txt'))).toBe(true);
    expect(names.some((name) => name.includes('node_modules'))).toBe(false);
  });

  it('nothing in them reads ../shared (only a benchmark may)', () => {
    expect(sharedReferences(scanned)).toEqual([]);
  });
});
