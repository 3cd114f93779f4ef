import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLog, PLAN_ID } from './fixtures/buildLog.js';
import { tempDir } from './fixtures/cli.js';
import { cliProcess } from './fixtures/cliProcess.js';

// Read commands open the log read-only: they work on a write-protected copy (a file 0444 in a
// directory 0555, as an auditor receives one) and leave its bytes, its time and its directory as they
// were. Under root the commands run as `nobody`, whom the permission bits do stop.

const temp = tempDir();
const dir = temp.path('ro');
const db = `${dir}/plans.db`;

beforeAll(async () => {
  await buildLog(temp.path('plans.db'));
  mkdirSync(dir);
  copyFileSync(temp.path('plans.db'), db);
  chmodSync(db, 0o444);
  chmodSync(dir, 0o555);
  chmodSync(temp.dir, 0o755);
});
afterAll(() => {
  chmodSync(dir, 0o755);
  temp.remove();
});

describe('read commands on a write-protected SQLite copy', () => {
  const reads: [string, string[]][] = [
    ['verify', []],
    ['plans', []],
    ['state', [PLAN_ID]],
    ['report', ['--unit', 'so-tu-phap', '--period', '2026', '--format', 'md']],
    ['timeline', [PLAN_ID]],
    ['export', []],
  ];
  it.each(reads)('%s works and writes nothing', (command, args) => {
    const before = { bytes: readFileSync(db), mtime: statSync(db).mtimeMs, files: readdirSync(dir) };
    const result = cliProcess([command, ...args, '--db', db]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.length).toBeGreaterThan(0);
    expect(readFileSync(db).equals(before.bytes)).toBe(true);
    expect(statSync(db).mtimeMs).toBe(before.mtime);
    expect(readdirSync(dir)).toEqual(before.files);
  });
});
