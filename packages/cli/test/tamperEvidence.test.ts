import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { GENESIS_HASH, hashBytes } from '@planlog/core/store';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLog, PLAN_ID } from './fixtures/buildLog.js';
import { cliIn, tempDir } from './fixtures/cli.js';

// These tests read the English messages (Vietnamese is the default).
const cli = cliIn('en');

// Issue #14, tamper evidence: every edit of a stored byte is caught, on the file and on an export,
// and a signed anchor can be published and checked.

const temp = tempDir();
const db = temp.path('plans.db');
let events = 0;

beforeAll(async () => {
  ({ events } = await buildLog(db));
});
afterAll(() => temp.remove());

type Row = { position: number; event: string; hash: string };

/** A copy of the log whose event at `position` gets `edit(bytes)`, every later hash recomputed (a tamperer who knows the rule). */
function rewritten(name: string, position: number, edit: (bytes: string) => string, more: (db: Database.Database) => void = () => {}): string {
  const file = temp.path(name);
  copyFileSync(db, file);
  const handle = new Database(file);
  const rows = handle.prepare('SELECT position, event, hash FROM planlog_events ORDER BY position').all() as Row[];
  let prev = position === 1 ? GENESIS_HASH : rows[position - 2]!.hash;
  for (const row of rows.slice(position - 1)) {
    const bytes = row.position === position ? edit(row.event) : row.event;
    expect(row.position !== position || bytes !== row.event).toBe(true);
    prev = hashBytes(prev, bytes);
    handle.prepare('UPDATE planlog_events SET event = ?, hash = ? WHERE position = ?').run(bytes, prev, row.position);
  }
  more(handle);
  handle.close();
  return file;
}

/** An export line's parts, and the line rebuilt from them. */
const partsOf = (line: string) => /^\{"position":(\d+),"prevHash":"([0-9a-f]{64})","hash":"([0-9a-f]{64})","event":(.*)\}$/.exec(line)!;
const lineOf = (position: string, prevHash: string, hash: string, bytes: string) => `{"position":${position},"prevHash":"${prevHash}","hash":"${hash}","event":${bytes}}`;

/** The export's lines with the event at `position` edited and the chain recomputed from there (a tamperer who knows the rule). */
function rechained(lines: string[], position: number, edit: (bytes: string) => string): string[] {
  let prev = '';
  return lines.map((line, index) => {
    if (index === 0 || index < position) return line;
    const [, at, prevHash, , bytes] = partsOf(line);
    const next = index === position ? edit(bytes!) : bytes!;
    const before = index === position ? prevHash! : prev;
    prev = hashBytes(before, next);
    return lineOf(at!, before, prev, next);
  });
}

async function exported(name: string): Promise<{ out: string; lines: string[] }> {
  const out = temp.path(name);
  expect((await cli(['export', '--db', db, '--out', out])).code).toBe(0);
  return { out, lines: readFileSync(out, 'utf8').trimEnd().split('\n') };
}

const tables = (file: string) => new Database(file, { readonly: true }).prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();

