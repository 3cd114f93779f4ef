import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The saved reports are only worth testing against while the installed vitest still writes
// reports like them: record them again, live, and count both.
const root = fileURLToPath(new URL('../..', import.meta.url));
const saved = fileURLToPath(new URL('./reports/', import.meta.url));

function closingLine(dir: string, kind: string): string {
  const exitCode = (JSON.parse(readFileSync(join(dir, 'exitCodes.json'), 'utf8')) as Record<string, number>)[kind];
  const run = spawnSync(process.execPath, ['scripts/countTests.mjs', join(dir, `${kind}.json`), '--exit-code', String(exitCode)], { cwd: root, encoding: 'utf8' });
  return run.stdout.trimEnd().split('\n').at(-1)!;
}

describe('the saved vitest reports match what the installed vitest writes', () => {
  let fresh: string;
  beforeAll(() => {
    fresh = mkdtempSync(join(tmpdir(), 'planlog-reports-'));
    const run = spawnSync(process.execPath, ['test/ci/kinds/record.mjs', fresh], { cwd: root, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`record.mjs failed: ${run.stderr}`);
  }, 300_000);
  afterAll(() => rmSync(fresh, { recursive: true, force: true }));

  it('records the same kinds with the same exit codes', () => {
    expect(readFileSync(join(fresh, 'exitCodes.json'), 'utf8')).toBe(readFileSync(join(saved, 'exitCodes.json'), 'utf8'));
  });

  it('counts each fresh report as its saved one', () => {
    const kinds = readdirSync(saved).filter((name) => name !== 'exitCodes.json').map((name) => name.replace('.json', ''));
    expect(kinds.length).toBeGreaterThan(5);
    for (const kind of kinds) expect(`${kind}: ${closingLine(fresh, kind)}`).toBe(`${kind}: ${closingLine(saved, kind)}`);
  });
});
