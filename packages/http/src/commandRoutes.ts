import { z } from 'zod';
import { commandSchemas, type CommandName } from '@planlog/core';

/** A command's route: the path (Hono syntax), the command it runs and the path parameter it takes its id from. */
export type CommandRoute = {
  path: string;
  command: CommandName;
  /** Which input field the path gives (`/plans/:planId/…`, `/tasks/:taskId/…`). */
  param?: 'planId' | 'taskId';
  /** 201 for a command that creates a plan, a task or a report request; 200 otherwise. */
  status: 200 | 201;
  summary: string;
};

/** Every command over HTTP (design §3.2); the body is the command's input without `actor`, `commandId` and the path's id. */
export const commandRoutes: readonly CommandRoute[] = [
  { path: '/plans', command: 'draftPlan', status: 201, summary: 'Draft a plan (Kế hoạch)' },
  { path: '/plans/:planId/tasks', command: 'addTask', param: 'planId', status: 201, summary: 'Add a task to a plan' },
  { path: '/plans/:planId/issue', command: 'issuePlan', param: 'planId', status: 200, summary: 'Issue a plan: its number and date; assigns every task with a lead unit' },
  { path: '/plans/:planId/report-requests', command: 'requestReport', param: 'planId', status: 201, summary: 'Ask units for an ad-hoc (đột xuất) report' },
  { path: '/plans/:planId/close', command: 'closePlan', param: 'planId', status: 200, summary: 'Close a plan' },
  { path: '/plans/:planId/upgrade-rules', command: 'upgradeRules', param: 'planId', status: 200, summary: "Move a plan on to a later rules version (the machines that decide its commands)" },
  { path: '/tasks/:taskId/assign', command: 'assignTask', param: 'taskId', status: 200, summary: 'Assign a task: lead, support units, deadline' },
  { path: '/tasks/:taskId/acknowledge', command: 'acknowledgeTask', param: 'taskId', status: 200, summary: 'The lead unit acknowledges its task' },
  { path: '/tasks/:taskId/report', command: 'reportTask', param: 'taskId', status: 200, summary: 'Report progress, or a final report (final: true)' },
  { path: '/tasks/:taskId/accept', command: 'acceptReport', param: 'taskId', status: 200, summary: 'Accept a final report: the task is completed' },
  { path: '/tasks/:taskId/return', command: 'returnReport', param: 'taskId', status: 200, summary: 'Return a final report, with a reason' },
  { path: '/tasks/:taskId/extend', command: 'extendDeadline', param: 'taskId', status: 200, summary: "Extend a task's deadline, with a reason" },
  { path: '/tasks/:taskId/reassign', command: 'reassignTask', param: 'taskId', status: 200, summary: 'Give a task to another lead unit' },
  { path: '/tasks/:taskId/cancel', command: 'cancelTask', param: 'taskId', status: 200, summary: 'Cancel a task, with a reason' },
];

/** Input fields that never come from the body: who acts (the credentials), the command id (`Idempotency-Key`). */
const NOT_IN_BODY = ['actor', 'commandId'] as const;

/** The fields the body of a route does not carry, with where they come from instead. */
export function fieldsNotInBody(route: CommandRoute): Record<string, string> {
  const from: Record<string, string> = { actor: 'the credentials', commandId: 'the Idempotency-Key header' };
  if (route.param) from[route.param] = 'the path';
  return from;
}

/** The zod schema of a route's body: the command's schema less `actor`, `commandId` and the path's id. */
export function bodySchemaOf(route: CommandRoute): z.ZodObject {
  const omitted: Record<string, true> = Object.fromEntries([...NOT_IN_BODY, ...(route.param ? [route.param] : [])].map((key) => [key, true]));
  return (commandSchemas[route.command] as z.ZodObject).omit(omitted);
}

const position = z.int().min(1).meta({ description: 'The global position of the last event the command appended' });
const id = z.string();

/** What each command resolves to (`CommandResults` of @planlog/core), as the response body. */
export function resultSchemaOf(command: CommandName): z.ZodObject {
  switch (command) {
    case 'draftPlan':
    case 'issuePlan':
    case 'closePlan':
    case 'upgradeRules':
      return z.object({ position, planId: id });
    case 'addTask':
      return z.object({ position, planId: id, taskId: id });
    case 'requestReport':
      return z.object({ position, planId: id, requestId: id });
    default:
      return z.object({ position, taskId: id });
  }
}

/** A Hono path (`/plans/:planId`) as an OpenAPI path (`/plans/{planId}`). */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}');
}
