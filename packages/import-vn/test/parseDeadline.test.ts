import { parseDeadline, findDeadline } from '@planlog/import-vn';
import { describe, expect, it } from 'vitest';

describe('parseDeadline', () => {
  it('reads every deadline form of design §3.1', () => {
    expect(parseDeadline('Quý II/2026')).toEqual({ kind: 'quarter', year: 2026, quarter: 2 });
    expect(parseDeadline('Hoàn thành rà soát, tham mưu sửa đổi, bổ sung trong Quý II/2026.')).toEqual({ kind: 'quarter', year: 2026, quarter: 2 });
    expect(parseDeadline('quý 4 năm 2025')).toEqual({ kind: 'quarter', year: 2025, quarter: 4 });
    expect(parseDeadline('tháng 6/2026')).toEqual({ kind: 'month', year: 2026, month: 6 });
    expect(parseDeadline('trong tháng 06 năm 2026')).toEqual({ kind: 'month', year: 2026, month: 6 });
    expect(parseDeadline('trước ngày 30/6/2026')).toEqual({ kind: 'date', on: '2026-06-30', before: true });
    expect(parseDeadline('ngày 30/6/2026')).toEqual({ kind: 'date', on: '2026-06-30' });
    expect(parseDeadline('trước ngày 25 tháng 5', { year: 2026 })).toEqual({ kind: 'date', on: '2026-05-25', before: true });
    expect(parseDeadline('năm 2026')).toEqual({ kind: 'year', year: 2026 });
    expect(parseDeadline('6 tháng đầu năm 2026')).toEqual({ kind: 'half', year: 2026, half: 1 });
    expect(parseDeadline('6 tháng cuối năm 2026')).toEqual({ kind: 'half', year: 2026, half: 2 });
    expect(parseDeadline('Thực hiện thường xuyên.')).toEqual({ kind: 'ongoing' });
  });

  it('tolerates missing diacritics and other normal forms', () => {
    expect(parseDeadline('Quy II/2026')).toEqual({ kind: 'quarter', year: 2026, quarter: 2 });
    expect(parseDeadline('truoc ngay 30/6/2026')).toEqual({ kind: 'date', on: '2026-06-30', before: true });
    expect(parseDeadline('thường xuyên'.normalize('NFD'))).toEqual({ kind: 'ongoing' });
    expect(parseDeadline('tháng 6/2026'.normalize('NFD'))).toEqual({ kind: 'month', year: 2026, month: 6 });
  });

  it('says why a written deadline cannot be used', () => {
    expect(findDeadline('trước ngày 25 tháng 5')).toMatchObject({ problem: expect.stringContaining('year') });
    expect(findDeadline('trước ngày 30/2/2026')).toMatchObject({ problem: expect.stringContaining('not a date') });
    expect(findDeadline('tháng 13/2026')).toMatchObject({ problem: expect.stringContaining('month 13') });
  });

  it('finds no deadline in a period or a document number', () => {
    expect(parseDeadline('giai đoạn 2026 - 2030')).toBeUndefined();
    expect(parseDeadline('Kế hoạch số 88/KH-UBND')).toBeUndefined();
    expect(parseDeadline('')).toBeUndefined();
  });
});
