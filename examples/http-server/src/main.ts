// The demo year over HTTP: `pnpm start` here, or `tsx src/main.ts [--db planlog-demo.db] [--port 3000]`.
// Serves the log that examples/demo-year writes (planlog-demo.db in the working directory); when the
// file is missing, the year is simulated into it first. Credentials: `Authorization: Bearer <unitId>`.
// See README.md for curl calls. Ctrl-C stops it.
import { resolve } from 'node:path';
import { startDemoServer } from './demoServer.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1]! : fallback;
};
const port = Number(option('--port', process.env.PORT ?? '3000'));
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error('--port wants a port number (0 to 65535)');
  process.exit(2);
}
const server = await startDemoServer({ file: resolve(option('--db', 'planlog-demo.db')), port, log: (line) => console.log(line) });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.close().then(() => process.exit(0)));
