import { PlanlogError } from '@planlog/core';

/** The longest tenant id: short enough for a file name and for a PostgreSQL schema name with its prefix. */
export const TENANT_ID_MAX = 48;

/** Lower-case ASCII letters and digits, single hyphens inside: nothing that a path or SQL could read as syntax. */
const TENANT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A tenant id as it may reach a file name or a schema name: a slug (`so-tu-phap`, `tinh-song-hau-2`)
 * of 1 to 48 characters. Anything else (`../x`, `a/b`, `%2e%2e`, `"; drop schema`, white space, NUL,
 * upper case, look-alike letters from other scripts) is VALIDATION on `tenantId`.
 */
export function checkTenantId(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > TENANT_ID_MAX || !TENANT_ID.test(value)) {
    const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 60)) : typeof value;
    throw new PlanlogError('VALIDATION', `tenantId: ${shown} is not a tenant id (1 to ${TENANT_ID_MAX} of a-z, 0-9 and single inner hyphens)`, {
      field: 'tenantId',
    });
  }
  return value;
}
