import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type RunningPostgres } from '../../postgres/test/startPostgres.js';
import { buildLog, PLAN_ID } from './fixtures/buildLog.js';
import { cliIn, tempDir } from './fixtures/cli.js';

// These tests read the English messages (Vietnamese is the default).
const cli = cliIn('en');

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

    for (const args of [['state', PLAN_ID, '--as-of', '2026-06-30', '--json'], ['report', '--unit', 'so-tu-phap', '--period', '2026-Q2', '--json'], ['timeline', 't-tuyentruyen']]) {
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

  it('read commands on a schema without a log (a typo) exit 2 naming it and the schemas that hold one, and create nothing', async () => {
    const typo = `${schema}_dem0`;
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      for (const args of [['verify'], ['plans'], ['state', PLAN_ID], ['timeline', PLAN_ID], ['report', '--unit', 'so-tu-phap', '--period', '2026-Q2'], ['export']]) {
        const result = await cli([...args, '--db', `${server.url}?schema=${typo}`]);
        expect(result.code, args[0]).toBe(2);
        expect(result.stdout, args[0]).toBe('');
        expect(result.stderr, args[0]).toMatch(new RegExp(`schema ${typo}: no planlog log there \\(schemas holding one: .*\\b${schema}\\b`));
        const { rows } = await client.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [typo]);
        expect(rows, args[0]).toHaveLength(0);
      }
      const json = await cli(['verify', '--db', `${server.url}?schema=${typo}`, '--json']);
      expect(json.json().error).toMatchObject({ code: 'NOT_FOUND', field: 'schema', details: { schema: typo, schemas: expect.arrayContaining([schema]) } });
    } finally {
      await client.end();
    }
  });

  it('commands that run a plan work on PostgreSQL and never create a log where there is none', async () => {
    const ack = await cli(['report-task', 't-tuyentruyen', '--text', 'Đã tổ chức thêm 1 hội nghị', '--progress', '70', '--as', 'phong-pho-bien-giao-duc-phap-luat', '--db', url, '--json', '--command-id', 'pg-1']);
    expect(ack.stderr).toBe('');
    expect(ack.json()).toMatchObject({ appended: 1, replayed: false, result: { taskId: 't-tuyentruyen' } });
    expect((await cli(['report-task', 't-tuyentruyen', '--text', 'Đã tổ chức thêm 1 hội nghị', '--progress', '70', '--as', 'phong-pho-bien-giao-duc-phap-luat', '--db', url, '--json', '--command-id', 'pg-1'])).json()).toMatchObject({ appended: 0, replayed: true });
    expect((await cli(['tick', '--db', url])).code).toBe(0);

    const typo = `${schema}_tick`;
    const tick = await cli(['tick', '--db', `${server.url}?schema=${typo}`, '--lang', 'en']);
    expect(tick.code).toBe(2);
    expect(tick.stderr).toContain(`planlog: schema ${typo}: no planlog log there`);
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [typo]);
    await client.end();
    expect(rows).toHaveLength(0);
  });

  it('a server that does not answer is a store error (exit 4) in one line', async () => {
    const result = await cli(['verify', '--db', 'postgres://nobody:secret@127.0.0.1:1/none']);
    expect(result.code).toBe(4);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toContain('secret');
  });
});
