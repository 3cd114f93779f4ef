import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createEngine,
  manualClock,
  memoryStore,
  PlanlogError,
  builtinProjections,
  type EventStore,
  type Projection,
} from '@planlog/core';
import { LEAD, STP, SUPPORT, XDPL } from '../fixtures.js';
import { otelHarness } from './otelHarness.js';

const ISSUER = { id: STP.unitId, name: 'Sở Tư pháp' };
const Q2 = { kind: 'quarter', year: 2026, quarter: 2 } as const;

let otel: ReturnType<typeof otelHarness>;
beforeEach(() => {
  otel = otelHarness();
});
afterEach(async () => {
  await otel.shutdown();
});

function engineOn(store: EventStore = memoryStore(), extra: { projections?: readonly Projection[] } = {}) {
  const clock = manualClock('2026-04-10T02:00:00Z');
  return { clock, store, engine: createEngine({ store, clock, telemetry: otel.telemetry, ...extra }) };
}

async function issued(engine: ReturnType<typeof engineOn>['engine']) {
  const { planId } = await engine.draftPlan({ actor: STP, title: 'Kế hoạch phổ biến pháp luật năm 2026', issuer: ISSUER });
  const { taskId } = await engine.addTask({ actor: STP, planId, ref: 'II.1', title: 'Rà soát văn bản', lead: XDPL, deadline: Q2 });
  await engine.issuePlan({ actor: STP, planId, number: '12/KH-STP', issuedOn: '2026-04-15' });
  return { planId, taskId };
}

const histogramCount = (point: { value: unknown }) => (point.value as { count: number }).count;

