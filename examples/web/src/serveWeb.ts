import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Engine } from '@planlog/core';
import { createWebApp, type UnitOf } from './createWebApp.js';

export type WebServer = { url: string; close(): Promise<void> };

/** Serve the dashboard for `engine` on `hostname:port` (port 0: a free one). */
export function serveWeb(options: { engine: Engine; port?: number; hostname?: string; unitOf?: UnitOf }): Promise<WebServer> {
  const app = createWebApp({ engine: options.engine, ...(options.unitOf ? { unitOf: options.unitOf } : {}) });
  const hostname = options.hostname ?? '127.0.0.1';
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 3000, hostname }, (info: AddressInfo) => {
      resolve({
        url: `http://${hostname}:${info.port}`,
        close: async () => {
          (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          await new Promise<void>((done) => server.close(() => done()));
        },
      });
    });
  });
}
