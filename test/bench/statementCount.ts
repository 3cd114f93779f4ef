import { createRequire } from 'node:module';

// pg is a dependency of @planlog/postgres, not of this folder: load it from there (the store's own copy).
export const pg = createRequire(new URL('../../packages/postgres/package.json', import.meta.url))('pg') as typeof import('../../packages/postgres/node_modules/@types/pg');

let sent = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: unknown, ...rest: unknown[]) {
  sent++;
  return (query as (...a: unknown[]) => unknown).apply(this, rest);
} as typeof query;

/** Every statement any pg client of this process has sent so far (each is one round trip). */
export const statementCount = (): number => sent;
