import { z } from 'zod';

/** The query string of GET /events. */
export const eventsQuery = z.object({
  types: z.string().optional().meta({ description: 'Only events of these types, comma-separated (task.assigned,task.overdue)' }),
});
