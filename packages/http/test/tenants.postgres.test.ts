import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '@planlog/core';
import { usePostgres } from '../../postgres/test/usePostgres.js';
import { createPlanlogApp } from '../src/createPlanlogApp.js';
import { tenantEngines, tenantSchema, type TenantEngines } from '../src/tenantEngines.js';
import { expectListsWithout, HOSTILE_TENANT_IDS, ISSUER, runIsolationMatrix, seedTenant } from './isolationMatrix.js';
import { serveApp, type RunningServer } from './serveApp.js';
import { client, testAuth } from './testAuth.js';

// Tenants on PostgreSQL: one schema per tenant (tenant_<id>) in one database, on embedded PostgreSQL.

const postgres = usePostgres();
let engines: TenantEngines;
let server: RunningServer;

beforeAll(async () => {
  engines = tenantEngines({ postgres: { connectionString: postgres.server().url, max: 4 }, engine: { clock: manualClock('2026-04-10T02:00:00Z') } });
  server = await serveApp(createPlanlogApp({ engineFor: engines, authenticate: testAuth }));
});
afterAll(async () => {
  await server?.close();
  await engines?.close();
});

const schemas = async () => (await postgres.admin().query<{ name: string }>('SELECT schema_name AS name FROM information_schema.schemata ORDER BY 1')).rows.map((row) => row.name);

async function headOf(tenant: string): Promise<number> {
  const engine = await engines(tenant);
  try {
    return await engine.store.headPosition();
  } finally {
    engines.release(tenant);
  }
}

describe('tenants on PostgreSQL', () => {
  it(`refuses hostile tenant ids with VALIDATION before any SQL: no schema created (${HOSTILE_TENANT_IDS.length} ids)`, async () => {
    const before = await schemas();
    for (const id of HOSTILE_TENANT_IDS) {
      await expect(engines(id), JSON.stringify(id)).rejects.toMatchObject({ code: 'VALIDATION', field: 'tenantId' });
      expect(() => tenantSchema(id)).toThrow(/tenantId/);
      if (!/^[\x20-\x7e]*$/.test(id) || id.trim() !== id) continue;
      const response = await client(server.url, ISSUER.id, id).post('/plans', { title: 'x' });
      expect(response.status).toBe(400);
    }
    expect(await schemas()).toEqual(before);
  });

  it('keeps each tenant in its own schema; every command and query as A against B’s ids is 404 and appends nothing', async () => {
    const a = await seedTenant(server.url, 'pg-a');
    const b = await seedTenant(server.url, 'pg-b');
    expect(await schemas()).toEqual(expect.arrayContaining(['tenant_pg_a', 'tenant_pg_b']));
    const heads = { a: await headOf('pg-a'), b: await headOf('pg-b') };
    const counts = await runIsolationMatrix(server.url, 'pg-a', b);
    const reverse = await runIsolationMatrix(server.url, 'pg-b', a);
    const lists = (await expectListsWithout(server.url, 'pg-a', b)) + (await expectListsWithout(server.url, 'pg-b', a));
    expect({ a: await headOf('pg-a'), b: await headOf('pg-b') }).toEqual(heads);
    expect(counts).toEqual({ requests: 96, notFound: 96, commands: 74, queries: 22 });
    expect(reverse).toEqual(counts);
    console.log(`isolation matrix (PostgreSQL): ${counts.requests + reverse.requests} requests (A→B and B→A), all 404; ${lists} list routes free of the other tenant's ids`);
  });

  it('closes an idle tenant and opens it again with its log', async () => {
    const planCount = async () => {
      const engine = await engines('pg-a');
      try {
        return (await engine.listPlans()).items.length;
      } finally {
        engines.release('pg-a');
      }
    };
    const before = await planCount();
    expect(before).toBe(1);
    await engines.close();
    engines = tenantEngines({ postgres: { connectionString: postgres.server().url, max: 2 } });
    expect(await planCount()).toBe(before);
  });
});
