import type { AppendWatch } from '../store/AppendWatch.js';
import type { EventStore } from '../store/EventStore.js';

/** A store that counts what readers hold of it: watches not yet closed and log reads not yet ended. */
export type CountingStore = EventStore & { readonly openWatches: number; readonly openReads: number };

/** Wrap a store to count its open watches and reads (a subscription that ended must hold none). */
export function countingStore(store: EventStore): CountingStore {
  let openWatches = 0;
  let openReads = 0;
  const counted: CountingStore = Object.create(store, {
    openWatches: { get: () => openWatches },
    openReads: { get: () => openReads },
  });
  if (store.watchAppends) {
    Object.defineProperty(counted, 'watchAppends', {
      value: (listener: () => void): AppendWatch => {
        const watch = store.watchAppends!(listener);
        openWatches += 1;
        let closed = false;
        return {
          ready: watch.ready,
          close: async () => {
            if (!closed) openWatches -= 1;
            closed = true;
            await watch.close();
          },
        };
      },
    });
  }
  Object.defineProperty(counted, 'readAll', {
    value: (options?: { fromPosition?: number }) => {
      const inner = store.readAll(options)[Symbol.asyncIterator]();
      let ended = false;
      const end = () => {
        if (!ended) openReads -= 1;
        ended = true;
      };
      openReads += 1;
      const iterator: AsyncIterableIterator<Awaited<ReturnType<typeof inner.next>>['value']> = {
        [Symbol.asyncIterator]: () => iterator,
        next: async () => {
          try {
            const result = await inner.next();
            if (result.done) end();
            return result;
          } catch (error) {
            end();
            throw error;
          }
        },
        return: async (value?: unknown) => {
          end();
          return (await inner.return?.(value)) ?? { value: undefined, done: true };
        },
      };
      return iterator;
    },
  });
  return counted;
}
