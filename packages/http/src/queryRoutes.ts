import { z } from 'zod';
import { MAX_PAGE_LIMIT, type Engine } from '@planlog/core';
import { pageSchema, PlanListItemSchema, PlanStateSchema, PlanSummarySchema, PlanViewSchema, TaskRecordSchema, TaskStateSchema, TaskViewSchema, TimelineEntrySchema } from './responseSchemas.js';

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
const wholeNumber = (description: string) =>
  z
    .string()
    .regex(/^\d{1,6}$/, 'must be a whole number')
    .transform(Number)
    .optional()
    .meta({ description });
const page = {
  limit: wholeNumber(`Items per page, 1 to ${MAX_PAGE_LIMIT} (default 50)`),
  cursor: z.string().optional().meta({ description: 'The `nextCursor` of the page before' }),
};
const filterId = (description: string) => z.string().optional().meta({ description });
const locale = z.enum(['vi', 'en']).optional().meta({ description: 'The language of `text` (default vi)' });

/** The query's options without the parameters the client left out. */
const given = (query: Record<string, unknown>) => Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));

/** Every GET route over the engine, but /events (SSE) and /openapi.json. */
export const queryRoutes: readonly QueryRoute[] = [
  {
    path: '/plans',
    summary: 'The plans, by plan id, a page at a time',
    query: z.object({ ...page, state: PlanStateSchema.optional(), issuerId: filterId('Only the plans of this issuing unit') }),
    response: pageSchema(PlanListItemSchema),
    run: (engine, _id, query) => engine.listPlans(given(query)),
  },
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
    summary: "A plan's tasks from the task register, by task id, a page at a time",
    param: 'planId',
    query: z.object({ ...page, state: TaskStateSchema.optional(), unitId: filterId('Only the tasks this unit leads (or, with role=any, supports)'), role: z.enum(['lead', 'any']).optional() }),
    response: pageSchema(TaskRecordSchema),
    run: async (engine, planId, query) => {
      await engine.getPlan(planId); // NOT_FOUND for an id that is no plan of this tenant's
      return engine.queries.tasks({ ...given(query), planId });
    },
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
      return engine.timeline(taskId, { kind: 'task', ...given(query) });
    },
  },
  {
    path: '/overdue',
    summary: 'Unfinished tasks past their due instant, longest overdue first, a page at a time',
    query: z.object({ ...page, planId: filterId('Only the tasks of this plan'), unitId: filterId('Only the tasks this unit leads') }),
    response: pageSchema(TaskRecordSchema),
    run: (engine, _id, query) => engine.queries.overdueTasks(given(query)),
  },
  {
    path: '/due-soon',
    summary: 'Reminders (nhắc hạn): unfinished tasks falling due within `days` days, soonest first, a page at a time',
    query: z.object({ ...page, days: wholeNumber('How many days ahead (default 5)'), planId: filterId('Only the tasks of this plan'), unitId: filterId('Only the tasks this unit leads') }),
    response: pageSchema(TaskRecordSchema),
    run: (engine, _id, query) => engine.queries.dueWithin({ days: 5, ...given(query) }),
  },
];
