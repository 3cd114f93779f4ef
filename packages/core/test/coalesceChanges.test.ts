import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Row, RowChange, TableDef } from '../src/index.js';
import { applyRowChange, coalesceChanges, groupChanges } from '../src/store.js';

const TABLE: TableDef = { name: 't', key: ['id'], columns: { id: 'text', n: 'integer', r: 'real', s: 'text' } };
const PAIRS: TableDef = { name: 'p', key: ['a', 'b'], columns: { a: 'text', b: 'integer', n: 'integer' } };
const tableOf = (name: string) => (name === 'p' ? PAIRS : TABLE);

/** The rows a list of changes leaves, applied one by one as the memory adapter does. */
function rowsAfter(changes: readonly RowChange[]): Record<string, [string, Row][]> {
  const tables = new Map<string, Map<string, Row>>([['t', new Map()], ['p', new Map()]]);
  for (const change of changes) applyRowChange(tableOf(change.table), tables.get(change.table)!, change);
  return Object.fromEntries([...tables].map(([name, rows]) => [name, [...rows].sort(([a], [b]) => (a < b ? -1 : 1))]));
}

const id = fc.constantFrom('x', 'y', 'z');
const change: fc.Arbitrary<RowChange> = fc.oneof(
  fc
    .record({ id, n: fc.integer({ min: -5, max: 5 }), r: fc.constantFrom(0.1, 0.2, 1e16), s: fc.string({ maxLength: 3 }) }, { requiredKeys: ['id'] })
    .map((row): RowChange => ({ op: 'upsert', table: 't', row })),
  fc
    .record({ n: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant(0.5), fc.constant(Number.MAX_SAFE_INTEGER)), r: fc.constantFrom(0.1, 0.2, 0.3) }, { requiredKeys: [] })
    .chain((by) => id.map((key): RowChange => ({ op: 'increment', table: 't', key: { id: key }, by }))),
  id.map((key): RowChange => ({ op: 'delete', table: 't', key: { id: key } })),
  fc.record({ a: id, b: fc.constantFrom(1, 2) }).map((key): RowChange => ({ op: 'increment', table: 'p', key, by: { n: 1 } })),
  fc.record({ a: id, b: fc.constantFrom(1, 2) }).map((key): RowChange => ({ op: 'delete', table: 'p', key })),
);

describe('coalesceChanges: fewer changes per row, the same rows', () => {
  it('leaves every table as the full list would (property)', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 30 }), (changes) => {
        expect(rowsAfter(coalesceChanges(changes, tableOf))).toEqual(rowsAfter(changes));
      }),
      { numRuns: 500 },
    );
  });

  it("a rebuild's upserts of one row, full rows and patches alike, become one upsert in the first one's place", () => {
    const changes: RowChange[] = [
      { op: 'upsert', table: 't', row: { id: 'x', n: 1, s: 'a' } },
      { op: 'upsert', table: 't', row: { id: 'y', n: 7 } },
      { op: 'upsert', table: 't', row: { id: 'x', s: 'b' } },
      { op: 'upsert', table: 't', row: { id: 'x', r: 2 } },
    ];
    expect(coalesceChanges(changes, tableOf)).toEqual([
      { op: 'upsert', table: 't', row: { id: 'x', n: 1, s: 'b', r: 2 } },
      { op: 'upsert', table: 't', row: { id: 'y', n: 7 } },
    ]);
  });

  it('a delete drops the earlier changes of its row, not the later ones', () => {
    const changes: RowChange[] = [
      { op: 'upsert', table: 't', row: { id: 'x', n: 1 } },
      { op: 'increment', table: 't', key: { id: 'x' }, by: { n: 1 } },
      { op: 'delete', table: 't', key: { id: 'x' } },
      { op: 'upsert', table: 't', row: { id: 'x', s: 'again' } },
    ];
    expect(coalesceChanges(changes, tableOf)).toEqual(changes.slice(2));
  });

  it('adds integer increments up, past upserts of other columns; keeps real ones and unsafe sums in order', () => {
    const changes: RowChange[] = [
      { op: 'increment', table: 't', key: { id: 'x' }, by: { n: 1 } },
      { op: 'upsert', table: 't', row: { id: 'x', s: 'named' } },
      { op: 'increment', table: 't', key: { id: 'x' }, by: { n: -3 } },
      { op: 'increment', table: 't', key: { id: 'y' }, by: { r: 0.1 } },
      { op: 'increment', table: 't', key: { id: 'y' }, by: { r: 0.2 } },
      { op: 'increment', table: 't', key: { id: 'z' }, by: { n: Number.MAX_SAFE_INTEGER } },
      { op: 'increment', table: 't', key: { id: 'z' }, by: { n: 1 } },
    ];
    expect(coalesceChanges(changes, tableOf)).toEqual([
      { op: 'increment', table: 't', key: { id: 'x' }, by: { n: -2 } },
      { op: 'upsert', table: 't', row: { id: 'x', s: 'named' } },
      ...changes.slice(3),
    ]);
  });

  it('an upsert does not merge past an increment of one of its columns', () => {
    const changes: RowChange[] = [
      { op: 'upsert', table: 't', row: { id: 'x', n: 1 } },
      { op: 'increment', table: 't', key: { id: 'x' }, by: { n: 1 } },
      { op: 'upsert', table: 't', row: { id: 'x', n: 5 } },
    ];
    expect(coalesceChanges(changes, tableOf)).toEqual(changes);
  });
});

describe('groupChanges: one multi-row statement per group, in an order that keeps each row\'s', () => {
  it('groups of one shape and distinct rows that, run in order, leave the rows as the list (property)', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 30 }), (changes) => {
        const groups = groupChanges(changes, tableOf);
        expect(groups.flat()).toHaveLength(changes.length);
        for (const group of groups) {
          const shapes = new Set(group.map((one) => `${one.table}|${one.op}|${Object.keys(one.op === 'upsert' ? one.row : one.op === 'increment' ? one.by : {}).join()}`));
          expect(shapes.size).toBe(1);
          const keys = group.map((one) => JSON.stringify(tableOf(one.table).key.map((column) => (one.op === 'upsert' ? one.row : one.key)[column])));
          expect(new Set(keys).size).toBe(keys.length);
        }
        expect(rowsAfter(groups.flat())).toEqual(rowsAfter(changes));
      }),
      { numRuns: 500 },
    );
  });

  it('a coalesced rebuild batch is one group per table and shape', () => {
    const changes: RowChange[] = ['x', 'y', 'z', 'x', 'y', 'z'].map((key, i) => ({ op: 'upsert', table: 't', row: { id: key, n: i, s: 'x' } }));
    expect(groupChanges(changes, tableOf)).toHaveLength(2);
    expect(groupChanges(coalesceChanges(changes, tableOf), tableOf)).toEqual([changes.slice(3)]);
  });

  it('takes 1 and "1" of an integer key as one row (the database does), so they never share a statement', () => {
    const changes: RowChange[] = [
      { op: 'increment', table: 'p', key: { a: 'x', b: 1 }, by: { n: 1 } },
      { op: 'increment', table: 'p', key: { a: 'x', b: '1' as never }, by: { n: 1 } },
    ];
    expect(groupChanges(changes, tableOf)).toEqual([[changes[0]], [changes[1]]]);
  });
});
