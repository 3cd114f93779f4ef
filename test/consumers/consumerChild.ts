// Child of consumerProcesses.e2e.test.ts: runs one durable consumer on a SQLite file or a PostgreSQL
// schema until it has handled the log's head as it found it, then stops and exits.
//
//   node --import tsx test/consumers/consumerChild.ts '<json config>'   (TSX_TSCONFIG_PATH: the workspace tsconfig)
//
// The handler records each event to a file shared by every child: `B <pid> <position>` as it begins
// and `E <pid> <position>` as it ends (appendFileSync: a line written is on the file even after
// SIGKILL). On stdout: `L` once the consumer holds the name, `H <position>` per event handled,
// `D` when done. With `stallAt`, the handler hangs on that event (after recording it), to be killed.
import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { startConsumer, type EventStore } from '@planlog/core';
import { postgresStore } from '@planlog/postgres';
import { sqliteStore } from '@planlog/sqlite';

type Config = {
  store: { sqlite: string } | { postgres: string; schema: string };
  name: string;
  record: string;
  batchSize: number;
  leaseMs: number;
  /** A slow handler: each event takes this long. */
  handleMs: number;
  stallAt?: number;
};

const config = JSON.parse(process.argv[2]!) as Config;
const store: EventStore =
  'sqlite' in config.store ? sqliteStore({ file: config.store.sqlite }) : postgresStore({ connectionString: config.store.postgres, max: 4 }, { schema: config.store.schema });

let announced = false;
const consumer = startConsumer({
  name: config.name,
  store,
  batchSize: config.batchSize,
  leaseMs: config.leaseMs,
  pollMs: 25,
  onError: (error) => process.stderr.write(`consumer error: ${String(error)}\n`),
  async handle(event) {
    if (!announced) {
      announced = true;
      process.stdout.write('L\n');
    }
    appendFileSync(config.record, `B ${process.pid} ${event.position}\n`);
    await sleep(config.handleMs);
    appendFileSync(config.record, `E ${process.pid} ${event.position}\n`);
    process.stdout.write(`H ${event.position}\n`);
    if (event.position === config.stallAt) await new Promise(() => undefined); // hang here until killed
  },
});
await consumer.caughtUp();
await consumer.stop();
await store.close();
process.stdout.write('D\n');
