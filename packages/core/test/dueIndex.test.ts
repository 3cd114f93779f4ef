/**
 * Ticks in O(due) (issue 15, item 4): the live state indexes periodic report openings and dated
 * reports as it indexes task deadlines and report dues, so a tick touches only what is due. A
 * regression test counts what a tick visits; a property test checks, on random logs, that the
 * indexed tick appends exactly what the walk over every plan, task and period (the oracle, the tick
 * as it was) would.
 */
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createEngine,
  decree09Calendar,
  isPlanlogError,
  localDate,
  manualClock,
  memoryStore,
  type StreamAppend,
  type Deadline,
  type EventStore,
  type NewEvent,
  type ReportingCalendar,
  type ReportingRule,
} from '@planlog/core';
import { deadlineArbitrary, isoDateArbitrary } from '@planlog/core/testing';
import { calendarSettings, type CalendarSettings } from '../src/state/CalendarSettings.js';
import { dueAppends } from '../src/engine/dueAppends.js';
import { LiveState } from '../src/state/LiveState.js';
import { walkDueAppends } from './oracles/walkDueAppends.js';

const SEED = Number(process.env.PLANLOG_PROPERTY_SEED ?? 1515);
const NUM_RUNS = Math.max(150, Number(process.env.PLANLOG_PROPERTY_RUNS) || 0);

const ISSUER = { id: 'so-tu-phap', name: 'Sở Tư pháp' };
const UNITS = [
  { id: 'phong-xay-dung-phap-luat', name: 'Phòng Xây dựng pháp luật' },
  { id: 'thanh-tra-so', name: 'Thanh tra Sở' },
  { id: 'van-phong-so', name: 'Văn phòng Sở' },
];

async function fold(store: EventStore, live = new LiveState()): Promise<LiveState> {
  for await (const event of store.readAll({ fromPosition: live.position + 1 })) live.fold(event);
  return live;
}

// ------------------------------------------------------------------------------------------------
// Item 4: what a tick visits
// ------------------------------------------------------------------------------------------------

/** Plans, tasks, periods of issued plans with half/year/quarter reporting, written straight to the store. */
async function plansWithRegimes(store: EventStore, plans: number, perPlan: number, dueOn: (task: number) => string): Promise<void> {
  const at = '2026-04-10T02:00:00.000Z';
  const event = (type: NewEvent['type'], data: unknown): NewEvent => {
    const id = randomUUID();
    return { id, type, schemaVersion: 1, data, actor: { unitId: ISSUER.id }, commandId: id, causationId: null, correlationId: id, recordedAt: at } as NewEvent;
  };
  const reporting: ReportingRule[] = [{ period: 'half' }, { period: 'year' }, { period: 'quarter' }];
  let task = 0;
  for (let p = 0; p < plans; p++) {
    const planId = `kh-${p}`;
    const appends: StreamAppend[] = [
      { streamId: `plan-${planId}`, expectedVersion: 'no_stream', events: [event('plan.drafted', { planId, title: `Kế hoạch ${p}`, issuer: ISSUER, basis: [], objectives: [], requirements: [], reporting, recipients: [], timeZone: 'Asia/Ho_Chi_Minh', parentPlanId: null })] },
    ];
    const tasks: { taskId: string; on: string; lead: (typeof UNITS)[number] }[] = [];
    for (let i = 0; i < perPlan; i++, task++) tasks.push({ taskId: `nv-${task}`, on: dueOn(task), lead: UNITS[task % UNITS.length]! });
    for (const { taskId, on, lead } of tasks) {
      appends.push({ streamId: `task-${taskId}`, expectedVersion: 'no_stream', events: [event('task.added', { taskId, planId, ref: null, title: `Nhiệm vụ ${taskId}`, lead, support: [], deadline: { kind: 'date', on }, dueAt: new Date(`${on}T17:00:00.000Z`).toISOString() })] });
    }
    await store.appendMany(appends);
    await store.append(`plan-${planId}`, [event('plan.issued', { number: `${p}/KH-STP`, issuedOn: '2026-04-10' })], { expectedVersion: 1 });
    await store.appendMany(tasks.map(({ taskId, on, lead }) => ({ streamId: `task-${taskId}`, expectedVersion: 1, events: [event('task.assigned', { lead, support: [], deadline: { kind: 'date', on }, dueAt: new Date(`${on}T17:00:00.000Z`).toISOString() })] })));
  }
}

