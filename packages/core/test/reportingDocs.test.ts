import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decree09Calendar, periodDueAt, type PeriodicKind, type ReportingRule } from '@planlog/core';

const doc = readFileSync(new URL('../../../docs/concepts.md', import.meta.url), 'utf8');
const ZONE = 'Asia/Ho_Chi_Minh';

/** The rows of the table between `<!-- name:begin -->` and `<!-- name:end -->`, cells trimmed, header and rule left out. */
function rows(name: string): string[][] {
  const begin = doc.indexOf(`<!-- ${name}:begin -->`);
  const end = doc.indexOf(`<!-- ${name}:end -->`);
  expect(begin, `docs/concepts.md has the ${name} table`).toBeGreaterThanOrEqual(0);
  return doc
    .slice(begin, end)
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
}

const KINDS: Record<string, PeriodicKind> = { M: 'month', Q: 'quarter', H: 'half', '9M': 'nine-months', Y: 'year' };
function periodOf(key: string) {
  const [, year, kind] = /^(\d{4})-(9M|M|Q|H|Y)/.exec(key)!;
  return decree09Calendar[KINDS[kind!]!](Number(year)).find((period) => period.key === key)!;
}
const vi = (iso: string) => iso.split('-').reverse().join('/');
const localTime = (date: Date) => {
  const local = new Date(date.getTime() + 7 * 3_600_000).toISOString();
  return `${vi(local.slice(0, 10))} ${local.slice(11, 16)}`;
};

describe('docs/concepts.md: reporting periods and dues', () => {
  it('shows every period kind with the window and the default due the calendar computes', () => {
    const table = rows('reporting-periods');
    expect(new Set(table.map((row) => row[0]!.split(',')[0]))).toEqual(new Set(['`month`', '`quarter`', '`half`', '`nine-months`', '`year`']));
    for (const [, keyLabel, , window, due, source] of table) {
      const [, key, label] = /^`([^`]+)`, (.+)$/.exec(keyLabel!)!;
      const period = periodOf(key!);
      expect(label).toBe(period.label);
      expect(window).toBe(`${vi(period.from)} – ${vi(period.to)}`);
      expect(due).toBe(localTime(periodDueAt(period, {}, ZONE)));
      expect(source).toMatch(/Decree 09\/2019\/NĐ-CP, Art\. 12|not in Decree 09/);
    }
  });

  it('shows each due form with the instant periodDueAt gives', () => {
    const table = rows('reporting-dues');
    expect(table.length).toBeGreaterThanOrEqual(8);
    for (const [, dueCell, key, due] of table) {
      const rule: Pick<ReportingRule, 'due'> = dueCell === '—' ? {} : { due: JSON.parse(dueCell!.slice(1, -1).replace(/(\w+):/g, '"$1":')) };
      expect(due, `${dueCell} for ${key}`).toBe(localTime(periodDueAt(periodOf(key!.slice(1, -1)), rule, ZONE)));
    }
  });
});
