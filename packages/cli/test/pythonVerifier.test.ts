import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLog, PLAN_ID } from './fixtures/buildLog.js';
import { cliIn, tempDir } from './fixtures/cli.js';

// These tests read the English messages (Vietnamese is the default).
const cli = cliIn('en');

// docs/audit.md gives a verifier in Python (standard library only) so that an auditor can check a
// log without planlog. This runs the page's script, as printed there, on a real log and on tampered
// copies: the SQLite file and NDJSON exports.

const page = readFileSync(fileURLToPath(new URL('../../../docs/audit.md', import.meta.url)), 'utf8');
const script = /```python\n(# verify_planlog\.py:[\s\S]*?)```/.exec(page)![1]!;
const temp = tempDir();
const db = temp.path('plans.db');
const verifier = temp.path('verify_planlog.py');
let events = 0;
let anchor = '';

beforeAll(async () => {
  ({ events } = await buildLog(db));
  writeFileSync(verifier, script);
  anchor = (await cli(['verify', '--db', db, '--json'])).json().anchor;
});
afterAll(() => temp.remove());

const python = (...args: string[]) => {
  const result = spawnSync('python3', [verifier, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

function copy(name: string, sql: string, ...params: unknown[]): string {
  const file = temp.path(name);
  copyFileSync(db, file);
  const handle = new Database(file);
  handle.prepare(sql).run(...params);
  handle.close();
  return file;
}

describe('the Python verifier of docs/audit.md', () => {
  it('is short and uses the standard library only', () => {
    expect(script.trimEnd().split('\n').length).toBeLessThanOrEqual(25);
    expect(script).toMatch(/^import hashlib, json, sqlite3, sys$/m);
    expect(script.match(/^(import|from) .*/gm)).toEqual(['import hashlib, json, sqlite3, sys']);
  });

  it('finds the real SQLite log intact and prints the head planlog verify printed (exit 0)', () => {
    expect(python(db)).toEqual({ code: 0, stdout: `OK: ${events} events, head ${anchor}\n`, stderr: '' });
    expect(python(db, anchor).code).toBe(0);
  });

  it('names the first bad position of a tampered SQLite file (exit 1)', () => {
    const row = new Database(db, { readonly: true }).prepare("SELECT position FROM planlog_events WHERE event LIKE '%12 văn bản%'").get() as { position: number };
    const edited = copy('edited.db', "UPDATE planlog_events SET event = replace(event, '12 văn bản', '13 văn bản') WHERE position = ?", row.position);
    expect(python(edited)).toEqual({ code: 1, stdout: '', stderr: `TAMPERED: hash mismatch at position ${row.position}\n` });
    const nfd = copy('nfd.db', "UPDATE planlog_events SET event = replace(event, 'Kế hoạch', ?) WHERE position = 1", 'Kế hoạch'.normalize('NFD'));
    expect(python(nfd)).toMatchObject({ code: 1, stderr: 'TAMPERED: hash mismatch at position 1\n' });
    const deleted = copy('deleted.db', 'DELETE FROM planlog_events WHERE position = 4');
    expect(python(deleted)).toMatchObject({ code: 1, stderr: 'TAMPERED: position 4 is missing or out of order\n' });
    const truncated = copy('truncated.db', 'DELETE FROM planlog_events WHERE position = ?', events);
    expect(python(truncated).code).toBe(0);
    expect(python(truncated, anchor)).toMatchObject({ code: 1, stderr: `TAMPERED: the log ends at position ${events - 1}, before the anchored ${events}\n` });
  });

  it('checks NDJSON exports, of the whole log and of one plan, and names the first bad position of an edited one', async () => {
    const whole = temp.path('whole.ndjson');
    await cli(['export', '--db', db, '--out', whole]);
    expect(python(whole)).toEqual({ code: 0, stdout: `OK: ${events} events, head ${anchor}\n`, stderr: '' });
    const plan = temp.path('plan.ndjson');
    await cli(['export', '--db', db, '--plan', PLAN_ID, '--out', plan]);
    expect(python(plan).code).toBe(0);
    const lines = readFileSync(whole, 'utf8').split('\n');
    const line = lines.findIndex((candidate) => candidate.includes('12 văn bản'));
    const edited = temp.path('edited.ndjson');
    writeFileSync(edited, lines.with(line, lines[line]!.replace('12 văn bản', '13 văn bản')).join('\n'));
    expect(python(edited)).toEqual({ code: 1, stdout: '', stderr: `TAMPERED: hash mismatch at position ${line}\n` });
    const reformatted = temp.path('spaced.ndjson');
    writeFileSync(reformatted, lines.with(2, lines[2]!.replace('{"actor":{', '{"actor": {')).join('\n'));
    expect(python(reformatted)).toMatchObject({ code: 1, stderr: 'TAMPERED: hash mismatch at position 2\n' });
  });
});
