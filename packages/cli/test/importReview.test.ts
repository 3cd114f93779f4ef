import { existsSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, cliIn, tempDir } from './fixtures/cli.js';

const temp = tempDir();
afterAll(() => temp.remove());

// A short plan written for this test.
const PLAN = `ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH

Số: 12/KH-UBND

Hà Tĩnh, ngày 05 tháng 01 năm 2026

KẾ HOẠCH

Trồng cây xanh trong khuôn viên trường học

I. NHIỆM VỤ

1. Lập danh mục cây trồng

- Đơn vị chủ trì: Sở Nông nghiệp và Môi trường.

- Đơn vị phối hợp: Sở Giáo dục và Đào tạo; Ủy ban nhân dân các xã, phường.

- Thời gian thực hiện: Quý I/2026.

II. TỔ CHỨC THỰC HIỆN

1. Sở Tài chính

Bố trí kinh phí mua cây giống, hoàn thành trước ngày 31/3/2026.

Nơi nhận:
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lê Văn Bình
`;

describe('planlog import FILE --review', () => {
  const file = temp.path('ke-hoach-cay-xanh.txt');
  writeFileSync(file, PLAN);

  it('prints one row per task: ref, source lines, lead with its reason, supports, deadline, warnings; writes nothing', async () => {
    const db = temp.path('review.db');
    const result = await cliIn('en')(['import', file, '--review', '--db', db]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2 tasks to check against the document');
    expect(result.stdout).toMatch(/I\.1 +13-19 +Sở Nông nghiệp và Môi trường \[label "Đơn vị chủ trì"\] +Sở Giáo dục và Đào tạo; UBND các xã, phường +/);
    expect(result.stdout).toMatch(/II\.1-1 +25 +Sở Tài chính \[unit heading\] +— +/);
    expect(existsSync(db)).toBe(false);
  });

  it('speaks Vietnamese by default, as the other commands do', async () => {
    const result = await cli(['import', file, '--review']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2 nhiệm vụ cần đối chiếu với văn bản');
    expect(result.stdout).toMatch(/mục +dòng +chủ trì +phối hợp +thời hạn +cảnh báo/);
    expect(result.stdout).toMatch(/Cảnh báo khác \(\d+\):/);
  });

  it('--json gives the same rows', async () => {
    const json = (await cli(['import', file, '--review', '--json'])).json();
    expect(json.tasks).toEqual([
      expect.objectContaining({ ref: 'I.1', lines: [13, 19], lead: 'Sở Nông nghiệp và Môi trường', supports: ['Sở Giáo dục và Đào tạo', 'UBND các xã, phường'], reasons: expect.objectContaining({ lead: 'label "Đơn vị chủ trì"', deadline: 'label "Thời gian thực hiện"' }) }),
      expect.objectContaining({ ref: 'II.1-1', lines: [25, 25], lead: 'Sở Tài chính', deadline: expect.stringContaining('2026'), reasons: expect.objectContaining({ lead: 'unit heading' }) }),
    ]);
    expect(Array.isArray(json.otherWarnings)).toBe(true);
  });

  it('refuses a file it cannot read (a Word 97-2003 .doc) with a VALIDATION error that says what to do', async () => {
    const doc = temp.path('ke-hoach.doc');
    writeFileSync(doc, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    const result = await cli(['import', doc, '--review']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('save it as .docx');
  });
});
