import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLog } from './fixtures/buildLog.js';
import { cliIn, tempDir } from './fixtures/cli.js';

// These tests read the English messages (Vietnamese is the default).
const cli = cliIn('en');

const temp = tempDir();
const db = temp.path('plans.db');
let events = 0;

beforeAll(async () => {
  ({ events } = await buildLog(db));
});
afterAll(() => temp.remove());

describe('planlog rebuild', () => {
  it('rebuilds the read models in the SQLite file from position 0', async () => {
    const result = await cli(['rebuild', '--db', db]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`task_register: rebuilt up to position ${events}`);
    const rows = new Database(db, { readonly: true }).prepare('SELECT count(*) AS n FROM rm_task_register').get() as { n: number };
    expect(rows.n).toBe(3);
  });

  it('one projection, with --json and a progress bar on a terminal', async () => {
    const result = await cli(['rebuild', 'overdue_register', '--db', db, '--json']);
    expect(result.json()).toMatchObject({ head: events, rebuilt: [{ projection: 'overdue_register', position: events, failed: null }] });
    expect((await cli(['rebuild', 'task_register', '--db', db], { tty: true })).stderr).toContain('rebuild █');
  });

  it('an unknown projection is exit 1', async () => {
    const result = await cli(['rebuild', 'nope', '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^planlog: projection: no projection nope \(known: task_register, /);
  });
});
