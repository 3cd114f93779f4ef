import type { AppendListener, AppendWatch } from '@planlog/core';
import type { Pool, PoolClient } from 'pg';
import { toPlanlogError } from './toPlanlogError.js';

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
  let session: Promise<PoolClient> | null = null;

  const wakeAll = () => {
    for (const listener of [...listeners]) listener();
  };

  function listen(): Promise<PoolClient> {
    const connecting = (async () => {
      const client = await pool.connect();
      const lost = () => {
        if (session === connecting) session = null;
        client.off('notification', onNotification);
        wakeAll();
      };
      const onNotification = (message: { channel: string }) => {
        if (message.channel === channel) wakeAll();
      };
      client.on('error', ignore);
      client.on('error', lost);
      client.on('end', lost);
      client.on('notification', onNotification);
      try {
        await client.query(`LISTEN "${channel}"`);
      } catch (error) {
        client.release(true);
        throw error;
      }
      return client;
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
    const client = await closing.catch(() => null);
    if (client === null) return;
    client.removeAllListeners('notification');
    client.removeAllListeners('end');
    client.removeAllListeners('error');
    client.on('error', ignore);
    client.release(true);
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
          throw toPlanlogError(error, `listening on ${channel}`);
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
