import { describe, expect, it } from 'vitest';
import { isPlanlogError } from '@planlog/core';
import { postgresStore } from '@planlog/postgres';

describe('postgresStore options', () => {
  it('refuses a page size that is not a positive integer before connecting', () => {
    for (const pageSize of [0, -5, 2.5]) {
      try {
        postgresStore({ connectionString: 'postgres://nobody@127.0.0.1:1/none' }, { pageSize });
        expect.unreachable();
      } catch (error) {
        expect(isPlanlogError(error) && error.code === 'VALIDATION' && error.field === 'pageSize').toBe(true);
      }
    }
  });
});
