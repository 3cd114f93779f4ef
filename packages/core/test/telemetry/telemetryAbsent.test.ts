import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Telemetry, TelemetrySpan } from '@planlog/core';
import { manualTimers } from '@planlog/core/testing';
import { LEAD, STP, XDPL } from '../fixtures.js';

// An app without @opentelemetry/api: resolving it fails, as it would with the package absent.
const seen = vi.hoisted(() => ({ otelImported: false, engineTelemetry: 0, tracedCatchUp: 0, consumerTelemetry: 0 }));
vi.mock('@opentelemetry/api', () => {
  seen.otelImported = true;
  throw new Error('Cannot find package @opentelemetry/api');
});
// Counts how often the engine builds its instrumented steps (the path that costs something).
vi.mock('../../src/telemetry/engineTelemetry.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/telemetry/engineTelemetry.js')>();
  return {
    ...original,
    engineTelemetry: (...args: Parameters<typeof original.engineTelemetry>) => {
      seen.engineTelemetry += 1;
      return original.engineTelemetry(...args);
    },
  };
});
vi.mock('../../src/telemetry/consumerTelemetry.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/telemetry/consumerTelemetry.js')>();
  return {
    ...original,
    consumerTelemetry: (...args: Parameters<typeof original.consumerTelemetry>) => {
      seen.consumerTelemetry += 1;
      return original.consumerTelemetry(...args);
    },
  };
});
vi.mock('../../src/projections/tracedCatchUp.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/projections/tracedCatchUp.js')>();
  return {
    ...original,
    tracedCatchUp: (...args: Parameters<typeof original.tracedCatchUp>) => {
      seen.tracedCatchUp += 1;
      return original.tracedCatchUp(...args);
    },
  };
});

// planlog as loaded under the mocks above: imported afresh, since test files may share a module
// cache (test:fast), where core may already have been loaded without them.
let core: typeof import('@planlog/core');
beforeAll(async () => {
  vi.resetModules();
  core = await import('@planlog/core');
});
afterAll(() => {
  vi.resetModules();
});

/** A plan through draft, issue, a report, a tick past its deadline and a query, and a durable consumer of its log. */
async function aYear(telemetry?: Telemetry) {
  const { createEngine, manualClock, memoryStore, startConsumer } = core;
  const clock = manualClock('2026-04-10T02:00:00Z');
  const store = memoryStore();
  const engine = createEngine({ store, clock, ...(telemetry ? { telemetry } : {}) });
  const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch năm 2026', issuer: { id: STP.unitId, name: 'Sở Tư pháp' } });
  const { taskId } = await engine.addTask({ actor: STP, planId, title: 'Rà soát văn bản', lead: XDPL, deadline: { kind: 'quarter', year: 2026, quarter: 2 } });
  await engine.issuePlan({ actor: STP, planId, number: '7/KH-STP', issuedOn: '2026-04-15' });
  await engine.reportTask({ actor: LEAD, taskId, text: 'Đã rà soát một nửa', progress: 50 });
  clock.set('2026-07-01T00:00:00Z');
  const overdue = await engine.tick();
  const rows = await engine.queries.overdueTasks();
  const timers = manualTimers();
  const handled: string[] = [];
  const consumer = startConsumer({ name: 'notify', store, timers, clock, handle: (event) => void handled.push(event.type), ...(telemetry ? { telemetry } : {}) });
  await timers.until(consumer.caughtUp());
  await timers.until(consumer.stop());
  return { overdue: overdue.map((event) => event.type), rows: rows.items.length, task: await engine.getTask(taskId), handled: handled.length };
}

describe('telemetry when @opentelemetry/api is absent', () => {
  it('the engine runs commands, ticks and queries without loading it', async () => {
    const year = await aYear();
    expect(year).toMatchObject({ overdue: ['task.overdue'], rows: 1, task: { state: 'in_progress', overdue: true }, handled: 6 });
    expect(seen.otelImported).toBe(false);
  });

  it('without a telemetry option the engine takes no instrumented path', async () => {
    seen.engineTelemetry = 0;
    seen.tracedCatchUp = 0;
    seen.consumerTelemetry = 0;
    await aYear();
    expect(seen).toMatchObject({ engineTelemetry: 0, tracedCatchUp: 0, consumerTelemetry: 0 });
  });

  it('given a tracer (any object of that shape), it takes it, still without the package', async () => {
    const names: string[] = [];
    const span: TelemetrySpan = { setAttribute: () => span, setAttributes: () => span, setStatus: () => span, recordException: () => {}, end: () => {} };
    const telemetry: Telemetry = {
      tracer: {
        startActiveSpan: (name, _options, fn) => {
          names.push(name);
          return fn(span) as never;
        },
      },
    };
    seen.engineTelemetry = 0;
    seen.tracedCatchUp = 0;
    const year = await aYear(telemetry);
    expect(year.overdue).toEqual(['task.overdue']);
    expect(seen.engineTelemetry).toBe(1);
    expect(seen.consumerTelemetry).toBe(1);
    expect(seen.tracedCatchUp).toBeGreaterThan(0);
    expect(new Set(names)).toEqual(new Set(['planlog.command', 'planlog.append', 'planlog.tick', 'planlog.projection.catch_up', 'planlog.consumer.handle']));
    expect(seen.otelImported).toBe(false);
  });

  it('no source file of @planlog/core imports @opentelemetry/* (the types are structural)', () => {
    const src = fileURLToPath(new URL('../../src', import.meta.url));
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]));
    const importing = files(src).filter((file) =>
      /^\s*(?:import|export)\b[^;]*?from\s*['"]@opentelemetry\/|\b(?:import|require)\s*\(\s*['"]@opentelemetry\//m.test(readFileSync(file, 'utf8')),
    );
    expect(importing).toEqual([]);
    expect(files(src).length).toBeGreaterThan(50);
  });
});
