import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '@planlog/core';
import { createPlanlogApp } from '../src/createPlanlogApp.js';
import { tenantEngines, type TenantEngines } from '../src/tenantEngines.js';
import { checkTenantId } from '../src/tenantId.js';
import { expectListsWithout, HOSTILE_TENANT_IDS, ISSUER, runIsolationMatrix, seedTenant } from './isolationMatrix.js';
import { readSse } from './readSse.js';
import { serveApp, type RunningServer } from './serveApp.js';
import { client, testAuth } from './testAuth.js';

// Tenants on SQLite: one file per tenant in one folder, opened on first use, closed when idle.


let root: string;
let dir: string;
let engines: TenantEngines;
let server: RunningServer;
const clock = manualClock('2026-04-10T02:00:00Z');

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'planlog-tenants-'));
  dir = join(root, 'tenants');
  engines = tenantEngines({ sqlite: { dir }, engine: { clock } });
  server = await serveApp(createPlanlogApp({ engineFor: engines, authenticate: testAuth }));
});
afterAll(async () => {
  await server.close();
  await engines.close();
  rmSync(root, { recursive: true, force: true });
});

async function headOf(tenant: string): Promise<number> {
  const engine = await engines(tenant);
  try {
    return await engine.store.headPosition();
  } finally {
    engines.release(tenant);
  }
}

describe('tenant ids', () => {
  it('a slug of a-z, 0-9 and inner hyphens, 1 to 48 long, passes', () => {
    for (const id of ['a', 'so-tu-phap', 'tinh-song-hau-2', '0', 'a'.repeat(48)]) expect(checkTenantId(id)).toBe(id);
  });

  it(`anything else is VALIDATION on tenantId, over HTTP and directly, and creates no file (${HOSTILE_TENANT_IDS.length} ids)`, async () => {
    const before = readdirSync(root).sort();
    const filesBefore = readdirSync(dir).sort();
    let overHttp = 0;
    for (const id of HOSTILE_TENANT_IDS) {
      await expect(engines(id), JSON.stringify(id)).rejects.toMatchObject({ code: 'VALIDATION', field: 'tenantId' });
      // A header carries only some of them (no NUL, no line break, nothing outside Latin-1).
      if (!/^[\x20-\x7e]*$/.test(id) || id.trim() !== id) continue;
      const response = await client(server.url, ISSUER.id, id).post('/plans', { title: 'x' });
      expect({ id, status: response.status, body: await response.json() }).toMatchObject({ id, status: 400, body: { error: { code: 'VALIDATION', field: 'tenantId' } } });
      overHttp += 1;
    }
    expect(overHttp).toBeGreaterThanOrEqual(15);
    expect(readdirSync(root).sort()).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(filesBefore);
    expect(engines.openTenants()).not.toContain('..');
  });
});

describe('tenant isolation on SQLite', () => {
  it('every command and query as tenant A against B’s plan and task ids is 404, and appends nothing to either log', async () => {
    const a = await seedTenant(server.url, 'tenant-a');
    const b = await seedTenant(server.url, 'tenant-b');
    expect(readdirSync(dir).filter((name) => name.endsWith('.db')).sort()).toEqual(['tenant-a.db', 'tenant-b.db']);
    const heads = { a: await headOf('tenant-a'), b: await headOf('tenant-b') };
    const counts = await runIsolationMatrix(server.url, 'tenant-a', b);
    const reverse = await runIsolationMatrix(server.url, 'tenant-b', a);
    const lists = (await expectListsWithout(server.url, 'tenant-a', b)) + (await expectListsWithout(server.url, 'tenant-b', a));
    expect({ a: await headOf('tenant-a'), b: await headOf('tenant-b') }).toEqual(heads);
    // As 2 units: 13 command routes with an id (5 by plan id: B's plan; 8 by task id: B's 4 tasks) and
    // 5 query routes with an id (3 by plan id, 2 by task id).
    expect(counts).toEqual({ requests: 96, notFound: 96, commands: 2 * (5 + 8 * 4), queries: 2 * (3 + 2 * 4) });
    expect(reverse).toEqual(counts);
    expect(lists).toBe(6);
    console.log(`isolation matrix (SQLite): ${counts.requests + reverse.requests} requests (A→B and B→A), all 404; ${lists} list routes free of the other tenant's ids`);
  });

  it("tick as A appends A's overdue events only", async () => {
    const heads = { a: await headOf('tenant-a'), b: await headOf('tenant-b') };
    clock.set('2026-07-02T00:00:00Z');
    const response = await client(server.url, ISSUER.id, 'tenant-a').post('/tick');
    const appended = (await response.json()) as { type: string }[];
    expect(appended.length).toBeGreaterThan(0);
    expect(await headOf('tenant-a')).toBe(heads.a + appended.length);
    expect(await headOf('tenant-b')).toBe(heads.b);
  });
});

