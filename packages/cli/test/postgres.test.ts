import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type RunningPostgres } from '../../postgres/test/startPostgres.js';
import { buildLog, PLAN_ID } from './fixtures/buildLog.js';
import { cli, tempDir } from './fixtures/cli.js';

const temp = tempDir();
const sqlite = temp.path('plans.db');
let server: RunningPostgres;
let events = 0;
let url = '';
let schema = '';

beforeAll(async () => {
  server = await startPostgres();
  ({ events } = await buildLog(sqlite));
  schema = server.freshSchema('cli');
  url = `${server.url}?schema=${schema}`;
});
afterAll(async () => {
  await server?.stop();
  temp.remove();
});

describe('planlog on PostgreSQL (--db postgres://…?schema=…)', () => {
  it('imports an export of a SQLite log, keeping every hash, then verifies, replays and reports the same', async () => {
    const out = temp.path('log.ndjson');
    expect((await cli(['export', '--db', sqlite, '--out', out])).code).toBe(0);
    const imported = await cli(['import', out, '--db', url]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`Imported ${events} events`);
    expect(imported.stdout).toContain(':***@'); // the password is not printed

    const verify = await cli(['verify', '--db', url, '--json']);
    const fromSqlite = await cli(['verify', '--db', sqlite, '--json']);
    expect(verify.json()).toMatchObject({ ok: true, checked: events, headHash: fromSqlite.json().headHash });

    for (const args of [['state', PLAN_ID, '--as-of', '2026-06-30', '--json'], ['report', PLAN_ID, '--as-of', '2026-05-31'], ['timeline', 't-tuyentruyen']]) {
      const onPostgres = await cli([...args, '--db', url]);
      expect(onPostgres.code, args.join(' ')).toBe(0);
      expect(onPostgres.stdout.replaceAll(url, '')).toBe((await cli([...args, '--db', sqlite])).stdout.replaceAll(sqlite, ''));
    }
  });

  it('verify finds a row changed in PostgreSQL: exit 3 at its position', async () => {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query(`UPDATE "${schema}".events SET event = replace(event, '12 văn bản', '13 văn bản') WHERE event LIKE '%12 văn bản%' RETURNING position`);
    await client.end();
    const position = Number(rows[0].position);
    const result = await cli(['verify', '--db', url]);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(`the log breaks at position ${position}: hash mismatch`);
  });

  it('a server that does not answer is a store error (exit 4) in one line', async () => {
    const result = await cli(['verify', '--db', 'postgres://nobody:secret@127.0.0.1:1/none']);
    expect(result.code).toBe(4);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toContain('secret');
  });
});