describe('issue #14: tamper evidence', () => {
  it('item 4: a crafted file (an extra key, its chain recomputed) is refused before anything is appended, and a foreign SQLite file gains no planlog tables', async () => {
    const { lines } = await exported('item4.ndjson');
    const crafted = temp.path('crafted.ndjson');
    // An extra key in the 5th event: the file's own chain is intact, the store would keep other bytes.
    writeFileSync(crafted, `${rechained(lines, 5, (bytes) => bytes.replace('{"actor":{', '{"actor":{"extra":1,')).join('\n')}\n`);
    const target = temp.path('item4.db');
    const result = await cli(['import', crafted, '--db', target]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^planlog: line 6: not canonical: the stored bytes are not the canonical JSON of the event at position 5\n$/);
    expect(existsSync(target)).toBe(false);

    const foreign = temp.path('foreign.db');
    new Database(foreign).exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('Sở Tư pháp')");
    const refused = await cli(['import', crafted, '--db', foreign]);
    expect(refused.code).toBe(1);
    expect(tables(foreign)).toEqual(['customers']);
  });

  it('item 11: edits that canonical JSON forgave (NFC → NFD in a unit name, an escape, an extra key, white space around an id, reformatted JSON), their chain recomputed, are caught by verify at their position', async () => {
    // A text is stored as sent, so an NFD title is content (only an anchor tells); a unit name is NFC by its schema.
    const cases: [string, (bytes: string) => string][] = [
      ['nfd.db', (bytes) => bytes.replace(/"name":"([^"]+)"/, (_match, name: string) => `"name":"${name.normalize('NFD')}"`)],
      ['escape.db', (bytes) => bytes.replace('Kế hoạch', 'K\\u1ebf hoạch')],
      ['key.db', (bytes) => bytes.replace('"id":', '"extra":true,"id":')],
      ['space.db', (bytes) => bytes.replace(/"unitId":"([^"]+)"/, '"unitId":" $1"')],
      ['format.db', (bytes) => JSON.stringify(JSON.parse(bytes), null, 2)],
    ];
    for (const [name, edit] of cases) {
      const file = rewritten(name, 1, edit);
      const result = await cli(['verify', '--db', file, '--json']);
      expect(result.code, name).toBe(3);
      expect(result.json(), name).toMatchObject({ ok: false, checked: 0, firstBad: { position: 1, reason: expect.stringMatching(/^(not canonical|invalid event): /) } });
    }
  });

  it('item 12: setting the export header\'s planId does not turn the chain check off: import --dry-run calls an edited file invalid', async () => {
    const { lines } = await exported('item12.ndjson');
    const header = JSON.parse(lines[0]!) as { planId: string | null };
    expect(header.planId).toBeNull();
    const edited = temp.path('item12-edited.ndjson');
    const line = lines.findIndex((candidate) => candidate.includes('12 văn bản'));
    const changed = lines.with(0, lines[0]!.replace('"planId":null', `"planId":"${PLAN_ID}"`)).with(line, lines[line]!.replace('12 văn bản', '13 văn bản'));
    writeFileSync(edited, `${changed.join('\n')}\n`);
    const result = await cli(['import', edited, '--dry-run']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`planlog: line ${line + 1}: hash mismatch at position ${line}\n`);
    // With the planId set and an event deleted, the stream versions still tell.
    const deleted = temp.path('item12-deleted.ndjson');
    const acknowledged = lines.findIndex((candidate) => candidate.includes('"type":"task.acknowledged"'));
    writeFileSync(deleted, `${lines.with(0, lines[0]!.replace('"planId":null', `"planId":"${PLAN_ID}"`).replace(`"count":${events}`, `"count":${events - 1}`)).toSpliced(acknowledged, 1).join('\n')}\n`);
    expect((await cli(['import', deleted, '--dry-run'])).code).toBe(1);
  });

  it('item 13: planlog_commands is checked against the events: a deleted or an added row is reported at its position', async () => {
    const handle = new Database(db, { readonly: true });
    const { command_id: commandId, first_position: first } = handle.prepare('SELECT command_id, first_position FROM planlog_commands ORDER BY first_position LIMIT 1 OFFSET 4').get() as { command_id: string; first_position: number };
    handle.close();
    const deleted = temp.path('item13-deleted.db');
    copyFileSync(db, deleted);
    new Database(deleted).prepare('DELETE FROM planlog_commands WHERE command_id = ?').run(commandId);
    const result = await cli(['verify', '--db', deleted, '--json']);
    expect(result.code).toBe(3);
    expect(result.json()).toMatchObject({ ok: false, firstBad: { position: first, reason: `command index: no entry for command ${commandId} starting at position ${first}` } });
    const added = temp.path('item13-added.db');
    copyFileSync(db, added);
    new Database(added).prepare('INSERT INTO planlog_commands (command_id, first_position, last_position) VALUES (?, ?, ?)').run('cmd-never-ran', first, first);
    expect((await cli(['verify', '--db', added, '--json'])).json()).toMatchObject({ ok: false, firstBad: { position: first, reason: expect.stringMatching(/^command index: /) } });
  });
});

