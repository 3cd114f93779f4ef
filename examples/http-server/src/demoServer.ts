import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createEngine, manualClock, type Engine } from '@planlog/core';
import { createPlanlogApp, type Authenticate } from '@planlog/http';
import { sqliteStore } from '@planlog/sqlite';
import { SIMULATION_END, simulateYear } from '../../demo-year/src/simulateYear.js';

/** The seed of the demo year (the demo-year example's default). */
export const DEMO_SEED = 3;

/**
 * The demo's credentials: `Authorization: Bearer <unitId>`, the unit id itself as the token, one
 * tenant. For a demo only; a real app checks a session or a signed token here.
 */
export const bearerUnit: Authenticate = (request) => {
  const match = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '');
  return match ? { tenantId: 'demo', actor: { unitId: match[1]! } } : null;
};

export type DemoServer = { url: string; engine: Engine; close(): Promise<void> };

/**
 * Serves the demo year's log in `file` over HTTP on `hostname:port` (port 0: a free one). A missing file
 * gets the year simulated into it first (seed 3, as `pnpm start` of examples/demo-year writes it). The
 * engine's clock stands at the end of the simulated year.
 */
export async function startDemoServer(options: { file: string; port?: number; hostname?: string; log?: (line: string) => void }): Promise<DemoServer> {
  const log = options.log ?? (() => undefined);
  const store = sqliteStore({ file: options.file });
  if ((await store.headPosition()) === 0) {
    log(`planlog: ${options.file} has no log; simulating the demo year (seed ${DEMO_SEED}) into it`);
    await simulateYear({ store, seed: DEMO_SEED });
  }
  const engine = createEngine({ store, clock: manualClock(SIMULATION_END) });
  const app = createPlanlogApp({ engineFor: () => engine, authenticate: bearerUnit });
  const hostname = options.hostname ?? '127.0.0.1';
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 3000, hostname }, (info: AddressInfo) => {
      log(`planlog: the log in ${options.file} served on http://${hostname}:${info.port}`);
      resolve({
        url: `http://${hostname}:${info.port}`,
        engine,
        close: async () => {
          (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          await new Promise<void>((done) => server.close(() => done()));
          await store.close();
        },
      });
    });
  });
}
