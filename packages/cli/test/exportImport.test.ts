import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLog, PLAN_ID } from './fixtures/buildLog.js';
import { cli, tempDir } from './fixtures/cli.js';

const temp = tempDir();
const db = temp.path('plans.db');
let events = 0;

beforeAll(async () => {
  ({ events } = await buildLog(db));
});
afterAll(() => temp.remove());

const rows = (file: string) => new Database(file, { readonly: true }).prepare('SELECT position, stream_id, version, command_id, event, hash FROM planlog_events ORDER BY position').all();

describe('planlog export', () => {
  it('writes NDJSON to stdout: the header, then every event as stored', async () => {
    const result = await cli(['export', '--db', db]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines[0]).toEqual({ format: 'planlog-events', version: 2, planId: null, count: events });
    expect(lines).toHaveLength(events + 1);
    expect(lines.slice(1).map((event) => event.position)).toEqual(Array.from({ length: events }, (_, i) => i + 1));
  });

  it('--out writes a file and says so; --json summarises; --plan exports one plan', async () => {
    const out = temp.path('all.ndjson');
    const result = await cli(['export', '--db', db, '--out', out]);
    expect(result.stdout).toBe(`Exported ${events} events from ${db} to ${out}.\n`);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toContain('"count":' + events);
    const json = (await cli(['export', '--db', db, '--out', temp.path('plan.ndjson'), '--plan', PLAN_ID, '--json'])).json();
    expect(json).toMatchObject({ planId: PLAN_ID, count: events });
  });

  it('an unknown plan is exit 2 and leaves no file', async () => {
    const out = temp.path('nope.ndjson');
    const result = await cli(['export', '--db', db, '--plan', 'nope', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('planlog: planId: no plan nope\n');
    expect(existsSync(out)).toBe(false);
  });
});

describe('planlog import <log.ndjson>', () => {
  it('into a new SQLite file reproduces every event, position and hash', async () => {
    const out = temp.path('roundtrip.ndjson');
    await cli(['export', '--db', db, '--out', out]);
    const copy = temp.path('copy.db');
    const result = await cli(['import', out, '--db', copy]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Imported ${events} events from ${out} into ${copy}.\n`);
    expect(rows(copy)).toEqual(rows(db));
    expect((await cli(['verify', '--db', copy])).code).toBe(0);
  });

  it('into a store that is not empty: exit 1, nothing appended', async () => {
    const out = temp.path('again.ndjson');
    await cli(['export', '--db', db, '--out', out]);
    const result = await cli(['import', out, '--db', db, '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^planlog: the target store is not empty \(head position \d+\): import only into an empty store\n$/);
    expect(result.json()).toMatchObject({ error: { code: 'CONFLICT' }, exitCode: 1 });
    expect(rows(db)).toHaveLength(events);
  });

  it('a corrupt file is refused naming its line; no database is left behind', async () => {
    const out = temp.path('corrupt.ndjson');
    await cli(['export', '--db', db, '--out', out]);
    const lines = readFileSync(out, 'utf8').split('\n');
    lines[5] = lines[5]!.replace('"version":', '"version":9'); // a stream version that does not follow
    writeFileSync(out, lines.join('\n'));
    const target = temp.path('never.db');
    const result = await cli(['import', out, '--db', target]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^planlog: line 6: /);
    expect(existsSync(target)).toBe(false);

    const garbage = temp.path('garbage.jsonl');
    writeFileSync(garbage, '{"format":"planlog-events","version":2,"planId":null,"count":1}\nnot json\n');
    const broken = await cli(['import', garbage, '--db', target]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^planlog: line 2: not an event line as planlog export writes it/);
    expect(existsSync(target)).toBe(false);
  });

  it('a tampered hash in the file is refused (the whole-log chain is checked)', async () => {
    const out = temp.path('tampered.ndjson');
    await cli(['export', '--db', db, '--out', out]);
    writeFileSync(out, readFileSync(out, 'utf8').replace('12 văn bản', '13 văn bản'));
    const result = await cli(['import', out, '--db', temp.path('t.db')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^planlog: line \d+: hash mismatch at position \d+\n$/);
  });

  it('--dry-run checks the whole file and writes nothing', async () => {
    const out = temp.path('dry.ndjson');
    await cli(['export', '--db', db, '--out', out]);
    const target = temp.path('dry.db');
    const result = await cli(['import', out, '--db', target, '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Dry run: ${out} is a valid export of ${events} events; nothing was written.\n`);
    expect(existsSync(target)).toBe(false);
    expect((await cli(['import', out, '--dry-run', '--json'])).json()).toMatchObject({ kind: 'log', dryRun: true, imported: events });
  });

  it('a missing input file is exit 2', async () => {
    const result = await cli(['import', temp.path('none.ndjson'), '--db', temp.path('x.db')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('none.ndjson: no such file');
  });

  it('draws a progress bar when stdout is a terminal', async () => {
    const out = temp.path('bar.ndjson');
    await cli(['export', '--db', db, '--out', out]);
    const result = await cli(['import', out, '--db', temp.path('bar.db')], { tty: true });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('import █');
  });
});
