import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, memoryStore } from '@planlog/core';
import { createPlanlogApp } from '../src/createPlanlogApp.js';
import { serveApp, type RunningServer } from './serveApp.js';
import { testAuth } from './testAuth.js';

// GET /openapi.json: generated from the commands' zod schemas (zod-openapi), valid OpenAPI 3.1.

let server: RunningServer;
beforeAll(async () => {
  const engine = createEngine({ store: memoryStore() });
  server = await serveApp(createPlanlogApp({ authenticate: testAuth, engineFor: () => engine }));
});
afterAll(() => server.close());

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3.1 document, served without credentials', async () => {
    const response = await fetch(`${server.url}/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as any;
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    // The validator does refuse: the same document with an operation whose responses are not an object.
    const broken = structuredClone(document);
    broken.paths['/tick'].post.responses = 'none';
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('names every route of design §3.2 with its method', async () => {
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    const commands = ['assign', 'acknowledge', 'report', 'accept', 'return', 'extend', 'reassign', 'cancel'].map((verb) => `POST /tasks/{taskId}/${verb}`);
    expect(operations).toEqual(
      expect.arrayContaining([
        'POST /plans',
        'POST /plans/{planId}/tasks',
        'POST /plans/{planId}/issue',
        'POST /plans/{planId}/report-requests',
        'POST /plans/{planId}/close',
        ...commands,
        'POST /tick',
        'GET /plans/{planId}',
        'GET /plans/{planId}/tasks',
        'GET /plans/{planId}/summary',
        'GET /tasks/{taskId}',
        'GET /tasks/{taskId}/timeline',
        'GET /due-soon',
      ]),
    );
  });

  it("takes the request bodies from the commands' zod schemas: required fields, bounds, enums", async () => {
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as any;
    const report = document.paths['/tasks/{taskId}/report'].post;
    const body = report.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['text']);
    expect(body.properties.text.maxLength).toBe(100_000);
    expect(body.properties.progress).toMatchObject({ type: 'number', minimum: 0, maximum: 100 });
    expect(Object.keys(body.properties)).not.toContain('actor');
    expect(Object.keys(body.properties)).not.toContain('taskId');
    expect(report.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: 'path', name: 'taskId', required: true }), expect.objectContaining({ in: 'header', name: 'Idempotency-Key' })]),
    );
    expect(Object.keys(report.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409', '413', '415', '503']);
    const deadline = JSON.stringify(document.paths['/tasks/{taskId}/extend'].post.requestBody.content['application/json'].schema);
    expect(deadline).toContain('"quarter"');
  });
});
