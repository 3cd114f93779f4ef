import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { startPostgres, type RunningPostgres } from './startPostgres.js';

export type UsedPostgres = {
  /** The file's server (started in `beforeAll`). */
  server(): RunningPostgres;
  /** A pool on the server's `postgres` database for set-up and inspection, opened on first use. */
  admin(): pg.Pool;
};

/**
 * One server for the test file that calls this: started before its tests, stopped after them, with
 * the admin pool (`adminPoolSize` connections, default 2) ended first.
 */
export function usePostgres(options: { adminPoolSize?: number } = {}): UsedPostgres {
  let server: RunningPostgres | undefined;
  let admin: pg.Pool | undefined;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await admin?.end();
    await server?.stop();
  });
  const running = () => {
    if (!server) throw new Error('usePostgres: the server starts in beforeAll; use it inside a test or hook');
    return server;
  };
  return {
    server: running,
    admin: () => (admin ??= new pg.Pool({ connectionString: running().url, max: options.adminPoolSize ?? 2 })),
  };
}
