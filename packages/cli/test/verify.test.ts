import { chmodSync, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { sqliteStore } from '@planlog/sqlite';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLog } from './fixtures/buildLog.js';
import { cli, tempDir } from './fixtures/cli.js';

const temp = tempDir();
const original = temp.path('plans.db');
let events = 0;

beforeAll(async () => {
  ({ events } = await buildLog(original));
});
afterAll(() => temp.remove());

/** A copy of the log, changed directly in the SQLite file. */
function tampered(name: string, sql: string, ...params: unknown[]): string {
  const file = temp.path(name);
  copyFileSync(original, file);
  const db = new Database(file);
  db.prepare(sql).run(...params);
  db.close();
  return file;
}

describe('planlog verify', () => {
  it('says OK with the event count and the head hash, exit 0', async () => {
    const result = await cli(['verify', '--db', original]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^OK: .*plans\\.db: ${events} events, hash chain intact\\.`));
    expect(result.stdout).toMatch(new RegExp(`\nAnchor: ${events}:[0-9a-f]{64} \\(keep it; give it to a later verify as --anchor\\)\n$`));
    expect(result.stderr).toBe('');
  });

  it("verifies an auditor's write-protected copy without writing to it", async () => {
    const file = temp.path('protected.db');
    copyFileSync(original, file);
    chmodSync(file, 0o444);
    const before = readFileSync(file);
    const result = await cli(['verify', '--db', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^OK: .*protected\\.db: ${events} events, hash chain intact\\.`));
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('--json gives ok, checked and headHash', async () => {
    const result = await cli(['verify', '--db', original, '--json']);
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({ ok: true, checked: events, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('detects one byte changed in the data of an event in the SQLite file: exit 3 at that position', async () => {
    // "12 văn bản" → "13 văn bản" in the final report: still valid JSON and a valid event.
    const file = tampered('byte.db', "UPDATE planlog_events SET event = replace(event, '12 văn bản', '13 văn bản') WHERE event LIKE '%\"type\":\"task.reported\"%'");
    const row = new Database(file, { readonly: true }).prepare("SELECT position FROM planlog_events WHERE event LIKE '%13 văn bản%'").get() as { position: number };
    const result = await cli(['verify', '--db', file]);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(`TAMPERED: ${file}: the log breaks at position ${row.position}: hash mismatch.`);
    expect(result.stdout).toContain(`event ${row.position}: task.reported on task-t-rasoat`);
    expect(result.stdout).toContain(`${row.position - 1} events before it are intact`);
    const json = (await cli(['verify', '--db', file, '--json'])).json();
    expect(json).toMatchObject({ ok: false, checked: row.position - 1, firstBad: { position: row.position, reason: 'hash mismatch' }, event: { type: 'task.reported' } });
  });

  it('detects a deleted event and a rewritten actor', async () => {
    const deleted = await cli(['verify', '--db', tampered('deleted.db', 'DELETE FROM planlog_events WHERE position = 7')]);
    expect(deleted.code).toBe(3);
    expect(deleted.stdout).toMatch(/breaks at position 7: (position gap|version gap)/);
    const actor = await cli(['verify', '--db', tampered('actor.db', `UPDATE planlog_events SET event = replace(event, '"actor":{"unitId":"so-tu-phap"}', '"actor":{"unitId":"so-noi-vu"}') WHERE position = 4`)]);
    expect(actor.code).toBe(3);
    expect(actor.stdout).toContain('breaks at position 4: hash mismatch');
  });

  it('a row the store cannot read (malformed JSON) fails verification at its position, not with a store error', async () => {
    const result = await cli(['verify', '--db', tampered('json.db', "UPDATE planlog_events SET event = '{broken' WHERE position = 5")]);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('breaks at position 5: hash mismatch');
    expect(result.stderr).toBe('');
  });

  it('--anchor: a log that lost its newest events, or whose anchored event changed, fails (exit 3)', async () => {
    const { anchor } = (await cli(['verify', '--db', original, '--json'])).json();
    expect(anchor).toMatch(new RegExp(`^${events}:[0-9a-f]{64}$`));
    const ok = await cli(['verify', '--db', original, '--anchor', anchor]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`The anchor ${anchor.slice(0, String(events).length + 13)}… is in the log, unchanged.`);

    // Dropping the newest event and its command's row leaves an intact chain: only the anchor tells.
    const truncated = tampered('truncated.db', 'DELETE FROM planlog_events WHERE position = ?', events);
    const db = new Database(truncated);
    db.prepare('DELETE FROM planlog_commands WHERE first_position = ?').run(events);
    db.close();
    expect((await cli(['verify', '--db', truncated])).code).toBe(0);
    const lost = await cli(['verify', '--db', truncated, '--anchor', anchor]);
    expect(lost.code).toBe(3);
    expect(lost.stdout).toContain(`the log breaks at position ${events}: anchor: the intact log ends at position ${events - 1}, before the anchored position ${events} (events were removed).`);

    const other = `${events}:${'0'.repeat(64)}`;
    const rewritten = await cli(['verify', '--db', original, '--anchor', other]);
    expect(rewritten.code).toBe(3);
    expect(rewritten.stdout).toContain(`not the anchored ${'0'.repeat(64)} (the log was rewritten)`);
    expect(rewritten.stdout).toContain(`the hash chain itself is intact (${events} events)`);

    const malformed = await cli(['verify', '--db', original, '--anchor', 'abc']);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toMatch(/^planlog: --anchor: "abc" is not <position>:<hash>/);
  });

  it('an empty log is intact, with no anchor to keep', async () => {
    const empty = temp.path('empty.db');
    await sqliteStore({ file: empty }).close();
    const result = await cli(['verify', '--db', empty]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`OK: ${empty}: 0 events, hash chain intact.\n`);
    expect((await cli(['verify', '--db', empty, '--json'])).json()).toMatchObject({ ok: true, checked: 0, anchor: null });
  });

  it('a missing SQLite file is a clear error (exit 2) and no empty database is left behind', async () => {
    const missing = temp.path('missing.db');
    const result = await cli(['verify', '--db', missing]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`planlog: --db: no such SQLite file ${missing} (give the log's file with --db, or set PLANLOG_DB)\n`);
    expect(existsSync(missing)).toBe(false);
  });

  it('--db defaults to $PLANLOG_DB, then plans.db in the working directory', async () => {
    expect((await cli(['verify'], { env: { PLANLOG_DB: original } })).code).toBe(0);
    expect((await cli(['verify'], { cwd: temp.dir })).code).toBe(0);
  });

  it('a file that is not a planlog database is refused without being changed (exit 1)', async () => {
    const text = temp.path('notes.txt');
    writeFileSync(text, 'not a database at all, just some text that is long enough to not look like anything');
    const result = await cli(['verify', '--db', text]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`planlog: --db: ${text} is not a SQLite database\n`);
    const other = temp.path('other.db');
    new Database(other).exec('CREATE TABLE things (id INTEGER)');
    expect((await cli(['verify', '--db', other])).stderr).toContain('is a SQLite database without a planlog log');
  });

  it('draws a progress bar on stderr only when stdout is a terminal', async () => {
    expect((await cli(['verify', '--db', original], { tty: true })).stderr).toContain('verify █');
    expect((await cli(['verify', '--db', original], { tty: true })).stderr).toContain('100%');
    expect((await cli(['verify', '--db', original, '--json'], { tty: true })).stderr).toBe('');
  });
});
