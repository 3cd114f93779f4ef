import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLog } from './fixtures/buildLog.js';
import { cli, tempDir } from './fixtures/cli.js';

const temp = tempDir();
const db = temp.path('plans.db');

beforeAll(() => buildLog(db));
afterAll(() => temp.remove());

describe('planlog report', () => {
  it('prints the Báo cáo of an agency for a quarter as Markdown', async () => {
    const result = await cli(['report', '--db', db, '--unit', 'Sở Tư pháp', '--period', '2026-Q2', '--number', '12', '--place', 'Hà Tĩnh', '--date', '2026-06-16', '--signer', 'KT. GIÁM ĐỐC/PHÓ GIÁM ĐỐC/Trần Văn B']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const text = result.stdout;
    expect(text).toContain('**SỞ TƯ PHÁP**  \nSố: 12/BC-STP');
    expect(text).toContain('*Hà Tĩnh, ngày 16 tháng 6 năm 2026*');
    expect(text).toContain('**Kết quả thực hiện kế hoạch của Sở Tư pháp Quý II năm 2026**');
    expect(text).toContain('(số liệu từ ngày 15/03/2026 đến hết ngày 14/06/2026)');
    expect(text).toContain('Tính đến hết ngày 14/06/2026, 1 kế hoạch có tổng số 3 nhiệm vụ, trong đó:');
    expect(text).toContain('Tỷ lệ hoàn thành trên số nhiệm vụ đã đến hạn đạt 100,0% (1/1 nhiệm vụ).');
    expect(text).toContain('| 1 | Báo cáo nhanh tình hình tuyên truyền | 01/06/2026 | 2 | 1 | 0 | 1: Phòng Phổ biến, giáo dục pháp luật |');
    expect(text).toContain('**KT. GIÁM ĐỐC**  \n**PHÓ GIÁM ĐỐC**');
  });

  it('writes a .docx with --out, and --json says what it counted', async () => {
    const out = temp.path('bc.docx');
    const result = await cli(['report', '--db', db, '--unit', 'so-tu-phap', '--from', '2026-04-01', '--to', '2026-05-31', '--out', out, '--json']);
    expect(result.code).toBe(0);
    const json = result.json<{ format: string; period: { label: string }; summary: { total: number; overdueUnfinished: number } }>();
    expect(json.format).toBe('docx');
    expect(json.period.label).toBe('từ ngày 01/04/2026 đến ngày 31/05/2026');
    expect(json.summary).toMatchObject({ total: 3, overdueUnfinished: 1 });
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  it('bad input: no period, an unknown period, docx without --out, an unknown agency, a bad signer', async () => {
    expect((await cli(['report', '--db', db, '--unit', 'so-tu-phap'])).code).toBe(1);
    expect((await cli(['report', '--db', db, '--unit', 'so-tu-phap', '--period', '2026-Q7'])).code).toBe(1);
    expect((await cli(['report', '--db', db, '--unit', 'so-tu-phap', '--period', '2026-Q2', '--format', 'docx'])).code).toBe(1);
    expect((await cli(['report', '--db', db, '--unit', 'so-khac', '--period', '2026-Q2'])).code).toBe(2);
    expect((await cli(['report', '--db', db, '--unit', 'so-tu-phap', '--period', '2026-Q2', '--signer', 'Giám đốc/X/Y'])).code).toBe(1);
    expect((await cli(['report', '--db', temp.path('none.db'), '--unit', 'so-tu-phap', '--period', '2026-Q2'])).code).toBe(2);
  });
});
