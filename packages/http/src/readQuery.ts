import type { Context } from 'hono';
import { z } from 'zod';
import { PlanlogError } from '@planlog/core';

/**
 * The query string of a GET route, parsed by its zod schema: a key the route does not take, a key
 * given twice, or a value the schema refuses is VALIDATION naming the key.
 */
export function readQuery<S extends z.ZodObject>(c: Context, schema: S): z.output<S> {
  const given = c.req.queries();
  const known = Object.keys(schema.shape);
  for (const [key, values] of Object.entries(given)) {
    if (!known.includes(key)) throw new PlanlogError('VALIDATION', `${key}: unknown query parameter`, { field: key });
    if (values.length > 1) throw new PlanlogError('VALIDATION', `${key}: given ${values.length} times`, { field: key });
  }
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(given).map(([key, values]) => [key, values[0]])));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.') || '(query)';
    throw new PlanlogError('VALIDATION', `${field}: ${issue.message}`, { field });
  }
  return parsed.data;
}
