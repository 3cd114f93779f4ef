/** A watch on a store's appends (`EventStore.watchAppends`). */
export type AppendWatch = {
  /** Resolves once appends made from now on are sure to call the listener (a PostgreSQL LISTEN is in place). */
  ready: Promise<void>;
  /** Stop calling the listener; resolves once whatever the watch held (a connection) is given back. */
  close(): Promise<void>;
};

/** Told that the log may have grown: read it to see what is new. Called after the append committed. */
export type AppendListener = () => void;

/**
 * The listeners of one store, for a store that tells of its own appends in process (memory, SQLite).
 * `notify` calls them on a later microtask, never inside the append.
 */
export function appendListeners(): { watch(listener: AppendListener): AppendWatch; notify(): void } {
  const listeners = new Set<AppendListener>();
  return {
    watch(listener) {
      const own = () => listener(); // one entry per watch, even for the same function twice
      listeners.add(own);
      return {
        ready: Promise.resolve(),
        close: async () => void listeners.delete(own),
      };
    },
    notify() {
      if (listeners.size === 0) return;
      queueMicrotask(() => {
        for (const listener of [...listeners]) listener();
      });
    },
  };
}
