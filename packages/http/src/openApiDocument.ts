import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { bodySchemaOf, commandRoutes, openApiPath, resultSchemaOf } from './commandRoutes.js';
import { eventsQuery } from './eventsQuery.js';
import { queryRoutes } from './queryRoutes.js';
import { ErrorBodySchema, EventSchema } from './responseSchemas.js';

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json(ErrorBodySchema) });

const commandErrors = {
  '400': error('VALIDATION: the body, a path id or the Idempotency-Key is refused; or the body is not a JSON object'),
  '401': error('UNAUTHENTICATED: no credentials'),
  '403': error('FORBIDDEN: the actor may not do this'),
  '404': error('NOT_FOUND: no such plan or task in this tenant'),
  '409': error('CONFLICT (the Idempotency-Key was used for another command, actor or body; or the log moved on) or ILLEGAL_TRANSITION'),
  '413': error('the body is over 1 MiB'),
  '415': error('the body is not application/json'),
  '503': error('STORE: the tenant’s store failed'),
};
const queryErrors = { '400': commandErrors['400'], '401': commandErrors['401'], '404': commandErrors['404'], '503': commandErrors['503'] };

const idempotencyKey = z.string().optional().meta({
  description: 'The command id: the same key and body give the same response and append nothing more; the same key with another body is 409',
});

function pathParams(param: 'planId' | 'taskId' | undefined) {
  return param ? { path: z.object({ [param]: z.string() }) } : undefined;
}

/** The OpenAPI 3.1 document of the app, generated from the commands' zod schemas and the response schemas. */
export function openApiDocument(): object {
  const paths: ZodOpenApiPathsObject = {};
  const add = (path: string, method: 'get' | 'post', operation: ZodOpenApiOperationObject) => {
    paths[openApiPath(path)] = { ...paths[openApiPath(path)], [method]: operation };
  };
  for (const route of commandRoutes) {
    const params = pathParams(route.param);
    add(route.path, 'post', {
      operationId: route.command,
      summary: route.summary,
      requestParams: { ...params, header: z.object({ 'Idempotency-Key': idempotencyKey }) },
      requestBody: { required: false, ...json(bodySchemaOf(route)) },
      responses: { [String(route.status)]: { description: `the ${route.command} result`, ...json(resultSchemaOf(route.command)) }, ...commandErrors },
    });
  }
  add('/tick', 'post', {
    operationId: 'tick',
    summary: 'Append what is due now (task.overdue, report.overdue, periodic report.requested); answers with those events',
    responses: { '200': { description: 'the events appended', ...json(z.array(EventSchema)) }, ...commandErrors },
  });
  for (const route of queryRoutes) {
    const params = pathParams(route.param);
    add(route.path, 'get', {
      summary: route.summary,
      requestParams: { ...params, query: route.query },
      responses: { '200': { description: route.summary, ...json(route.response) }, ...queryErrors },
    });
  }
  add('/events', 'get', {
    summary: "The tenant's log as Server-Sent Events: the past after Last-Event-ID, then each event as it is appended (id = position, event = type, data = the event as JSON)",
    requestParams: {
      query: eventsQuery,
      header: z.object({ 'Last-Event-ID': z.string().optional().meta({ description: 'The position of the last event received; the stream resumes after it' }) }),
    },
    responses: {
      '200': { description: 'text/event-stream; each message\'s data is an Event', content: { 'text/event-stream': { schema: z.string() } } },
      ...queryErrors,
    },
  });
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'planlog',
      version: '0.1.0',
      description: 'Vietnamese implementation plans (Kế hoạch) as an event-sourced workflow, over HTTP. Errors are { error: { code, field, message } }.',
    },
    paths,
  });
}
