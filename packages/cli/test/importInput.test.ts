import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLog } from './fixtures/buildLog.js';
import { cli, tempDir } from './fixtures/cli.js';

// Input a user may hand `planlog import` by mistake or from another editor: a draft text with
// --issue, a binary file as plan text, an export saved with a byte order mark.

const temp = tempDir();
let db = '';
let events = 0;

/** A small draft Kế hoạch of our own: no number, no date of issue. */
const DRAFT = `UBND TỈNH HÒA BÌNH XANH
SỞ TƯ PHÁP

Số:    /KH-STP

Hòa Bình Xanh, ngày   tháng 3 năm 2026

KẾ HOẠCH
Kiểm tra văn bản quy phạm pháp luật năm 2026

II. NỘI DUNG
1. Phòng Xây dựng và Kiểm tra văn bản chủ trì rà soát văn bản quy phạm pháp luật của tỉnh. Thời hạn: Quý II/2026.

Nơi nhận:
- Lưu: VT.
`;

beforeAll(async () => {
  db = temp.path('plans.db');
  ({ events } = await buildLog(db));
  writeFileSync(temp.path('draft.txt'), DRAFT);
});
afterAll(() => temp.remove());

describe('import --issue is all or nothing', () => {
  it('a draft text with --issue is refused before anything is appended (regression: it created the plan, then failed)', async () => {
    const result = await cli(['import', 'draft.txt', '--issue', '--db', 'plans.db'], { cwd: temp.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--issue: the text gives no number of issue');
    expect((await cli(['verify', '--db', db, '--json'])).json().checked).toBe(events);
    expect((await cli(['plans', '--db', db, '--json'])).json()).toHaveLength(1);
  });

  it('into a new file: refused without creating the file', async () => {
    const result = await cli(['import', 'draft.txt', '--issue', '--db', 'new.db'], { cwd: temp.dir });
    expect(result.code).toBe(1);
    expect(existsSync(temp.path('new.db'))).toBe(false);
  });

  it('without --issue the same text creates the draft', async () => {
    const result = await cli(['import', 'draft.txt', '--db', 'plans.db', '--json'], { cwd: temp.dir });
    expect(result.code).toBe(0);
    expect(result.json().created).toMatchObject({ issued: false });
    expect(result.json().created.appended).toBeGreaterThan(0);
  });
});

describe('a binary file given as plan text is refused', () => {
  it.each([
    ['a .doc', 'plan.doc', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(16), Buffer.from('word/document.xml')]), /a Word 97-2003 \.doc file, which cannot be read: save it as \.docx/],
    ['a NUL byte', 'plan.txt', Buffer.concat([Buffer.from('KE HOACH'), Buffer.alloc(4), Buffer.from('\n')]), /holds NUL characters, so it is not a text file/],
    ['bytes that are not UTF-8', 'plan.txt', Buffer.from([0x4b, 0x45, 0xff, 0xfe, 0x48, 0x4f, 0x41, 0x43, 0x48, 0x0a]), /not text in UTF-8 \(or UTF-16 with a byte order mark\)/],
  ])('%s: VALIDATION on file, exit 1, nothing written', async (_, name, bytes, message) => {
    writeFileSync(temp.path(name), bytes);
    const head = (await cli(['verify', '--db', db, '--json'])).json().checked;
    const result = await cli(['import', name, '--db', 'plans.db', '--json'], { cwd: temp.dir });
    expect(result.code).toBe(1);
    expect(result.json().error).toMatchObject({ code: 'VALIDATION', field: 'file', message: expect.stringMatching(message) });
    expect((await cli(['verify', '--db', db, '--json'])).json().checked).toBe(head);
  });
});

describe('an NDJSON export with a UTF-8 byte order mark', () => {
  it('is imported like the same file without it', async () => {
    expect((await cli(['export', '--db', db, '--out', 'log.ndjson'], { cwd: temp.dir })).code).toBe(0);
    writeFileSync(temp.path('bom.ndjson'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(temp.path('log.ndjson'))]));
    const dry = await cli(['import', 'bom.ndjson', '--dry-run', '--json'], { cwd: temp.dir });
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    const imported = await cli(['import', 'bom.ndjson', '--db', 'copy.db', '--json'], { cwd: temp.dir });
    expect(imported.code).toBe(0);
    const original = (await cli(['verify', '--db', db, '--json'])).json();
    expect((await cli(['verify', '--db', temp.path('copy.db'), '--json'])).json()).toMatchObject({ ok: true, checked: original.checked, headHash: original.headHash });
  });
});
