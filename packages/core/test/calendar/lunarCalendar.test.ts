import { describe, expect, it } from 'vitest';
import { lunarNewYear, lunarToSolar } from '@planlog/core';

describe('the lunar calendar (Hồ Ngọc Đức\'s method, UTC+7)', () => {
  it('puts Tết on the known dates', () => {
    expect([2024, 2025, 2026, 2027].map(lunarNewYear)).toEqual(['2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06']);
    // Years where the Vietnamese and the Chinese (UTC+8) new year differ: 1985 (VN 21/1, CN 20/2) and 2007 (VN 17/2, CN 18/2).
    expect(lunarNewYear(1985)).toBe('1985-01-21');
    expect(lunarNewYear(2007)).toBe('2007-02-17');
  });

  it('puts Hùng Kings\' Commemoration (10/3 lunar) on the known dates', () => {
    expect(lunarToSolar(2026, 3, 10)).toBe('2026-04-26');
    expect(lunarToSolar(2025, 3, 10)).toBe('2025-04-07');
    expect(lunarToSolar(2024, 3, 10)).toBe('2024-04-18');
  });

  it('finds leap months and refuses the ones a year does not have', () => {
    expect(lunarToSolar(2023, 2, 1, true)).toBe('2023-03-22'); // tháng 2 nhuận Quý Mão
    expect(lunarToSolar(2025, 6, 1, true)).toBe('2025-07-25'); // tháng 6 nhuận Ất Tỵ
    expect(lunarToSolar(2025, 6, 1)).toBe('2025-06-25');
    expect(lunarToSolar(2025, 5, 1, true)).toBeUndefined();
    expect(lunarToSolar(2026, 1, 1, true)).toBeUndefined();
  });

  it('reads the 11th and 12th months in the lunar year they belong to', () => {
    // Tháng Chạp of Ất Tỵ is short: its 29th is the day before Tết 2026.
    expect(lunarToSolar(2025, 12, 1)).toBe('2026-01-19');
    expect(lunarToSolar(2025, 12, 29)).toBe('2026-02-16');
    expect(lunarToSolar(2025, 11, 1)).toBe('2025-12-20');
  });
});