describe('tenantEngines', () => {
  it('opens a tenant once however many ask at once, and keeps its log across a close', async () => {
    const own = tenantEngines({ sqlite: { dir: join(root, 'own') } });
    try {
      const all = await Promise.all(Array.from({ length: 5 }, () => own('x')));
      expect(new Set(all).size).toBe(1);
      await all[0]!.draftPlan({ actor: { unitId: ISSUER.id }, title: 'Kế hoạch' });
      for (let i = 0; i < 5; i++) own.release('x');
      expect(await own.sweep()).toBe(0);
    } finally {
      await own.close();
    }
    const again = tenantEngines({ sqlite: { dir: join(root, 'own') } });
    try {
      const engine = await again('x');
      expect((await engine.listPlans()).items).toHaveLength(1);
    } finally {
      await again.close();
    }
  });

  it('keeps at most maxOpen open, closing the least recently used idle one; refuses with STORE when all are in use', async () => {
    let now = 0;
    const own = tenantEngines({ sqlite: { dir: join(root, 'lru') }, maxOpen: 2, idleMs: 60_000, now: () => now });
    try {
      const first = await own('a');
      own.release('a');
      await own('b');
      own.release('b');
      expect(own.openTenants()).toEqual(['a', 'b']);
      await own('a'); // a is now the most recently used
      own.release('a');
      await own('c');
      own.release('c');
      expect(own.openTenants()).toEqual(['a', 'c']);
      await expect(first.store.headPosition()).resolves.toBe(0); // a stayed open
      await own('a');
      await own('c'); // both in use now
      await expect(own('d')).rejects.toMatchObject({ code: 'STORE' });
      own.release('a');
      own.release('c');
      now = 59_999;
      expect(await own.sweep()).toBe(0);
      now = 60_000;
      expect(await own.sweep()).toBe(2);
      expect(own.openTenants()).toEqual([]);
      await expect(first.store.headPosition()).rejects.toMatchObject({ code: 'STORE' }); // closed
      const reopened = await own('a');
      expect(reopened).not.toBe(first);
      own.release('a');
    } finally {
      await own.close();
    }
    await expect(own('a')).rejects.toMatchObject({ code: 'STORE' });
  });

  it('an open event stream holds its tenant: not swept while it streams, released when the client goes', async () => {
    let now = 0;
    const own = tenantEngines({ sqlite: { dir: join(root, 'sse') }, idleMs: 1_000, now: () => now });
    const running = await serveApp(createPlanlogApp({ engineFor: own, authenticate: testAuth }));
    try {
      await client(running.url, ISSUER.id, 'watched').post('/plans', { title: 'Kế hoạch' });
      const stream = readSse(await client(running.url, ISSUER.id, 'watched').get('/events'));
      expect((await stream.next(1))[0]).toMatchObject({ id: '1', event: 'plan.drafted' });
      now = 10_000;
      expect(await own.sweep()).toBe(0);
      expect(own.openTenants()).toEqual(['watched']);
      await stream.cancel();
      // Released once the server sees the client gone; idle from then on.
      await expect
        .poll(async () => {
          now += 1_000;
          return own.sweep();
        })
        .toBe(1);
      expect(own.openTenants()).toEqual([]);
    } finally {
      await running.close();
      await own.close();
    }
  });

  it('a tenant in use is never closed by the sweep', async () => {
    let now = 0;
    const own = tenantEngines({ sqlite: { dir: join(root, 'busy') }, idleMs: 1_000, now: () => now });
    try {
      const engine = await own('busy');
      now = 10_000;
      expect(await own.sweep()).toBe(0);
      await expect(engine.store.headPosition()).resolves.toBe(0);
      own.release('busy');
      now = 11_000;
      expect(await own.sweep()).toBe(1);
    } finally {
      await own.close();
    }
  });
});