describe('telemetry: planlog.command and planlog.append', () => {
  it('traces each command with its name, ids, outcome and retries, its appends nested under it', async () => {
    const { engine } = engineOn();
    const { planId, taskId } = await issued(engine);

    const commands = otel.named('planlog.command');
    expect(commands.map((span) => span.attributes['planlog.command'])).toEqual(['draftPlan', 'addTask', 'issuePlan']);
    expect(commands[0]!.attributes).toMatchObject({ 'planlog.plan_id': planId, 'planlog.outcome': 'ok', 'planlog.retries': 0 });
    expect(commands[1]!.attributes).toMatchObject({ 'planlog.plan_id': planId, 'planlog.task_id': taskId, 'planlog.outcome': 'ok' });
    for (const span of commands) expect(span.status.code).toBe(0);

    const issue = commands[2]!;
    const appends = otel.named('planlog.append').filter((span) => span.parentSpanContext?.spanId === issue.spanContext().spanId);
    expect(appends).toHaveLength(1);
    // issuing the plan assigns its task: one append, two streams, all or nothing
    expect(appends[0]!.attributes).toMatchObject({ 'planlog.events': 2, 'planlog.stream_ids': [`plan-${planId}`, `task-${taskId}`], 'planlog.outcome': 'ok' });
    expect(appends[0]!.spanContext().traceId).toBe(issue.spanContext().traceId);
  });

  it('names the refusal code, leaves the status unset for a refusal and appends nothing', async () => {
    const { engine, store } = engineOn();
    const { taskId } = await issued(engine);
    const head = await store.headPosition();
    otel.reset();

    await expect(engine.acknowledgeTask({ actor: SUPPORT, taskId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(engine.reportTask({ actor: LEAD, taskId, text: '' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await store.headPosition()).toBe(head);

    const [forbidden, invalid] = otel.named('planlog.command');
    expect(forbidden!.attributes).toMatchObject({ 'planlog.command': 'acknowledgeTask', 'planlog.task_id': taskId, 'planlog.outcome': 'FORBIDDEN', 'error.type': 'FORBIDDEN' });
    expect(invalid!.attributes).toMatchObject({ 'planlog.command': 'reportTask', 'planlog.outcome': 'VALIDATION' });
    expect([forbidden!.status.code, invalid!.status.code]).toEqual([0, 0]);
    expect(otel.named('planlog.append')).toEqual([]);

    const durations = await otel.points('planlog.command.duration');
    const refused = durations.find((point) => point.attributes['planlog.outcome'] === 'FORBIDDEN');
    expect(refused?.attributes).toEqual({ 'planlog.command': 'acknowledgeTask', 'planlog.outcome': 'FORBIDDEN' });
    expect(histogramCount(refused!)).toBe(1);
    expect(durations.filter((point) => point.attributes['planlog.outcome'] === 'ok').map(histogramCount)).toEqual([1, 1, 1]);
  });

  it('records a store failure on the span with status ERROR', async () => {
    const store = memoryStore();
    const failing: EventStore = {
      ...store,
      appendMany: async () => {
        throw new PlanlogError('STORE', 'the disk is full');
      },
    };
    const { engine } = engineOn(failing);
    await expect(engine.draftPlan({ actor: STP, title: 'Kế hoạch', issuer: ISSUER })).rejects.toMatchObject({ code: 'STORE' });
    const [command] = otel.named('planlog.command');
    const [append] = otel.named('planlog.append');
    for (const span of [command!, append!]) {
      expect(span.attributes).toMatchObject({ 'planlog.outcome': 'STORE', 'error.type': 'STORE' });
      expect(span.status).toEqual({ code: 2, message: 'the disk is full' });
      expect(span.events.map((event) => event.name)).toEqual(['exception']);
    }
    expect(append!.parentSpanContext?.spanId).toBe(command!.spanContext().spanId);
  });

  it('counts the retries of a command that met a CONFLICT, with the refused append traced too', async () => {
    const store = memoryStore();
    let conflicts = 1;
    const contended: EventStore = {
      ...store,
      appendMany: async (appends, options) => {
        if (conflicts-- > 0) throw new PlanlogError('CONFLICT', 'another engine appended first');
        return store.appendMany(appends, options);
      },
    };
    const { engine } = engineOn(contended);
    await engine.draftPlan({ actor: STP, title: 'Kế hoạch', issuer: ISSUER });
    const [command] = otel.named('planlog.command');
    expect(command!.attributes).toMatchObject({ 'planlog.outcome': 'ok', 'planlog.retries': 1 });
    expect(otel.named('planlog.append').map((span) => span.attributes['planlog.outcome'])).toEqual(['CONFLICT', 'ok']);
  });

  it('counts appended events by type', async () => {
    const { engine } = engineOn();
    await issued(engine);
    const appended = await otel.points('planlog.events.appended');
    const byType = Object.fromEntries(appended.map((point) => [point.attributes['planlog.event.type'], point.value]));
    expect(byType).toEqual({ 'plan.drafted': 1, 'task.added': 1, 'plan.issued': 1, 'task.assigned': 1 });
  });
});

describe('telemetry: planlog.tick and overdue events', () => {
  it('traces a tick with what it appended and counts the overdue events', async () => {
    const { engine, clock } = engineOn();
    const { taskId } = await issued(engine);
    clock.set('2026-07-01T00:00:00Z');
    otel.reset();

    const appended = await engine.tick();
    expect(appended.map((event) => event.type)).toEqual(['task.overdue']);
    const [tick] = otel.named('planlog.tick');
    expect(tick!.attributes).toMatchObject({ 'planlog.tick.at': '2026-07-01T00:00:00.000Z', 'planlog.events': 1, 'planlog.outcome': 'ok' });
    const [append] = otel.named('planlog.append');
    expect(append!.parentSpanContext?.spanId).toBe(tick!.spanContext().spanId);
    expect(append!.attributes['planlog.stream_ids']).toEqual([`task-${taskId}`]);

    await engine.tick(); // nothing more is due
    expect(otel.named('planlog.tick').map((span) => span.attributes['planlog.events'])).toEqual([1, 0]);
    const overdue = await otel.points('planlog.events.overdue');
    expect(overdue.map((point) => [point.attributes, point.value])).toEqual([[{ 'planlog.event.type': 'task.overdue' }, 1]]);
  });
});

describe('telemetry: planlog.projection.catch_up', () => {
  it('traces the read models catching up, and marks a projection that stopped', async () => {
    const broken: Projection = {
      name: 'broken',
      version: 1,
      tables: [],
      apply: ({ event }) => {
        if (event.type === 'task.added') throw new Error('cannot read this task');
        return [];
      },
    };
    const { engine } = engineOn(memoryStore(), { projections: [...builtinProjections, broken] });
    await issued(engine);
    otel.reset();

    const result = await engine.projections.catchUp();
    expect(result.failed.map((failure) => failure.projection)).toEqual(['broken']);
    const [catchUp] = otel.named('planlog.projection.catch_up');
    expect(catchUp!.attributes).toMatchObject({ 'planlog.position': result.position, 'planlog.projection.failed': ['broken'] });
    expect(catchUp!.status).toEqual({ code: 2, message: 'broken at 2: cannot read this task' });

    await engine.queries.overdueTasks(); // a query brings the read models up to date first
    expect(otel.named('planlog.projection.catch_up')).toHaveLength(2);
  });
});
