// The dashboard on the demo year: `pnpm web` at the repository's root, or `tsx src/main.ts [--db planlog-demo.db]`.
// Serves the log that examples/demo-year writes (examples/demo-year/planlog-demo.db); when the file
// is missing, the year is simulated into it first. http://localhost:3000 (PORT to change). Ctrl-C stops it.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, manualClock } from '@planlog/core';
import { sqliteStore } from '@planlog/sqlite';
import { simulateYear, SIMULATION_END } from '../../demo-year/src/simulateYear.js';
import { DEMO_SEED } from '../../http-server/src/demoServer.js';
import { serveWeb } from './serveWeb.js';

const args = process.argv.slice(2);
const at = args.indexOf('--db');
const file = at >= 0 && args[at + 1] ? resolve(args[at + 1]!) : fileURLToPath(new URL('../../demo-year/planlog-demo.db', import.meta.url));
const port = Number(process.env.PORT ?? '3000');
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error('PORT wants a port number (0 to 65535)');
  process.exit(2);
}
const store = sqliteStore({ file });
if ((await store.headPosition()) === 0) {
  console.log(`planlog: ${file} has no log; simulating the demo year (seed ${DEMO_SEED}) into it`);
  await simulateYear({ store, seed: DEMO_SEED });
}
// The demo's "now" is the end of the simulated year, as in examples/http-server.
const engine = createEngine({ store, clock: manualClock(SIMULATION_END) });
const server = await serveWeb({ engine, port, hostname: process.env.HOST ?? 'localhost' });
console.log(`planlog: the dashboard on ${file} at ${server.url.replace('127.0.0.1', 'localhost')}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void server.close().then(() => store.close()).then(() => process.exit(0)));
}
