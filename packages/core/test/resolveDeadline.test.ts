import { describe, expect, it } from 'vitest';
import { resolveDeadline, PlanlogError, manualClock } from '@planlog/core';

describe('resolveDeadline', () => {
  const iso = (d: Date | null) => d?.toISOString() ?? null;

  it('gives the first late instant of every deadline kind in Asia/Ho_Chi_Minh', () => {
    expect(iso(resolveDeadline({ kind: 'quarter', year: 2026, quarter: 2 }))).toBe('2026-06-30T17:00:00.000Z');
    expect(iso(resolveDeadline({ kind: 'quarter', year: 2026, quarter: 4 }))).toBe('2026-12-31T17:00:00.000Z');
    expect(iso(resolveDeadline({ kind: 'date', on: '2026-05-25', before: true }))).toBe('2026-05-24T17:00:00.000Z');
    expect(iso(resolveDeadline({ kind: 'date', on: '2026-05-25' }))).toBe('2026-05-25T17:00:00.000Z');
    expect(iso(resolveDeadline({ kind: 'month', year: 2026, month: 6 }))).toBe('2026-06-30T17:00:00.000Z');
    expect(iso(resolveDeadline({ kind: 'month', year: 2026, month: 12 }))).toBe('2026-12-31T17:00:00.000Z');
    expect(iso(resolveDeadline({ kind: 'half', year: 2026, half: 1 }))).toBe('2026-06-30T17:00:00.000Z');
    expect(iso(resolveDeadline({ kind: 'year', year: 2026 }))).toBe('2026-12-31T17:00:00.000Z');
    expect(resolveDeadline({ kind: 'ongoing' })).toBeNull();
  });

  it('follows the plan time zone, daylight saving included', () => {
    expect(iso(resolveDeadline({ kind: 'month', year: 2026, month: 3 }, 'America/New_York'))).toBe('2026-04-01T04:00:00.000Z');
    expect(iso(resolveDeadline({ kind: 'month', year: 2026, month: 1 }, 'America/New_York'))).toBe('2026-02-01T05:00:00.000Z');
    expect(iso(resolveDeadline({ kind: 'year', year: 2026 }, 'UTC'))).toBe('2027-01-01T00:00:00.000Z');
  });

  it('handles leap days', () => {
    expect(iso(resolveDeadline({ kind: 'date', on: '2028-02-29' }))).toBe('2028-02-29T17:00:00.000Z');
    expect(iso(resolveDeadline({ kind: 'month', year: 2028, month: 2 }))).toBe('2028-02-29T17:00:00.000Z');
  });
});

describe('manualClock', () => {
  it('moves only when told', () => {
    const clock = manualClock('2026-01-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:01:00.000Z');
    clock.set('2026-07-01T00:00:00+07:00');
    expect(clock.now().toISOString()).toBe('2026-06-30T17:00:00.000Z');
  });

  it('refuses an invalid instant with a typed error', () => {
    expect(() => manualClock('not a date')).toThrow(PlanlogError);
    const clock = manualClock(new Date(0));
    expect(() => clock.set('2026-13-45')).toThrowError(/to:/);
  });
});
