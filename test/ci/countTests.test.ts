import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The saved reports were written by vitest itself, run on the broken files in ./kinds
// (node test/ci/kinds/record.mjs); exitCodes.json holds vitest's exit code for each.
const root = fileURLToPath(new URL('../..', import.meta.url));
const reports = fileURLToPath(new URL('./reports/', import.meta.url));
const exitCodes = JSON.parse(readFileSync(join(reports, 'exitCodes.json'), 'utf8')) as Record<string, number>;

function count(args: string[]): { lines: string[]; status: number | null } {
  const run = spawnSync(process.execPath, ['scripts/countTests.mjs', ...args], { cwd: root, encoding: 'utf8' });
  return { lines: run.stdout.trimEnd().split('\n'), status: run.status };
}

function countSaved(kind: string, extra: string[] = []) {
  return count([join(reports, `${kind}.json`), '--exit-code', String(exitCodes[kind]), ...extra]);
}

describe('scripts/countTests.mjs on saved vitest reports', () => {
  // kind → the closing line. Every kind but `passing` must show a failure.
  const expected: Record<string, string> = {
    passing: 'tests: 2 passed, 0 failed',
    assertion: 'tests: 1 passed, 1 failed',
    testTimeout: 'tests: 1 passed, 1 failed',
    loadError: 'tests: 0 passed, 1 failed',
    throwOnLoad: 'tests: 0 passed, 1 failed',
    suiteError: 'tests: 0 passed, 1 failed',
    hookFailure: 'tests: 0 passed, 1 failed',
    hookTimeout: 'tests: 0 passed, 1 failed',
    afterAllFailure: 'tests: 1 passed, 1 failed',
    unhandled: 'tests: 1 passed, 1 failed',
    all: 'tests: 6 passed, 8 failed',
  };

  it('has a saved report for every broken file, and an expectation for every saved report', () => {
    const kinds = Object.keys(exitCodes).sort();
    expect(Object.keys(expected).sort()).toEqual(kinds);
  });

  for (const [kind, line] of Object.entries(expected)) {
    it(`${kind}: ends with "${line}"`, () => {
      const { lines, status } = countSaved(kind);
      expect(lines.at(-1)).toBe(line);
      expect(status).toBe(line.endsWith(' 0 failed') ? 0 : 1);
    });
  }

  it('counts a beforeAll failure that vitest reports as skipped tests (numFailedTests 0)', () => {
    const report = JSON.parse(readFileSync(join(reports, 'hookFailure.json'), 'utf8'));
    expect(report.numFailedTests).toBe(0);
    expect(report.testResults[0].assertionResults.map((test: { status: string }) => test.status)).toEqual(['skipped', 'skipped']);
    const { lines } = countSaved('hookFailure');
    expect(lines[0]).toMatch(/^file failed: .*hookFailure\.test\.mjs \(2 of 2 tests not run\)/);
  });

  it('names the files that failed outside a test, with their reason', () => {
    const { lines } = countSaved('loadError');
    expect(lines[0]).toMatch(/^file failed: .*loadError\.test\.mjs \(no test collected\): Cannot find module '.\/doesNotExist.mjs'/);
  });

  it('an unhandled error shows only in the exit code: without it the report alone looks green', () => {
    expect(count([join(reports, 'unhandled.json')]).lines.at(-1)).toBe('tests: 1 passed, 0 failed');
  });

  it('adds the package checks to the line', () => {
    expect(countSaved('passing', ['--checks-passed', '10', '--checks-failed', '0']).lines.at(-1)).toBe('tests: 12 passed, 0 failed');
    const failing = countSaved('passing', ['--checks-passed', '9', '--checks-failed', '1']);
    expect(failing.lines.at(-1)).toBe('tests: 11 passed, 1 failed');
    expect(failing.status).toBe(1);
  });

  it('a missing or unreadable report is a failure', () => {
    const dir = mkdtempSync(join(tmpdir(), 'planlog-count-'));
    try {
      const missing = count([join(dir, 'none.json')]);
      expect(missing.lines.at(-1)).toBe('tests: 0 passed, 1 failed');
      expect(missing.status).toBe(1);
      writeFileSync(join(dir, 'cut.json'), '{"testResults": [');
      expect(count([join(dir, 'cut.json')]).lines.at(-1)).toBe('tests: 0 passed, 1 failed');
      writeFileSync(join(dir, 'empty.json'), '{"testResults": []}');
      expect(count([join(dir, 'empty.json'), '--exit-code', '0']).lines.at(-1)).toBe('tests: 0 passed, 1 failed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
