import { describe, expect, it } from 'vitest';
import { isPlanlogError, type StoredEvent } from '@planlog/core';
import { pagedLog } from '@planlog/core/store';

/** A log of `size` rows (row = its position) read in pages of `pageSize`, counting the pages asked for. */
function log(size: number, pageSize: number, options: { async?: boolean; failAt?: number; badRow?: number } = {}) {
  const pages: number[] = [];
  const iterator = pagedLog<number>({
    fromPosition: 1,
    pageSize,
    page(from, limit) {
      pages.push(from);
      if (options.failAt !== undefined && from > options.failAt) throw new Error(`page from ${from} failed`);
      const rows = Array.from({ length: Math.max(0, Math.min(limit, size - from + 1)) }, (_, i) => from + i);
      return options.async ? new Promise((resolve) => setImmediate(() => resolve(rows))) : rows;
    },
    positionOf: (row) => row,
    toEvent(row) {
      if (row === options.badRow) throw new Error(`row ${row} is bad`);
      return { position: row } as StoredEvent;
    },
  });
  return { iterator, pages };
}

async function positions(iterable: AsyncIterable<StoredEvent>): Promise<number[]> {
  const seen: number[] = [];
  for await (const event of iterable) seen.push(event.position);
  return seen;
}

describe('pagedLog', () => {
  it('hands out every row once, in order, whatever the page size (a full last page costs one empty read)', async () => {
    for (const [size, pageSize] of [[0, 3], [1, 3], [6, 3], [7, 3], [10, 1]] as const) {
      for (const async of [false, true]) {
        const { iterator, pages } = log(size, pageSize, { async });
        expect(await positions(iterator)).toEqual(Array.from({ length: size }, (_, i) => i + 1));
        expect(pages.length).toBe(Math.floor(size / pageSize) + 1);
      }
    }
  });

  it('starts from fromPosition (1 when below), and reads nothing before the first next()', async () => {
    const { iterator, pages } = log(5, 2);
    expect(pages).toEqual([]);
    const from3 = pagedLog<number>({ fromPosition: 3, pageSize: 2, page: (from, limit) => [from, from + 1].slice(0, limit).filter((p) => p <= 5), positionOf: (r) => r, toEvent: (r) => ({ position: r }) as StoredEvent });
    expect(await positions(from3)).toEqual([3, 4, 5]);
    const from0 = pagedLog<number>({ fromPosition: -4, pageSize: 9, page: (from) => [from], positionOf: (r) => r, toEvent: (r) => ({ position: r }) as StoredEvent });
    expect(await positions(from0)).toEqual([1]);
    expect(await positions(iterator)).toEqual([1, 2, 3, 4, 5]);
  });

  it('stops for good at a break, and at the first error (a bad row or a failed page)', async () => {
    const { iterator, pages } = log(10, 3);
    for await (const event of iterator) if (event.position === 2) break;
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    expect(pages).toEqual([1]);

    const bad = log(10, 3, { badRow: 5 }).iterator;
    await expect(positions(bad)).rejects.toThrow('row 5 is bad');
    expect(await bad.next()).toEqual({ value: undefined, done: true });

    for (const async of [false, true]) {
      const failing = log(10, 3, { failAt: 3, async }).iterator;
      const seen: number[] = [];
      await expect((async () => { for await (const event of failing) seen.push(event.position); })()).rejects.toThrow('page from 4 failed');
      expect(seen).toEqual([1, 2, 3]);
      expect(await failing.next()).toEqual({ value: undefined, done: true });
    }
  });

  it('serves next() calls made before the last resolved in order, one page read each', async () => {
    const { iterator, pages } = log(5, 2, { async: true });
    const results = await Promise.all(Array.from({ length: 7 }, () => iterator.next()));
    expect(results.map((result) => (result.done ? 'done' : result.value.position))).toEqual([1, 2, 3, 4, 5, 'done', 'done']);
    expect(pages).toEqual([1, 3, 5]);
  });

  it('checks before each event (a store closed meanwhile)', async () => {
    let open = true;
    const iterator = pagedLog<number>({
      fromPosition: 1, pageSize: 10, page: () => [1, 2, 3], positionOf: (r) => r, toEvent: (r) => ({ position: r }) as StoredEvent,
      check() { if (!open) throw new Error('closed'); },
    });
    expect((await iterator.next()).value?.position).toBe(1);
    open = false;
    await expect(iterator.next()).rejects.toThrow('closed');
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });
  it('refuses a page size that is not a positive integer (an empty page would be asked for forever)', () => {
    for (const pageSize of [0, -1, 1.5, Number.NaN]) {
      try {
        pagedLog<number>({ fromPosition: 1, pageSize, page: () => [], positionOf: (r) => r, toEvent: (r) => ({ position: r }) as StoredEvent });
        expect.unreachable();
      } catch (error) {
        expect(isPlanlogError(error) && error.code === 'VALIDATION' && error.field === 'pageSize').toBe(true);
      }
    }
  });

  it('return() while a page is being fetched ends after the next() waiting for it gets its event', async () => {
    const { iterator } = log(5, 2, { async: true });
    const first = iterator.next();
    const ended = iterator.return!('bye');
    expect((await first).value?.position).toBe(1);
    expect(await ended).toEqual({ value: 'bye', done: true });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });
});
