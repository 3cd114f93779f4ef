import { expect } from 'vitest';
import { commandRoutes } from '../src/commandRoutes.js';
import { queryRoutes } from '../src/queryRoutes.js';
import { client } from './testAuth.js';

// Tenant isolation, shared by the SQLite and the PostgreSQL tenant tests: every command and query
// route run as tenant A against tenant B's plan and task ids, by units that act in both tenants.

export const ISSUER = { id: 'so-tu-phap', name: 'Sở Tư pháp' };
export const LEAD = { id: 'phong-xay-dung-phap-luat', name: 'Phòng Xây dựng pháp luật' };

/** A body each command accepts, so that only the tenant can be the reason for a refusal. */
const validBodies: Record<string, unknown> = {
  addTask: { title: 'Việc thêm', lead: LEAD, deadline: { kind: 'year', year: 2026 } },
  issuePlan: { number: '99/KH', issuedOn: '2026-04-20' },
  requestReport: { units: [LEAD], subject: 'Báo cáo đột xuất', dueAt: '2026-06-01T00:00:00+07:00' },
  closePlan: {},
  upgradeRules: { version: 2 },
  assignTask: { lead: LEAD, deadline: { kind: 'year', year: 2026 } },
  acknowledgeTask: {},
  reportTask: { text: 'Đã xong', final: true },
  acceptReport: {},
  returnReport: { reason: 'Thiếu số liệu' },
  extendDeadline: { deadline: { kind: 'year', year: 2027 }, reason: 'Chờ số liệu' },
  reassignTask: { lead: { id: 'phong-khac', name: 'Phòng khác' }, reason: 'Đổi đơn vị' },
  cancelTask: { reason: 'Không còn phù hợp' },
};

/** A tenant's plan: one issued plan with one task in each of several states. */
export async function seedTenant(url: string, tenant: string) {
  const issuer = client(url, ISSUER.id, tenant);
  const lead = client(url, LEAD.id, tenant);
  const post = async (api: typeof issuer, path: string, body?: unknown) => {
    const response = await api.post(path, body);
    expect(response.status, `${tenant} ${path}`).toBeLessThan(300);
    return (await response.json()) as { planId: string; taskId: string };
  };
  const { planId } = await post(issuer, '/plans', { title: `Kế hoạch của ${tenant}`, issuer: ISSUER });
  const taskIds: string[] = [];
  for (const title of ['added', 'assigned', 'in progress', 'submitted']) {
    taskIds.push((await post(issuer, `/plans/${planId}/tasks`, { title, ...(title === 'added' ? {} : { lead: LEAD, deadline: { kind: 'quarter', year: 2026, quarter: 2 } }) })).taskId);
  }
  await post(issuer, `/plans/${planId}/issue`, { number: `1/KH-${tenant}`, issuedOn: '2026-04-15' });
  await post(lead, `/tasks/${taskIds[2]}/report`, { text: 'Đang làm', progress: 30 });
  await post(lead, `/tasks/${taskIds[3]}/report`, { text: 'Xong', final: true });
  return { planId, taskIds };
}

export type MatrixCounts = { requests: number; notFound: number; commands: number; queries: number };

/**
 * Every route with a plan or task id, as A's issuer and A's lead, against each of B's ids of that
 * kind: each must be 404 NOT_FOUND naming the id's field. Returns the counts.
 */
export async function runIsolationMatrix(url: string, tenantA: string, b: { planId: string; taskIds: string[] }): Promise<MatrixCounts> {
  const counts: MatrixCounts = { requests: 0, notFound: 0, commands: 0, queries: 0 };
  const actors = [client(url, ISSUER.id, tenantA), client(url, LEAD.id, tenantA)];
  const idsOf = (param: 'planId' | 'taskId') => (param === 'planId' ? [b.planId] : b.taskIds);
  const check = async (response: Response, what: string, field: string) => {
    counts.requests += 1;
    const body = (await response.json()) as { error?: { code: string; field: string } };
    expect({ what, status: response.status, code: body.error?.code, field: body.error?.field }).toEqual({ what, status: 404, code: 'NOT_FOUND', field });
    counts.notFound += 1;
  };
  for (const route of commandRoutes) {
    if (!route.param) continue;
    for (const id of idsOf(route.param)) {
      for (const api of actors) {
        await check(await api.post(route.path.replace(`:${route.param}`, id), validBodies[route.command]), `POST ${route.path} ${id}`, route.param);
        counts.commands += 1;
      }
    }
  }
  for (const route of queryRoutes) {
    if (!route.param) continue;
    for (const id of idsOf(route.param)) {
      for (const api of actors) {
        await check(await api.get(route.path.replace(`:${route.param}`, id)), `GET ${route.path} ${id}`, route.param);
        counts.queries += 1;
      }
    }
  }
  return counts;
}

/** The list routes of tenant A name none of B's ids. */
export async function expectListsWithout(url: string, tenantA: string, b: { planId: string; taskIds: string[] }): Promise<number> {
  const api = client(url, ISSUER.id, tenantA);
  const lists = ['/plans?limit=500', '/overdue?limit=500', '/due-soon?days=3650&limit=500'];
  for (const path of lists) {
    const text = await (await api.get(path)).text();
    for (const id of [b.planId, ...b.taskIds]) expect(text, path).not.toContain(id);
  }
  return lists.length;
}

/** Tenant ids that must never reach a file name or SQL. */
export const HOSTILE_TENANT_IDS = [
  '../x',
  '..',
  '.',
  'a/b',
  'a\\b',
  '%2e%2e',
  '%2e%2e%2fx',
  '"; drop schema public cascade; --',
  "x'; DROP TABLE events; --",
  '',
  ' ',
  'a b',
  ' tenant',
  'tenant\n',
  'a'.repeat(49),
  'a\u0000b',
  'Tenant',
  'tenant-',
  '-tenant',
  'a--b',
  'a_b',
  'a.db',
  't\u0435nant', // Cyrillic е
  '\uff54enant', // fullwidth t
  'tenant\u200b', // zero-width space
  'te\u0301nant', // combining accent
];
