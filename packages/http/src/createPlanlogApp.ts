import { Hono, type Context } from 'hono';
import type { Actor, CommandName, Engine } from '@planlog/core';
import { bodySchemaOf, commandRoutes, fieldsNotInBody } from './commandRoutes.js';
import { eventsQuery } from './eventsQuery.js';
import { eventStream } from './eventStream.js';
import { errorResponse, namingIdempotencyKey, responseOfError } from './errorResponse.js';
import { openApiDocument } from './openApiDocument.js';
import { queryRoutes } from './queryRoutes.js';
import { readQuery } from './readQuery.js';
import { BodyError, checkBodyFields, readJsonBody } from './readJsonBody.js';

/** Who sends a request: the tenant whose engine serves it and the actor of its commands. */
export type Principal = { tenantId: string; actor: Actor };

/** Reads a request's credentials: the principal, or null (401). */
export type Authenticate = (request: Request) => Principal | null | undefined | Promise<Principal | null | undefined>;

/**
 * The engine of a tenant. When it has `release`, the app calls it once for every call of the function,
 * when the request (or the event stream) that asked for the engine is done, so a pool of engines
 * knows which ones are in use (`tenantEngines` does this).
 */
export type EngineFor = ((tenantId: string) => Engine | Promise<Engine>) & { release?: (tenantId: string) => void };

export type PlanlogAppOptions = {
  engineFor: EngineFor;
  authenticate: Authenticate;
};

/** A command of the engine, called with an input the engine itself checks. */
const engineCommand = (name: CommandName) => (engine: Engine, input: unknown) => (engine[name] as (input: unknown) => Promise<object>)(input);

export type PlanlogEnv = { Variables: { principal: Principal } };

/**
 * planlog over HTTP as a Hono app (design §3.2): the commands as POST routes, the reads as GET
 * routes, `GET /openapi.json`. Every request but /openapi.json needs credentials (`authenticate`);
 * every refusal is `{ error: { code, field, message } }`.
 */
export function createPlanlogApp(options: PlanlogAppOptions): Hono<PlanlogEnv> {
  const { engineFor, authenticate } = options;
  const app = new Hono<PlanlogEnv>();

  app.onError((error, c) => (error instanceof BodyError ? errorResponse(c, error.status, 'VALIDATION', error.field, error.message) : responseOfError(c, error)));
  app.notFound((c) => errorResponse(c, 404, 'NOT_FOUND', null, `no route ${c.req.method} ${c.req.path}`));

  let document: object | undefined;
  app.get('/openapi.json', (c) => c.json((document ??= openApiDocument())));

  app.use('*', async (c, next) => {
    const principal = await authenticate(c.req.raw);
    if (!principal) return errorResponse(c, 401, 'UNAUTHENTICATED', null, 'this request needs credentials');
    c.set('principal', principal);
    await next();
  });

  /** Runs `work` on the tenant's engine, released when it is done. */
  async function withEngine(c: Context<PlanlogEnv>, work: (engine: Engine) => Promise<Response>): Promise<Response> {
    const { tenantId } = c.get('principal');
    const engine = await engineFor(tenantId);
    try {
      return await work(engine);
    } finally {
      engineFor.release?.(tenantId);
    }
  }

  for (const route of commandRoutes) {
    const known = Object.keys(bodySchemaOf(route).shape);
    const notInBody = fieldsNotInBody(route);
    app.post(route.path, async (c) => {
      const body = await readJsonBody(c);
      checkBodyFields(body, known, notInBody);
      const key = c.req.header('idempotency-key');
      const input = {
        ...body,
        ...(route.param ? { [route.param]: c.req.param(route.param) } : {}),
        actor: c.get('principal').actor,
        ...(key === undefined ? {} : { commandId: key }),
      };
      const run = engineCommand(route.command);
      return withEngine(c, async (engine) => {
        const result = await run(engine, input).catch((error: unknown) => {
          throw namingIdempotencyKey(error);
        });
        return c.json(result, route.status);
      });
    });
  }

  app.post('/tick', async (c) => {
    checkBodyFields(await readJsonBody(c), [], {});
    return withEngine(c, async (engine) => c.json(await engine.tick()));
  });

  for (const route of queryRoutes) {
    app.get(route.path, async (c) => {
      const query = readQuery(c, route.query);
      const id = route.param ? (c.req.param(route.param) ?? '') : '';
      return withEngine(c, async (engine) => c.json((await route.run(engine, id, query)) as object));
    });
  }

  app.get('/events', async (c) => {
    const query = readQuery(c, eventsQuery);
    const { tenantId } = c.get('principal');
    const engine = await engineFor(tenantId);
    return eventStream(c, engine, query, () => engineFor.release?.(tenantId));
  });

  return app;
}
