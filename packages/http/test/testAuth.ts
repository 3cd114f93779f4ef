import type { Authenticate } from '../src/createPlanlogApp.js';

/**
 * The tests' credentials: `Authorization: Unit <unitId>` and `X-Tenant: <tenantId>` (default `t1`).
 * A real app reads a session or a token instead; the app only asks for a principal or null.
 */
export const testAuth: Authenticate = (request) => {
  const match = /^Unit (.+)$/.exec(request.headers.get('authorization') ?? '');
  if (!match) return null;
  return { tenantId: request.headers.get('x-tenant') ?? 't1', actor: { unitId: match[1]! } };
};

/** A client of a running server acting as `unitId` of `tenant`. */
export function client(url: string, unitId: string, tenant?: string) {
  const headers = (extra: Record<string, string> = {}) => ({
    authorization: `Unit ${unitId}`,
    ...(tenant === undefined ? {} : { 'x-tenant': tenant }),
    ...extra,
  });
  return {
    post: (path: string, body?: unknown, extra: Record<string, string> = {}) =>
      fetch(url + path, {
        method: 'POST',
        headers: headers(body === undefined ? extra : { 'content-type': 'application/json', ...extra }),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    get: (path: string) => fetch(url + path, { headers: headers() }),
    raw: (path: string, init: RequestInit) => fetch(url + path, { ...init, headers: { ...headers(), ...(init.headers as Record<string, string>) } }),
  };
}