describe('planlog anchor and verify --anchor FILE', () => {
  const keys = () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const [key, pub] = [temp.path(`key-${Math.random()}.pem`), temp.path(`pub-${Math.random()}.pem`)];
    writeFileSync(key, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
    return { key, pub };
  };

  it('signs the head with Ed25519; verify checks the signature (with the published key) and that the log still holds the anchored event', async () => {
    const { key, pub } = keys();
    const anchorFile = temp.path('head.anchor.json');
    const signed = await cli(['anchor', '--db', db, '--sign', key, '--out', anchorFile]);
    expect(signed.code).toBe(0);
    expect(signed.stdout).toMatch(new RegExp(`^Anchored ${db} at ${events}:[0-9a-f]{64}\\n  signed by Ed25519 key sha256:[0-9a-f]{64}, written to ${anchorFile}\\.\\n$`));
    const anchor = JSON.parse(readFileSync(anchorFile, 'utf8'));
    expect(anchor).toMatchObject({ format: 'planlog-anchor', version: 1, position: events, hash: expect.stringMatching(/^[0-9a-f]{64}$/), signature: expect.any(String) });

    const ok = await cli(['verify', '--db', db, '--anchor', anchorFile, '--public-key', pub]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('is in the log, unchanged.\nIts signature checks with Ed25519 key sha256:');

    // The log lost its newest event (and that command's row): the signed anchor tells.
    const truncated = temp.path('anchored-truncated.db');
    copyFileSync(db, truncated);
    const handle = new Database(truncated);
    handle.prepare('DELETE FROM planlog_events WHERE position = ?').run(events);
    handle.prepare('DELETE FROM planlog_commands WHERE first_position = ?').run(events);
    handle.close();
    expect((await cli(['verify', '--db', truncated])).code).toBe(0);
    const lost = await cli(['verify', '--db', truncated, '--anchor', anchorFile, '--public-key', pub]);
    expect(lost.code).toBe(3);
    expect(lost.stdout).toContain(`before the anchored position ${events} (events were removed)`);

    // An event rewritten, its chain recomputed: only the anchor knows, and says where the chain stops matching it.
    const forged = rewritten('anchored-forged.db', events, (bytes) => bytes.replace('3 hội nghị', '5 hội nghị'));
    expect((await cli(['verify', '--db', forged])).code).toBe(0);
    const mismatch = await cli(['verify', '--db', forged, '--anchor', anchorFile, '--public-key', pub, '--json']);
    expect(mismatch.code).toBe(3);
    expect(mismatch.json()).toMatchObject({ ok: false, firstBad: { position: events, reason: expect.stringMatching(/^anchor: the event at position \d+ has hash/) } });
  });

  it('refuses an anchor file that was edited, or signed by another key than the one given (exit 1)', async () => {
    const { key, pub } = keys();
    const other = keys();
    const anchorFile = temp.path('signed.anchor.json');
    await cli(['anchor', '--db', db, '--sign', key, '--out', anchorFile]);
    const wrongKey = await cli(['verify', '--db', db, '--anchor', anchorFile, '--public-key', other.pub]);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toMatch(/^planlog: anchor: the signature does not match: the anchor was changed, or signed by another key than the one given\n$/);
    const edited = temp.path('edited.anchor.json');
    const anchor = JSON.parse(readFileSync(anchorFile, 'utf8'));
    writeFileSync(edited, JSON.stringify({ ...anchor, position: anchor.position - 1 }));
    expect((await cli(['verify', '--db', db, '--anchor', edited, '--public-key', pub])).stderr).toMatch(/signature does not match/);
    expect((await cli(['verify', '--db', db, '--anchor', edited])).code).toBe(1);
  });

  it('refuses to anchor a log that does not verify (exit 3), and a key that is not Ed25519 (exit 1)', async () => {
    const { key } = keys();
    const bad = temp.path('bad-for-anchor.db');
    copyFileSync(db, bad);
    new Database(bad).prepare("UPDATE planlog_events SET event = replace(event, '12 văn bản', '13 văn bản')").run();
    const out = temp.path('never.anchor.json');
    const refused = await cli(['anchor', '--db', bad, '--sign', key, '--out', out]);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toMatch(/^NO ANCHOR: .*: the log breaks at position \d+: hash mismatch\.\n$/);
    expect(existsSync(out)).toBe(false);
    const rsa = temp.path('rsa.pem');
    writeFileSync(rsa, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const wrong = await cli(['anchor', '--db', db, '--sign', rsa, '--out', out]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/an Ed25519 key is needed, not rsa/);
  });
});