/** Counts every plan and task the live state hands out, by lookup or by walking its maps. */
function countVisits(live: LiveState): { readonly count: number } {
  const counter = { count: 0 };
  for (const map of [live.plans, live.tasks] as Map<string, unknown>[]) {
    const get = map.get.bind(map);
    const entries = map.entries.bind(map);
    const walk = function* () {
      for (const entry of entries()) {
        counter.count++;
        yield entry;
      }
    };
    // Own properties shadow Map.prototype's: every way of reading the map goes through the count.
    Object.assign(map, {
      get: (key: string) => {
        counter.count++;
        return get(key);
      },
      [Symbol.iterator]: walk,
      entries: walk,
      *values() {
        for (const [, value] of walk()) yield value;
      },
      *keys() {
        for (const [key] of walk()) yield key;
      },
      forEach: (each: (value: unknown, key: string, m: Map<string, unknown>) => void) => {
        for (const [key, value] of walk()) each(value, key, map);
      },
    });
  }
  return counter;
}

describe('ticks in O(due)', () => {
  it('4. tick() is not O(due): a tick over 50 plans with half/year/quarter reporting visits no plan, task or period when nothing is due, and only the due ones otherwise', async () => {
    const store = memoryStore();
    // Task 7, 107, 207, … fall due at the end of 1 June; the others at the end of the year.
    await plansWithRegimes(store, 50, 20, (task) => (task % 100 === 7 ? '2026-06-01' : '2026-12-31'));
    const calendars = calendarSettings({});
    const live = await fold(store);

    // The first tick opens Quý II, 6 tháng đầu năm and Năm 2026 for every plan.
    const opening = dueAppends(live, calendars, '2026-05-15T02:00:00.000Z', randomUUID());
    expect(opening.appends.flatMap((append) => append.events.map((event) => event.type))).toEqual(Array(150).fill('report.requested'));
    await store.appendMany(opening.appends);
    await fold(store, live);

    const visits = countVisits(live);
    const none = dueAppends(live, calendars, '2026-05-20T02:00:00.000Z', randomUUID());
    expect(none.appends).toEqual([]);
    expect(visits.count).toBe(0);

    const due = dueAppends(live, calendars, '2026-06-01T17:00:00.000Z', randomUUID());
    expect(due.appends.map((append) => append.streamId).sort()).toEqual(['task-nv-107', 'task-nv-207', 'task-nv-307', 'task-nv-407', 'task-nv-507', 'task-nv-607', 'task-nv-7', 'task-nv-707', 'task-nv-807', 'task-nv-907']);
    expect(visits.count).toBeLessThanOrEqual(2 * due.appends.length); // each due task and its plan
  });
});

// ------------------------------------------------------------------------------------------------
// The indexed tick appends what the walk would
// ------------------------------------------------------------------------------------------------

const RULES: ReportingRule[] = [
  { period: 'month' },
  { period: 'quarter' },
  { period: 'quarter', due: { day: 18, before: true, monthsAfterCutOff: 0 } },
  { period: 'half' },
  { period: 'half', half: 2, due: { month: 1, day: 5, before: true, nextYear: true } },
  { period: 'nine-months', due: { daysAfterCutOff: 2, working: true } },
  { period: 'year' },
  { period: 'ad-hoc' },
];

/** A calendar of one's own whose year windows open almost two years ahead: the year a tick may look at bounds them. */
const earlyYears: ReportingCalendar = {
  ...decree09Calendar,
  year: (year) => [{ kind: 'year', key: `${year}-Y`, label: `Năm ${year}`, from: `${year - 2}-03-01`, to: `${year}-12-14` }],
};

const ongoingWithReport: fc.Arbitrary<Deadline> = fc
  .tuple(isoDateArbitrary('2025-06-01', '2027-06-30'), fc.boolean())
  .map(([on, before]) => ({ kind: 'ongoing', reportBy: before ? { on, before } : { on } }));
