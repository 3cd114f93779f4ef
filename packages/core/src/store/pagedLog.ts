import { PlanlogError } from '../base/errors.js';
import type { StoredEvent } from '../schemas/events.js';

export type PagedLogSource<Row, Item = StoredEvent> = {
  /** Where to start (inclusive); below 1 reads from 1. */
  fromPosition: number;
  /** Rows a page asks for; a shorter page is the last. */
  pageSize: number;
  /** Up to `limit` rows from `fromPosition` (inclusive), in global order. */
  page(fromPosition: number, limit: number): readonly Row[] | Promise<readonly Row[]>;
  positionOf(row: Row): number;
  /** The event a row holds (zod on read); called as the reader takes it. */
  toEvent(row: Row): Item;
  /** Called before each event is handed out: a store that closed meanwhile throws here. */
  check?(): void;
};

/** A store's `pageSize` option: a positive integer, or VALIDATION naming the field (an empty page would be asked for forever). */
export function checkPageSize(pageSize: number): number {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new PlanlogError('VALIDATION', 'pageSize: must be a positive integer', { field: 'pageSize' });
  return pageSize;
}

/**
 * `readAll` for a store that reads its log a page at a time: an async iterator that hands out the
 * events of the page in hand and asks for the next page when that one is used up. An async generator
 * would do the same, but each of its `yield`s awaits once more: over a million-event rebuild that is
 * a tenth of a second. Like a generator it starts nothing before the first `next()`, ends for good at
 * the first error or at `return()`, and serves overlapping `next()` calls in order.
 */
export function pagedLog<Row, Item = StoredEvent>(source: PagedLogSource<Row, Item>): AsyncIterableIterator<Item> {
  checkPageSize(source.pageSize);
  let rows: readonly Row[] = [];
  let index = 0;
  let nextPosition = Math.max(1, source.fromPosition);
  let lastPage = false;
  let finished = false;
  /** A page being fetched: calls made meanwhile wait for it. */
  let fetching: Promise<void> | null = null;
  const done: IteratorResult<Item> = { value: undefined, done: true };

  function fail(error: unknown): Promise<IteratorResult<Item>> {
    finished = true;
    return Promise.reject(error);
  }

  function take(): Promise<IteratorResult<Item>> {
    try {
      source.check?.();
      const event = source.toEvent(rows[index]!);
      index += 1;
      return Promise.resolve({ value: event, done: false });
    } catch (error) {
      return fail(error);
    }
  }

  function fetch(): Promise<void> {
    const fromPosition = nextPosition;
    let page: readonly Row[] | Promise<readonly Row[]>;
    try {
      page = source.page(fromPosition, source.pageSize);
    } catch (error) {
      return Promise.reject(error);
    }
    return Promise.resolve(page).then((fetched) => {
      rows = fetched;
      index = 0;
      lastPage = fetched.length < source.pageSize; // an empty page too: nothing is left
      if (fetched.length > 0) nextPosition = source.positionOf(fetched.at(-1)!) + 1;
    });
  }

  const iterator: AsyncIterableIterator<Item> = {
    [Symbol.asyncIterator]() {
      return iterator;
    },
    next() {
      // Behind a page being fetched: served after it (or told the log ended, if the fetch failed).
      if (fetching !== null) return fetching.then(() => iterator.next(), () => iterator.next());
      if (finished) return Promise.resolve(done);
      if (index < rows.length) return take();
      if (lastPage) {
        finished = true;
        return Promise.resolve(done);
      }
      fetching = fetch().then(
        () => {
          fetching = null;
        },
        (error: unknown) => {
          fetching = null;
          finished = true;
          throw error;
        },
      );
      return fetching.then(() => iterator.next());
    },
    return(value?: unknown) {
      // Like a generator's: after a page being fetched for an earlier next(), which gets its event.
      const end = (): IteratorResult<Item> => {
        finished = true;
        rows = [];
        return { value: value as undefined, done: true };
      };
      return fetching !== null ? fetching.then(end, end) : Promise.resolve(end());
    },
  };
  return iterator;
}
