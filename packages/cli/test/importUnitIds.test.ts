import { writeFileSync } from 'node:fs';
import { createEngine } from '@planlog/core';
import { sqliteStore } from '@planlog/sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, cliIn, tempDir } from './fixtures/cli.js';

// Issue 14, item 10, at the CLI: a plan text naming "Phòng Tự pháp" imported into a log where its
// id already names "Phòng Tư pháp" gets a suffixed id, and `planlog import` says so.

const temp = tempDir();
afterAll(() => temp.remove());

function planText(file: string, number: number, lead: string): string {
  const path = temp.path(file);
  writeFileSync(
    path,
    [
      'ỦY BAN NHÂN DÂN',
      'TỈNH HÀ TĨNH',
      '',
      `Số: ${number}/KH-UBND`,
      '',
      'Hà Tĩnh, ngày 6 tháng 4 năm 2026',
      '',
      'KẾ HOẠCH',
      '',
      `Rà soát văn bản năm 2026 (đợt ${number})`,
      '',
      'I. NHIỆM VỤ',
      '',
      `1. Rà soát văn bản quy phạm pháp luật (${lead} chủ trì, phối hợp với Sở Nội vụ thực hiện; hoàn thành trước ngày 30/6/2026).`,
      '',
    ].join('\n'),
  );
  return path;
}

const first = planText('a.txt', 1, 'Phòng Tư pháp');
const second = planText('b.txt', 2, 'Phòng Tự pháp');

async function leadsOf(db: string, planId: string): Promise<(string | undefined)[]> {
  const store = sqliteStore({ file: db });
  try {
    return (await createEngine({ store }).getTasks(planId)).map((task) => task.lead?.id);
  } finally {
    await store.close();
  }
}

describe('planlog import: unit ids the log already gives another name', () => {
  it('warns in Vietnamese by default, with the line, and the second plan gets the suffixed id', async () => {
    const db = temp.path('vi.db');
    const a = await cli(['import', first, '--db', db]);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/Cảnh báo \(\d+\):/);
    expect(a.stdout).not.toContain('trong nhật ký');

    const b = await cli(['import', second, '--db', db]);
    expect(b.code).toBe(0);
    expect(b.stdout).toContain(
      '  dòng 14: đơn vị "Phòng Tư pháp" (trong nhật ký) và "Phòng Tự pháp" sẽ trùng mã "ubnd-tinh/phong-tu-phap": "Phòng Tự pháp" nhận mã "ubnd-tinh/phong-tu-phap-2"\n',
    );
    const json = (await cli(['import', second, '--db', db, '--json'])).json();
    expect(json.created.appended).toBe(0);
    expect(json.created.warnings).toEqual([
      {
        line: 14,
        message: expect.stringContaining('"ubnd-tinh/phong-tu-phap-2"'),
        unit: { id: 'ubnd-tinh/phong-tu-phap-2', name: 'Phòng Tự pháp' },
        taken: { id: 'ubnd-tinh/phong-tu-phap', name: 'Phòng Tư pháp' },
      },
    ]);
    expect(await leadsOf(db, json.created.planId)).toEqual(['ubnd-tinh/phong-tu-phap-2']);
    expect((await cli(['verify', '--db', db])).code).toBe(0);
  });

  it('--lang en gives the importer\'s English words; the warning counts among the warnings', async () => {
    const db = temp.path('en.db');
    const en = cliIn('en');
    await en(['import', first, '--db', db]);
    const dry = await en(['import', second, '--db', db, '--dry-run']);
    const count = Number(/Warnings \((\d+)\):/.exec(dry.stdout)![1]);
    const b = await en(['import', second, '--db', db]);
    expect(b.stdout).toContain(`Warnings (${count + 1}):`);
    expect(b.stdout).toContain(
      '  line 14: units "Phòng Tư pháp" (in the log) and "Phòng Tự pháp" would share the id "ubnd-tinh/phong-tu-phap": "Phòng Tự pháp" gets "ubnd-tinh/phong-tu-phap-2"\n',
    );
  });

  it('an issuer the log knows under another name drafts and issues under its suffixed id', async () => {
    const db = temp.path('issuer.db');
    const store = sqliteStore({ file: db });
    await createEngine({ store }).draftPlan({ actor: { unitId: 'ubnd-tinh' }, title: 'Kế hoạch khác', issuer: { id: 'ubnd-tinh', name: 'UBND tỉnh Hà Giang' } });
    await store.close();
    const result = await cliIn('en')(['import', first, '--db', db, '--issue', '--json']);
    expect(result.code).toBe(0);
    const { created } = result.json();
    expect(created).toMatchObject({ issued: true, actor: { unitId: 'ubnd-tinh-2' } });
    expect(created.warnings).toEqual([expect.objectContaining({ unit: { id: 'ubnd-tinh-2', name: 'UBND tỉnh' }, taken: { id: 'ubnd-tinh', name: 'UBND tỉnh Hà Giang' } })]);
    // The agency's own units are scoped to it (the importer's rule), under its id in this log.
    expect(await leadsOf(db, created.planId)).toEqual(['ubnd-tinh-2/phong-tu-phap']);
    const human = await cli(['import', first, '--db', db]);
    expect(human.stdout).toContain('  đơn vị "UBND tỉnh Hà Giang" (trong nhật ký) và "UBND tỉnh" sẽ trùng mã "ubnd-tinh": "UBND tỉnh" nhận mã "ubnd-tinh-2"\n');
  });
});