const anyDeadline = fc.oneof({ weight: 3, arbitrary: deadlineArbitrary }, { weight: 2, arbitrary: ongoingWithReport });

type Step =
  | { kind: 'issue' | 'close'; plan: number }
  | { kind: 'add'; plan: number; lead: number | null; deadline: Deadline | null }
  | { kind: 'assign' | 'extend'; task: number; lead: number; deadline: Deadline }
  | { kind: 'acknowledge' | 'final' | 'accept' | 'cancel' | 'return'; task: number }
  | { kind: 'reassign'; task: number; lead: number }
  | { kind: 'advance'; days: number }
  | { kind: 'tick'; putBack: boolean };

const unit = fc.nat({ max: UNITS.length - 1 });
const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('issue' as const), plan: fc.nat({ max: 9 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), plan: fc.nat({ max: 9 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('add' as const), plan: fc.nat({ max: 9 }), lead: fc.option(unit, { nil: null }), deadline: fc.option(anyDeadline, { nil: null }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('assign' as const, 'extend' as const), task: fc.nat({ max: 19 }), lead: unit, deadline: anyDeadline }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom('acknowledge' as const, 'final' as const, 'accept' as const, 'cancel' as const, 'return' as const), task: fc.nat({ max: 19 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reassign' as const), task: fc.nat({ max: 19 }), lead: unit }) },
  // Mostly forward; now and then the clock is set back (a tick then sees less than the one before).
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), days: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 120 }) }, { weight: 1, arbitrary: fc.integer({ min: -400, max: -1 }) }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('tick' as const), putBack: fc.boolean() }) },
);

const planArbitrary = fc.record({
  reporting: fc.subarray(RULES, { maxLength: 4 }),
  timeZone: fc.constantFrom('Asia/Ho_Chi_Minh', 'Asia/Ho_Chi_Minh', 'Europe/London', 'America/Sao_Paulo'),
  workingDays: fc.boolean(),
  issued: fc.boolean(),
  tasks: fc.array(fc.record({ lead: fc.option(unit, { nil: null }), deadline: fc.option(anyDeadline, { nil: null }) }), { maxLength: 4 }),
});

const scenarioArbitrary = fc.record({
  start: fc.integer({ min: Date.parse('2025-06-01T00:00:00Z'), max: Date.parse('2027-01-31T00:00:00Z') }),
  earlyYears: fc.boolean(),
  plans: fc.array(planArbitrary, { minLength: 1, maxLength: 3 }),
  steps: fc.array(stepArbitrary, { maxLength: 40, size: 'max' }),
});

/** The appends of a tick as the store will take them, less each event's fresh id. */
const comparable = (appends: readonly StreamAppend[]) =>
  appends.map((append) => ({ ...append, events: append.events.map(({ id: _id, ...event }) => event) }));

