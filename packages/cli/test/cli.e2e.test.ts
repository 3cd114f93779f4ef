import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLog, PLAN_ID } from './fixtures/buildLog.js';
import { tempDir } from './fixtures/cli.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const temp = tempDir();
const db = temp.path('plans.db');

beforeAll(() => buildLog(db));
afterAll(() => temp.remove());

/** The real command in a child process, from its sources (`node --import tsx packages/cli/src/cli.ts`). */
function planlog(...args: string[]) {
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'packages/cli/src/cli.ts', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, PLANLOG_DB: '' } });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('planlog as a process', () => {
  it('verify: exit 0 on the log, exit 3 on a tampered copy', () => {
    const ok = planlog('verify', '--db', db);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^OK: /);

    const copy = temp.path('tampered.db');
    copyFileSync(db, copy);
    const handle = new Database(copy);
    handle.prepare(`UPDATE planlog_events SET event = replace(event, '"recordedAt":"', '"recordedAt":"2026-05-21T03:00:00.000Z","x":"') WHERE event LIKE '%"type":"task.report_accepted"%'`).run();
    handle.close();
    const bad = planlog('verify', '--db', copy);
    expect(bad.code).toBe(3);
    expect(bad.stdout).toMatch(/^TAMPERED: .*: the log breaks at position \d+: hash mismatch\./);
  });

  it('bad input ends in one line on stderr, never a stack trace', () => {
    const result = planlog('state', PLAN_ID, '--as-of', 'soon', '--db', db);
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('report through the process prints UTF-8 Vietnamese', () => {
    const result = planlog('report', PLAN_ID, '--as-of', '2026-06-30', '--db', db);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Hoàn thành đúng hạn: 1');
  });
});
