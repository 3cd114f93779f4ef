import { z } from 'zod';
import type { Engine } from '@planlog/core';
import { PlanSummarySchema, PlanViewSchema, TaskViewSchema, TimelineEntrySchema } from './responseSchemas.js';

/** A read over HTTP: its path, the path parameter it takes, its query string and what it answers. */
export type QueryRoute = {
  path: string;
  summary: string;
  param?: 'planId' | 'taskId';
  query: z.ZodObject;
  response: z.ZodType;
  run(engine: Engine, id: string, query: Record<string, unknown>): Promise<unknown>;
};

const none = z.object({});
const locale = z.enum(['vi', 'en']).optional().meta({ description: 'The language of `text` (default vi)' });
const days = z
  .string()
  .regex(/^\d{1,4}$/, 'must be a whole number of days')
  .transform(Number)
  .optional()
  .meta({ description: 'How many days ahead (default 5)' });

/** Every GET route over the engine, but /events (SSE) and /openapi.json. */
export const queryRoutes: readonly QueryRoute[] = [
  {
    path: '/plans/:planId',
    summary: 'A plan',
    param: 'planId',
    query: none,
    response: PlanViewSchema,
    run: (engine, planId) => engine.getPlan(planId),
  },
  {
    path: '/plans/:planId/tasks',
    summary: "A plan's tasks, in the order they were added",
    param: 'planId',
    query: none,
    response: z.array(TaskViewSchema),
    run: (engine, planId) => engine.getTasks(planId),
  },
  {
    path: '/plans/:planId/summary',
    summary: "A plan's four headings: completed on time, completed late, unfinished in term, overdue unfinished",
    param: 'planId',
    query: none,
    response: PlanSummarySchema,
    run: (engine, planId) => engine.getPlanSummary(planId),
  },
  {
    path: '/tasks/:taskId',
    summary: 'A task',
    param: 'taskId',
    query: none,
    response: TaskViewSchema,
    run: (engine, taskId) => engine.getTask(taskId),
  },
  {
    path: '/tasks/:taskId/timeline',
    summary: "A task's history, every event described in Vietnamese and English",
    param: 'taskId',
    query: z.object({ locale }),
    response: z.array(TimelineEntrySchema),
    run: async (engine, taskId, query) => {
      await engine.getTask(taskId); // NOT_FOUND for an id that is no task of this tenant's
      return engine.timeline(taskId, { kind: 'task', ...(query.locale === undefined ? {} : { locale: query.locale as 'vi' | 'en' }) });
    },
  },
  {
    path: '/due-soon',
    summary: 'Reminders (nhắc hạn): unfinished tasks and unanswered report requests falling due within `days`',
    query: z.object({ days }),
    response: z.object({
      tasks: z.array(TaskViewSchema),
      reports: z.array(z.object({ planId: z.string(), requestId: z.string(), subject: z.string(), dueAt: z.string(), units: z.array(z.object({ id: z.string(), name: z.string() })) })),
    }),
    run: (engine, _id, query) => engine.dueSoon(query.days === undefined ? {} : { days: query.days as number }),
  },
];
