import { describe, expect, it } from 'vitest';
import { addWorkingDays, endOfTimeLimit, statutoryHolidays, vietnamHolidays, vietnamWorkingDays, workingDayFrom } from '@planlog/core';

const ZONE = 'Asia/Ho_Chi_Minh';

describe('the holidays of the Labour Code 2019, Art. 112', () => {
  it('are eleven days a year, Tết and Giỗ Tổ from the lunar calendar', () => {
    expect(statutoryHolidays(2026).map((holiday) => holiday.on)).toEqual([
      '2026-01-01',
      '2026-02-16', // the last day of Ất Tỵ
      '2026-02-17', // Tết Bính Ngọ
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-26', // Giỗ Tổ, 10/3 lunar
      '2026-04-30',
      '2026-05-01',
      '2026-09-02',
      '2026-09-03',
    ]);
    for (const year of [2021, 2024, 2025, 2030]) expect(statutoryHolidays(year)).toHaveLength(11);
  });

  it('give the day next to National Day that joins a weekend, as announced in 2021–2025', () => {
    const neighbour = (year: number) => statutoryHolidays(year).find((holiday) => holiday.name.includes('liền kề'))!.on;
    expect([2021, 2022, 2023, 2024, 2025].map(neighbour)).toEqual(['2021-09-03', '2022-09-01', '2023-09-01', '2024-09-03', '2025-09-01']);
  });

  it('move a holiday that falls on a weekend to the next working day (Art. 111(3))', () => {
    // Giỗ Tổ 2026 is a Sunday: Monday 27 April is the day off in lieu.
    expect(vietnamHolidays(2026).filter((holiday) => holiday.name.startsWith('Nghỉ bù'))).toEqual([{ on: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)' }]);
    // 2022: New Year's Day on a Saturday → Monday 3 January.
    expect(vietnamHolidays(2022).find((holiday) => holiday.name === 'Nghỉ bù Tết Dương lịch')?.on).toBe('2022-01-03');
  });
});

describe('vietnamWorkingDays', () => {
  const calendar = vietnamWorkingDays();

  it('knows weekends, holidays and days in lieu', () => {
    expect(calendar.isWorkingDay('2026-04-24')).toBe(true); // Friday
    expect(['2026-04-25', '2026-04-26', '2026-04-27'].map(calendar.isWorkingDay)).toEqual([false, false, false]);
    expect(calendar.isWorkingDay('2026-04-28')).toBe(true);
    expect(workingDayFrom(calendar, '2026-04-25')).toBe('2026-04-28');
    expect(workingDayFrom(calendar, '2026-02-14')).toBe('2026-02-23'); // Tết Bính Ngọ: back on Monday 23 February
  });

  it('takes each year\'s announced days: a bridge day off, a Saturday worked in exchange', () => {
    // Tết Ất Tỵ 2025: Monday 27 January given off, Saturday 8 February worked instead.
    const announced = vietnamWorkingDays({ announced: { 2025: { daysOff: ['2025-01-27'], workDays: ['2025-02-08'] } } });
    expect(calendar.isWorkingDay('2025-01-27')).toBe(true);
    expect(announced.isWorkingDay('2025-01-27')).toBe(false);
    expect(announced.isWorkingDay('2025-02-08')).toBe(true);
    expect(announced.isWorkingDay('2026-02-07')).toBe(false); // other years untouched
  });

  it('counts working days after a date', () => {
    // Friday 24 April 2026 + 2 working days: Tuesday 28 and Wednesday 29 (weekend, Giỗ Tổ and its day in lieu skipped).
    expect(addWorkingDays(calendar, '2026-04-24', 2)).toBe('2026-04-29');
    expect(addWorkingDays(calendar, '2026-03-14', 2)).toBe('2026-03-17');
    expect(addWorkingDays(calendar, '2026-12-31', 1)).toBe('2027-01-04'); // 1/1/2027 is a Friday
  });
});

describe('endOfTimeLimit (Civil Code 2015, Art. 148(5))', () => {
  const calendar = vietnamWorkingDays();
  it('moves a limit whose last day is a day off to the end of the next working day, in the plan\'s time zone', () => {
    // Last day Saturday 25 April 2026; 26 and 27 are off; ends at the end of Tuesday 28.
    expect(endOfTimeLimit(new Date('2026-04-25T17:00:00Z'), ZONE, calendar).toISOString()).toBe('2026-04-28T17:00:00.000Z');
    // Last day Friday 24 April: unchanged.
    expect(endOfTimeLimit(new Date('2026-04-24T17:00:00Z'), ZONE, calendar).toISOString()).toBe('2026-04-24T17:00:00.000Z');
    // The same local dates in another zone give the same local answer.
    expect(endOfTimeLimit(new Date('2026-04-25T12:00:00Z'), 'Pacific/Auckland', calendar).toISOString()).toBe('2026-04-28T12:00:00.000Z');
  });
});