describe('the indexed tick', () => {
  it('appends exactly what a walk over every plan, task and period would, tick after tick (fast-check, seeded)', async () => {
    let periodic = 0;
    let dated = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (scenario) => {
        const store = memoryStore();
        const clock = manualClock(new Date(scenario.start));
        const reportingCalendar = scenario.earlyYears ? earlyYears : decree09Calendar;
        const engine = createEngine({ store, clock, reportingCalendar });
        const calendars: CalendarSettings = calendarSettings({ reportingCalendar });
        const actor = { unitId: ISSUER.id };
        const planIds: string[] = [];
        const taskIds: string[] = [];
        const attempt = async (command: () => Promise<unknown>) => {
          try {
            await command();
          } catch (error) {
            if (!isPlanlogError(error)) throw error;
          }
        };
        const addTask = async (planId: string, lead: number | null, deadline: Deadline | null) => {
          const taskId = `nv-${taskIds.length + 1}`;
          await attempt(async () => {
            await engine.addTask({ actor, planId, taskId, title: `Nhiệm vụ ${taskId}`, ...(lead === null ? {} : { lead: UNITS[lead]! }), ...(deadline === null ? {} : { deadline }) });
            taskIds.push(taskId);
          });
        };
        for (const [p, plan] of scenario.plans.entries()) {
          const { planId } = await engine.draftPlan({ actor, planId: `kh-${p + 1}`, title: `Kế hoạch ${p + 1}`, issuer: ISSUER, reporting: plan.reporting, timeZone: plan.timeZone, workingDays: plan.workingDays });
          planIds.push(planId);
          for (const task of plan.tasks) await addTask(planId, task.lead, task.deadline);
          if (plan.issued) await attempt(() => engine.issuePlan({ actor, planId, number: '1/KH-STP', issuedOn: localDate(clock.now(), 'Asia/Ho_Chi_Minh') }));
        }

        // Two live states of the same log, kept as an engine keeps its own: one ticks by its indexes,
        // the other by the walk (its due heaps, like the engine's, remember what earlier ticks took).
        const indexed = new LiveState();
        const walking = new LiveState();
        for (const step of scenario.steps) {
          const planId = planIds[('plan' in step ? step.plan : 0) % planIds.length]!;
          const taskId = taskIds.length === 0 ? 'nv-0' : taskIds[('task' in step ? step.task : 0) % taskIds.length]!;
          const leadOf = async () => (await engine.getTask(taskId)).lead?.id ?? ISSUER.id;
          switch (step.kind) {
            case 'issue':
              await attempt(() => engine.issuePlan({ actor, planId, number: '1/KH-STP', issuedOn: localDate(clock.now(), 'Asia/Ho_Chi_Minh') }));
              break;
            case 'close':
              await attempt(() => engine.closePlan({ actor, planId }));
              break;
            case 'add':
              await addTask(planId, step.lead, step.deadline);
              break;
            case 'assign':
              await attempt(() => engine.assignTask({ actor, taskId, lead: UNITS[step.lead]!, deadline: step.deadline }));
              break;
            case 'extend':
              await attempt(() => engine.extendDeadline({ actor, taskId, deadline: step.deadline, reason: 'gia hạn' }));
              break;
            case 'reassign':
              await attempt(() => engine.reassignTask({ actor, taskId, lead: UNITS[step.lead]!, reason: 'giao lại' }));
              break;
            case 'acknowledge':
              await attempt(async () => engine.acknowledgeTask({ actor: { unitId: await leadOf() }, taskId }));
              break;
            case 'final':
              await attempt(async () => engine.reportTask({ actor: { unitId: await leadOf() }, taskId, text: 'Đã hoàn thành', final: true }));
              break;
            case 'accept':
              await attempt(() => engine.acceptReport({ actor, taskId }));
              break;
            case 'return':
              await attempt(() => engine.returnReport({ actor, taskId, reason: 'bổ sung' }));
              break;
            case 'cancel':
              await attempt(() => engine.cancelTask({ actor, taskId, reason: 'không thực hiện' }));
              break;
            case 'advance':
              clock.advance(step.days * 86_400_000);
              break;
            case 'tick': {
              // As the engine ticks: decide, append, fold, until nothing more is due.
              const at = clock.now().toISOString();
              const tickId = randomUUID();
              for (let round = 0; round < 5; round++) {
                await fold(store, indexed);
                await fold(store, walking);
                let batch = dueAppends(indexed, calendars, at, tickId);
                let walked = walkDueAppends(walking, calendars, at, tickId);
                if (step.putBack) {
                  // As after an append that failed: each gives back what it took and decides again.
                  batch.putBack();
                  walked.putBack();
                  batch = dueAppends(indexed, calendars, at, tickId);
                  walked = walkDueAppends(walking, calendars, at, tickId);
                }
                expect(comparable(batch.appends)).toEqual(comparable(walked.appends));
                expect(batch.groups.map(comparable)).toEqual(walked.groups.map(comparable));
                if (batch.appends.length === 0) break;
                for (const append of batch.appends) {
                  for (const event of append.events) {
                    if (event.type !== 'report.requested') continue;
                    if ((event.data as { period?: string }).period !== undefined) periodic++;
                    else dated++;
                  }
                }
                await store.appendMany(batch.appends);
              }
              break;
            }
          }
        }
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
    // The random logs did reach the indexed paths.
    expect(periodic).toBeGreaterThan(50);
    expect(dated).toBeGreaterThan(5);
  }, 120_000);
});
