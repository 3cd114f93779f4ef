import type { AppendListener, AppendWatch } from '@planlog/core/store';
import type { Pool, PoolClient } from 'pg';
import { storeError } from './storeError.js';

const ignore = () => undefined;

/**
 * `watchAppends` for a PostgreSQL store: every append of every process NOTIFYs the schema's channel
 * at commit, and one client of the pool, shared by every watch of the store, LISTENs on it while any
 * watch is open. The last watch to close (or the store's `close`) gives the client back, dropped
 * rather than pooled (it was LISTENing). A lost connection wakes every watch (they read the log, and
 * find the failure there, or carry on polling); the next watch opened listens on a new client.
 */
export function appendWatcher(pool: Pool, channel: string): { watch(listener: AppendListener): AppendWatch; close(): Promise<void> } {
  const listeners = new Set<AppendListener>();
  type Session = { client: PoolClient; dropped: boolean };
  let session: Promise<Session> | null = null;

  const wakeAll = () => {
    for (const listener of [...listeners]) listener();
  };

  /** Give the client back, dropped (it was LISTENing); once. */
  function drop(held: Session): void {
    if (held.dropped) return;
    held.dropped = true;
    held.client.removeAllListeners('notification');
    held.client.removeAllListeners('end');
    held.client.removeAllListeners('error');
    held.client.on('error', ignore);
    held.client.release(true);
  }

  function listen(): Promise<Session> {
    const connecting: Promise<Session> = (async () => {
      const client = await pool.connect();
      const held: Session = { client, dropped: false };
      const lost = () => {
        if (session === connecting) session = null;
        drop(held);
        wakeAll();
      };
      client.on('error', lost);
      client.on('end', lost);
      client.on('notification', (message: { channel: string }) => {
        if (message.channel === channel) wakeAll();
      });
      try {
        await client.query(`LISTEN "${channel}"`);
      } catch (error) {
        drop(held);
        throw error;
      }
      return held;
    })();
    connecting.catch(() => {
      if (session === connecting) session = null;
    });
    return connecting;
  }

  async function hangUp(): Promise<void> {
    const closing = session;
    session = null;
    if (closing === null) return;
    const held = await closing.catch(() => null);
    if (held !== null) drop(held);
  }

  return {
    watch(listener) {
      const own = () => listener();
      listeners.add(own);
      session ??= listen();
      const ready = session.then(
        () => undefined,
        (error: unknown) => {
          listeners.delete(own);
          throw storeError(error, `listening on ${channel}`);
        },
      );
      let closed = false;
      return {
        ready,
        async close() {
          if (closed) return;
          closed = true;
          listeners.delete(own);
          if (listeners.size === 0) await hangUp();
        },
      };
    },
    async close() {
      listeners.clear();
      await hangUp();
    },
  };
}
