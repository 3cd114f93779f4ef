// Replay bench: one realistic 1M-event log folded four ways.
//   (a) xstate transition() per event, as the engine folds today (decide: snapshot.can + transition)
//   (b) machine.transition(snapshot, event, scope) reusing one actor scope (+ snapshot.can)
//   (c) the step compiled from the machines (compileMachine)
//   (d) a hand-written switch reducer: the physical reference, written here only, never used by the library
// Run: npx tsx test/bench/replay.ts [--events N] [--xstate-events N] [--write-docs]
import { readFileSync, existsSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { createActor, type AnyStateMachine } from 'xstate';
import {
  compileMachine,
  decide,
  initialSnapshotOf,
  planMachine,
  taskMachine,
  type CompiledState,
  type Deadline,
  type PlanContext,
  type StoredEvent,
  type TaskContext,
  type TaskReport,
  type UnitRef,
} from '@planlog/core';
// By source path, not @planlog/core/testing: that entry loads vitest and fast-check into the bench.
import { mulberry32 } from '../../packages/core/src/random.js';
import { writePerformanceSection } from './performanceDocs.js';

// ---------------------------------------------------------------------------------------------
// The log: plans of 10–50 tasks each, every task living a plausible life, in global order
// ---------------------------------------------------------------------------------------------

const UNITS: UnitRef[] = [
  'Sở Tư pháp', 'Sở Ngoại vụ', 'Công an tỉnh', 'Sở Kế hoạch và Đầu tư', 'Sở Lao động - Thương binh và Xã hội', 'Sở Y tế',
  'Sở Giáo dục và Đào tạo', 'Sở Văn hóa, Thể thao và Du lịch', 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'Đài Phát thanh - Truyền hình tỉnh',
  'Hội Liên hiệp Phụ nữ tỉnh', 'UBND huyện Đức Cơ', 'UBND thành phố Pleiku', 'Sở Tài chính', 'Sở Nội vụ', 'Thanh tra tỉnh',
].map((name) => ({ id: name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase().replace(/[^a-z0-9]+/g, '-'), name }));
const TITLES = [
  'Rà soát hệ thống văn bản quy phạm pháp luật',
  'Tuyên truyền, phổ biến giáo dục pháp luật',
  'Tập huấn nghiệp vụ cho cán bộ cơ sở',
  'Đôn đốc, kiểm tra việc thực hiện',
  'Tổng hợp báo cáo kết quả thực hiện',
];
const REPORT_TEXTS = ['Đã triển khai đến các phòng, ban', 'Hoàn thành 60% khối lượng công việc', 'Hoàn thành, gửi báo cáo về Sở Tư pháp'];
const HASH = 'a'.repeat(64);
const DAY = 86_400_000;
const QUARTER_END_MS = [Date.parse('2026-03-31T17:00:00Z'), Date.parse('2026-06-30T17:00:00Z'), Date.parse('2026-09-30T17:00:00Z'), Date.parse('2026-12-31T17:00:00Z')];

type Draft = Omit<StoredEvent, 'position' | 'version'> & { at: number };

/** Build a log of `total` events (the last plan may be cut short: every prefix of a valid log is valid). */
export function buildLog(total: number, seed = 2026): StoredEvent[] {
  const rnd = mulberry32(seed); // deterministic, so every run folds the same log
  const log: StoredEvent[] = [];
  const versions = new Map<string, number>();
  let counter = 0;
  const id = () => `0196${(counter++).toString(16).padStart(12, '0')}-7000-8000-000000000000`;
  const iso = (ms: number) => new Date(ms).toISOString();
  const push = (draft: Draft) => {
    const version = (versions.get(draft.streamId) ?? 0) + 1;
    versions.set(draft.streamId, version);
    const { at: _at, ...event } = draft;
    log.push({ ...event, version, position: log.length + 1 } as StoredEvent);
  };
  const event = (streamId: string, type: StoredEvent['type'], data: unknown, actor: { unitId: string }, at: number): Draft => {
    const eventId = id();
    return { id: eventId, streamId, type, schemaVersion: 1, data, actor, commandId: eventId, causationId: null, correlationId: eventId, recordedAt: iso(at), hash: HASH, at } as Draft;
  };

  for (let p = 0; log.length < total; p++) {
    const planId = `plan${p}`;
    const planStream = `plan-${planId}`;
    const issuer = UNITS[rnd.int(0, 3)]!;
    const by = { unitId: issuer.id };
    let t = Date.parse('2026-01-05T02:00:00Z') + rnd.int(0, 60) * DAY;
    const drafts: Draft[] = [];
    drafts.push(event(planStream, 'plan.drafted', {
      planId, title: `Kế hoạch ${p}/KH-UBND`, issuer, basis: ['Kế hoạch số 88/KH-UBND ngày 25/02/2026 của UBND tỉnh'],
      objectives: ['Nâng cao hiệu quả công tác'], requirements: [], reporting: [], recipients: UNITS.slice(4, 8), timeZone: 'Asia/Ho_Chi_Minh', parentPlanId: null,
    }, by, t));
    const taskCount = rnd.int(10, 50);
    const tasks = Array.from({ length: taskCount }, (_, i) => `t${p}x${i}`);
    for (const [i, taskId] of tasks.entries()) {
      drafts.push(event(`task-${taskId}`, 'task.added', { taskId, planId, ref: `II.${i + 1}`, title: TITLES[i % TITLES.length], lead: null, support: [], deadline: null, dueAt: null }, by, (t += 60_000)));
    }
    t += rnd.int(1, 10) * DAY;
    drafts.push(event(planStream, 'plan.issued', { number: `${p}/KH-UBND`, issuedOn: iso(t).slice(0, 10) }, by, t));
    const requestUnits = UNITS.slice(4, 7);
    const requestDue = t + 45 * DAY;
    drafts.push(event(planStream, 'report.requested', { requestId: `${planId}r1`, units: requestUnits, subject: 'Báo cáo đột xuất', dueAt: iso(requestDue) }, by, t + DAY));
    drafts.push(event(planStream, 'report.overdue', { requestId: `${planId}r1`, unit: requestUnits[0], dueAt: iso(requestDue) }, { unitId: 'planlog' }, requestDue));
    const issuedAt = t;

    // Each task's own life, with its own clock; merged by time afterwards.
    for (const taskId of tasks) {
      const stream = `task-${taskId}`;
      let at = issuedAt;
      let lead = UNITS[rnd.int(4, UNITS.length - 1)]!;
      let quarter = rnd.int(0, 2);
      let dueMs = QUARTER_END_MS[quarter]!;
      const deadline = (q: number): Deadline => ({ kind: 'quarter', year: 2026, quarter: (q + 1) as 1 | 2 | 3 | 4 });
      drafts.push(event(stream, 'task.assigned', { lead, support: UNITS.slice(1, 3), deadline: deadline(quarter), dueAt: iso(dueMs) }, by, (at += 60_000)));
      if (rnd.chance(0.04)) {
        drafts.push(event(stream, 'task.cancelled', { reason: 'Không còn phù hợp' }, by, (at += rnd.int(1, 20) * DAY)));
        continue;
      }
      drafts.push(event(stream, 'task.acknowledged', {}, { unitId: lead.id }, (at += rnd.int(1, 5) * DAY)));
      let overdue = false;
      const advance = (days: number) => {
        at += days * DAY;
        if (!overdue && at >= dueMs) {
          overdue = true; // the next tick appends task.overdue
          drafts.push(event(stream, 'task.overdue', { dueAt: iso(dueMs) }, { unitId: 'planlog' }, at));
          if (rnd.chance(0.6) && quarter < 3) {
            quarter += 1;
            dueMs = QUARTER_END_MS[quarter]!;
            overdue = false;
            drafts.push(event(stream, 'task.deadline_extended', { deadline: deadline(quarter), dueAt: iso(dueMs), reason: 'Điều chỉnh thời hạn' }, by, (at += DAY)));
          }
        }
      };
      let rounds = rnd.int(1, 3);
      while (rounds-- > 0) {
        for (let r = rnd.int(2, 8); r > 0; r--) {
          advance(rnd.int(3, 15));
          drafts.push(event(stream, 'task.reported', { text: REPORT_TEXTS[r % 2]!, final: false, period: null, progress: rnd.int(10, 90), requestId: rnd.chance(0.1) ? `${planId}r1` : null }, { unitId: lead.id }, at));
          if (rnd.chance(0.03)) {
            const next = UNITS[rnd.int(4, UNITS.length - 1)]!;
            if (next.id !== lead.id) {
              lead = next;
              drafts.push(event(stream, 'task.reassigned', { lead, support: UNITS.slice(1, 3), reason: 'Điều chỉnh đơn vị chủ trì' }, by, (at += DAY)));
              drafts.push(event(stream, 'task.acknowledged', {}, { unitId: lead.id }, (at += DAY)));
            }
          }
        }
        advance(rnd.int(1, 10));
        drafts.push(event(stream, 'task.reported', { text: REPORT_TEXTS[2]!, final: true, period: 'Quý', progress: 100, requestId: null }, { unitId: lead.id }, at));
        at += rnd.int(1, 7) * DAY;
        if (rounds > 0) drafts.push(event(stream, 'task.report_returned', { reason: 'Đề nghị bổ sung số liệu' }, by, at));
      }
      drafts.push(event(stream, 'task.report_accepted', { note: null }, by, at));
    }
    drafts.sort((a, b) => a.at - b.at); // stable: a stream's events keep their order at equal times
    drafts.push(event(planStream, 'plan.closed', { note: null }, by, drafts.at(-1)!.at + DAY));
    for (const draft of drafts) {
      if (log.length >= total) break;
      push(draft);
    }
  }
  return log;
}

// ---------------------------------------------------------------------------------------------
// Four ways to fold it
// ---------------------------------------------------------------------------------------------

type Step<S> = { task: (state: S, event: StoredEvent) => S | null; plan: (state: S, event: StoredEvent) => S | null; initialTask: S; initialPlan: S };

/** The same outer loop for every way: one state per stream, task or plan machine by event type. */
function foldLog<S>(log: readonly StoredEvent[], end: number, way: Step<S>): Map<string, S> {
  const states = new Map<string, S>();
  for (let i = 0; i < end; i++) {
    const event = log[i]!;
    const isTask = event.type.startsWith('task.');
    const state = states.get(event.streamId) ?? (isTask ? way.initialTask : way.initialPlan);
    const next = isTask ? way.task(state, event) : way.plan(state, event);
    if (next === null) throw new Error(`refused ${event.type} at position ${event.position}`);
    states.set(event.streamId, next);
  }
  return states;
}

type AnySnapshot = ReturnType<typeof initialSnapshotOf<AnyStateMachine>>;

const viaTransition: Step<AnySnapshot> = {
  task: (s, e) => decide(taskMachine, s as never, e) as AnySnapshot | null,
  plan: (s, e) => decide(planMachine, s as never, e) as AnySnapshot | null,
  initialTask: initialSnapshotOf(taskMachine) as AnySnapshot,
  initialPlan: initialSnapshotOf(planMachine) as AnySnapshot,
};

/** What xstate's own `transition()` builds on every call (createInertActorScope), built once. */
function reusedScope(machine: AnyStateMachine) {
  const self = createActor(machine);
  const noop = () => {};
  return { self, defer: noop, id: '', logger: noop, sessionId: '', stopChild: noop, system: self.system, emit: noop, actionExecutor: noop };
}
const taskScope = reusedScope(taskMachine);
const planScope = reusedScope(planMachine);
const viaMachineTransition: Step<AnySnapshot> = {
  task: (s, e) => (s.can(e as never) ? (taskMachine.transition(s as never, e as never, taskScope as never) as AnySnapshot) : null),
  plan: (s, e) => (s.can(e as never) ? (planMachine.transition(s as never, e as never, planScope as never) as AnySnapshot) : null),
  initialTask: viaTransition.initialTask,
  initialPlan: viaTransition.initialPlan,
};

type Flat = CompiledState<unknown>;
const compiledTask = compileMachine(taskMachine);
const compiledPlan = compileMachine(planMachine);
const viaCompiled: Step<Flat> = {
  task: compiledTask.step as unknown as Step<Flat>['task'],
  plan: compiledPlan.step as unknown as Step<Flat>['plan'],
  initialTask: compiledTask.initial,
  initialPlan: compiledPlan.initial,
};

// (d) The physical reference: the machines' rules written a second time, by hand. Bench only.
type TS = { value: string; context: TaskContext };
type PS = { value: string; context: PlanContext };
const ms = Date.parse;
function lastFinal(reports: TaskReport[], status: TaskReport['status'], note: string | null): TaskReport[] {
  const index = reports.findLastIndex((report) => report.final);
  return reports.map((report, i) => (i === index ? { ...report, status, reviewNote: note } : report));
}
function handTask(s: TS, e: StoredEvent): TS | null {
  const c = s.context;
  const v = s.value;
  const active = v === 'assigned' || v === 'acknowledged' || v === 'in_progress';
  switch (e.type) {
    case 'task.added':
      if (v !== 'new') return null;
      return { value: 'added', context: { ...c, ...e.data, addedAt: e.recordedAt, updatedAt: e.recordedAt } };
    case 'task.assigned':
      if (v !== 'added') return null;
      return { value: 'assigned', context: { ...c, lead: e.data.lead, support: e.data.support, deadline: e.data.deadline, dueAt: e.data.dueAt, overdue: false, updatedAt: e.recordedAt } };
    case 'task.acknowledged':
      return v === 'assigned' ? { value: 'acknowledged', context: { ...c, updatedAt: e.recordedAt } } : null;
    case 'task.reported': {
      const { text, final, period, progress, requestId } = e.data;
      if (v === 'submitted' && !final && requestId !== null) {
        const answer: TaskReport = { at: e.recordedAt, by: e.actor, text, final, period, progress, requestId, status: 'progress', reviewNote: null };
        return { value: v, context: { ...c, reports: [...c.reports, answer], updatedAt: e.recordedAt } };
      }
      if (!active) return null;
      const report: TaskReport = { at: e.recordedAt, by: e.actor, text, final, period, progress, requestId, status: final ? 'submitted' : 'progress', reviewNote: null };
      const late = c.dueAt !== null && ms(e.recordedAt) >= ms(c.dueAt);
      const context = { ...c, reports: [...c.reports, report], progress: final ? 100 : (progress ?? c.progress), pendingOutcome: final ? (late ? 'late' : 'on_time') : c.pendingOutcome, updatedAt: e.recordedAt } as TaskContext;
      return { value: final ? 'submitted' : 'in_progress', context };
    }
    case 'task.report_accepted':
      if (v !== 'submitted') return null;
      return { value: 'completed', context: { ...c, outcome: c.pendingOutcome, overdue: false, reports: lastFinal(c.reports, 'accepted', e.data.note), updatedAt: e.recordedAt } };
    case 'task.report_returned':
      if (v !== 'submitted') return null;
      return { value: 'in_progress', context: { ...c, pendingOutcome: null, progress: c.progress === 100 ? null : c.progress, reports: lastFinal(c.reports, 'returned', e.data.reason), updatedAt: e.recordedAt } };
    case 'task.deadline_extended':
      if (!active || e.data.dueAt === c.dueAt) return null;
      return { value: v, context: { ...c, deadline: e.data.deadline, dueAt: e.data.dueAt, overdue: false, updatedAt: e.recordedAt } };
    case 'task.reassigned':
      if (!active || e.data.lead.id === c.lead?.id) return null;
      return { value: 'assigned', context: { ...c, lead: e.data.lead, support: e.data.support ?? c.support, updatedAt: e.recordedAt } };
    case 'task.overdue':
      if (!active || c.overdue || c.dueAt === null || e.data.dueAt !== c.dueAt || ms(e.recordedAt) < ms(c.dueAt)) return null;
      return { value: v, context: { ...c, overdue: true, overdueEpisodes: [...c.overdueEpisodes, c.dueAt], updatedAt: e.recordedAt } };
    case 'task.cancelled':
      if (v !== 'added' && !active && v !== 'submitted') return null;
      return { value: 'cancelled', context: { ...c, cancelReason: e.data.reason, overdue: false, updatedAt: e.recordedAt } };
    default:
      return null;
  }
}
function handPlan(s: PS, e: StoredEvent): PS | null {
  const c = s.context;
  switch (e.type) {
    case 'plan.drafted': {
      if (s.value !== 'new') return null;
      const d = e.data;
      return { value: 'draft', context: { ...c, planId: d.planId, title: d.title, issuer: d.issuer, drafter: e.actor, basis: d.basis, objectives: d.objectives, requirements: d.requirements, reporting: d.reporting, recipients: d.recipients, timeZone: d.timeZone, parentPlanId: d.parentPlanId, draftedAt: e.recordedAt } };
    }
    case 'plan.issued':
      return s.value === 'draft' ? { value: 'issued', context: { ...c, number: e.data.number, issuedOn: e.data.issuedOn } } : null;
    case 'plan.closed':
      return s.value === 'issued' ? { value: 'closed', context: { ...c, closedAt: e.recordedAt } } : null;
    case 'report.requested': {
      const { requestId, units, subject, dueAt, period } = e.data;
      if (s.value !== 'issued' || requestId in c.requests) return null;
      return { value: 'issued', context: { ...c, requests: { ...c.requests, [requestId]: { requestId, units, subject, dueAt, requestedAt: e.recordedAt, period: period ?? null, overdueUnits: [] } } } };
    }
    case 'report.overdue': {
      const request = c.requests[e.data.requestId];
      const unit = e.data.unit.id;
      if (s.value !== 'issued' || request === undefined || request.dueAt !== e.data.dueAt || !request.units.some((u) => u.id === unit) || request.overdueUnits.includes(unit) || ms(e.recordedAt) < ms(request.dueAt)) return null;
      return { value: 'issued', context: { ...c, requests: { ...c.requests, [request.requestId]: { ...request, overdueUnits: [...request.overdueUnits, unit] } } } };
    }
    default:
      return null;
  }
}
const viaHand: Step<Flat> = {
  task: handTask as unknown as Step<Flat>['task'],
  plan: handPlan as unknown as Step<Flat>['plan'],
  initialTask: compiledTask.initial,
  initialPlan: compiledPlan.initial,
};

/** Diagnostic: the outer loop alone, every event accepted and no state changed. */
const keep = <S>(state: S) => state;
const viaNothing: Step<Flat> = { task: keep, plan: keep, initialTask: compiledTask.initial, initialPlan: compiledPlan.initial };

// ---------------------------------------------------------------------------------------------
// Measure
// ---------------------------------------------------------------------------------------------

type Timing = { wall: number; cpu: number };

/** Best wall-clock and best CPU time (user + system, all threads) over `repeats` folds. */
function time<S>(log: readonly StoredEvent[], end: number, way: Step<S>, repeats: number): Timing & { states: Map<string, S> } {
  let wall = Infinity;
  let cpu = Infinity;
  let states!: Map<string, S>;
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    states = foldLog(log, end, way);
    const used = process.cpuUsage(startCpu);
    wall = Math.min(wall, (performance.now() - start) / 1000);
    cpu = Math.min(cpu, (used.user + used.system) / 1e6);
  }
  return { wall, cpu, states };
}

/**
 * Diagnostic only: Date.parse for canonical UTC instants (YYYY-MM-DDTHH:mm:ss.sssZ) done by hand,
 * anything else by the real Date.parse. Shows how much of a fold is the machines' own instantMs.
 */
function withFastDateParse<T>(run: () => T): T {
  const original = Date.parse;
  const canonical = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})Z$/;
  const n = (s: string, from: number, to: number) => {
    let v = 0;
    for (let i = from; i < to; i++) v = v * 10 + s.charCodeAt(i) - 48;
    return v;
  };
  Date.parse = (s: string) =>
    s.length === 24 && s.charCodeAt(23) === 90 && canonical.test(s)
      ? Date.UTC(n(s, 0, 4), n(s, 5, 7) - 1, n(s, 8, 10), n(s, 11, 13), n(s, 14, 16), n(s, 17, 19), n(s, 20, 23))
      : original(s);
  try {
    return run();
  } finally {
    Date.parse = original;
  }
}

const flatOf = (states: Map<string, { value: unknown; context: unknown }>) => new Map([...states].map(([k, s]) => [k, { value: s.value, context: s.context }]));

export type ReplayRow = { way: string; events: number; wall: number; cpu: number; note: string };
const perSecond = (row: ReplayRow) => row.events / row.cpu;

export function runReplayBench(options: { events?: number; xstateEvents?: number } = {}) {
  const total = options.events ?? 1_000_000;
  const subset = Math.min(options.xstateEvents ?? 50_000, total);
  const built = performance.now();
  const log = buildLog(total);
  const buildSeconds = (performance.now() - built) / 1000;
  const types = new Map<string, number>();
  for (const event of log) types.set(event.type, (types.get(event.type) ?? 0) + 1);
  const streams = new Set(log.map((event) => event.streamId));
  const load = loadavg()[0]!;

  // Warm up every way, and check on the subset that all four agree.
  const a = flatOf(foldLog(log, subset, viaTransition));
  const b = flatOf(foldLog(log, subset, viaMachineTransition));
  const c = foldLog(log, subset, viaCompiled);
  const d = foldLog(log, subset, viaHand);
  for (const [stream, state] of a) {
    if (!isDeepStrictEqual(state, b.get(stream)) || !isDeepStrictEqual(state, c.get(stream)) || !isDeepStrictEqual(state, d.get(stream))) {
      throw new Error(`the ways disagree on ${stream}`);
    }
  }

  const subsetNote = `first ${subset.toLocaleString('en')} events, rate extrapolated to the log`;
  const rows: ReplayRow[] = [];
  const ta = time(log, subset, viaTransition, 3);
  rows.push({ way: '(a) xstate `transition()` per event (`decide`: `can` + `transition`, today\'s replay)', events: subset, ...ta, note: subsetNote });
  const tb = time(log, subset, viaMachineTransition, 3);
  rows.push({ way: '(b) `machine.transition` with one reused actor scope (+ `can`)', events: subset, ...tb, note: subsetNote });
  const tc = time(log, total, viaCompiled, 5);
  rows.push({ way: '(c) compiled step (`compileMachine`)', events: total, ...tc, note: 'whole log' });
  const td = time(log, total, viaHand, 5);
  rows.push({ way: '(d) hand-written switch reducer (bench only)', events: total, ...td, note: 'whole log' });
  const te = withFastDateParse(() => time(log, total, viaCompiled, 5));
  rows.push({ way: '(c′) compiled step, `Date.parse` of canonical UTC instants done by hand (diagnostic)', events: total, ...te, note: 'whole log; shows the cost of the machines\' `instantMs`' });
  const tf = time(log, total, viaNothing, 5);
  rows.push({ way: '(e) the same outer loop with a step that changes nothing (diagnostic)', events: total, ...tf, note: 'whole log; the floor of any fold in this loop: reading each event and the `Map` get and set of its stream' });
  for (const [stream, state] of tc.states) {
    if (!isDeepStrictEqual(state, td.states.get(stream)) || !isDeepStrictEqual(state, te.states.get(stream))) throw new Error(`compiled and hand reducer disagree on ${stream}`);
  }

  return {
    total,
    subset,
    buildSeconds,
    load,
    streams: streams.size,
    types: Object.fromEntries([...types].sort((x, y) => y[1] - x[1])),
    rows,
    ratios: {
      compiledVsTransition: perSecond(rows[2]!) / perSecond(rows[0]!),
      compiledVsScope: perSecond(rows[2]!) / perSecond(rows[1]!),
      compiledVsHand: perSecond(rows[2]!) / perSecond(rows[3]!),
    },
  };
}

function machineFacts(): string {
  const cpu = existsSync('/proc/cpuinfo') ? (/model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model) : cpus()[0]?.model;
  return `node ${process.version}, ${availableParallelism()} CPUs (nproc), ${cpu ?? 'unknown CPU'}, ${process.platform}/${process.arch}`;
}

export function replayMarkdown(result: ReturnType<typeof runReplayBench>): string {
  const fmt = (n: number) => Math.round(n).toLocaleString('en');
  const lines = [
    '## Replay',
    '',
    `Folding one in-memory log of ${fmt(result.total)} events (${fmt(result.streams)} streams: plans of 10–50 tasks, each task assigned, acknowledged, reporting, sometimes overdue, extended, reassigned, returned or cancelled) into the state of every plan and task. Generated by \`npx tsx test/bench/replay.ts --write-docs\`; each way runs the same outer loop (one state per stream in a \`Map\`), best of several runs after a warm-up, and the four results are checked equal.`,
    '',
    `Machine: ${machineFacts()}; 1-minute load average ${result.load.toFixed(1)} when the run started. Times are the best of 3 (a, b) or 5 (c, d) folds; events/s is taken on CPU time (user + system of this process), which a busy machine disturbs less than wall time.`,
    '',
    '| way | events timed | wall s | CPU s | events/s (CPU) | events/s (wall) | note |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...result.rows.map((row) => `| ${row.way} | ${fmt(row.events)} | ${row.wall.toFixed(3)} | ${row.cpu.toFixed(3)} | ${fmt(perSecond(row))} | ${fmt(row.events / row.wall)} | ${row.note} |`),
    '',
    `Ratios (CPU time): compiled / (a) = **${result.ratios.compiledVsTransition.toFixed(0)}×** (target ≥ 100×), compiled / (b) = ${result.ratios.compiledVsScope.toFixed(0)}×, compiled / (d) hand-written = **${result.ratios.compiledVsHand.toFixed(2)}** (1.00 = as fast as the same rules written by hand). Target ≥ 5,000,000 events/s for the compiled path: ${perSecond(result.rows[2]!) >= 5_000_000 ? 'met' : `not met (${fmt(perSecond(result.rows[2]!))})`}. The loop alone (e) runs at ${fmt(perSecond(result.rows[5]!))} events/s, ${(perSecond(result.rows[5]!) / perSecond(result.rows[0]!)).toFixed(0)}× (a): no step run inside it can go faster.`,
    '',
    `Event mix: ${Object.entries(result.types).map(([type, n]) => `${type} ${fmt(n)}`).join(', ')}.`,
    '',
  ];
  return lines.join('\n');
}


if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i === -1 ? undefined : Number(process.argv[i + 1]);
  };
  const result = runReplayBench({ events: arg('--events'), xstateEvents: arg('--xstate-events') });
  console.log(`log: ${result.total.toLocaleString('en')} events, ${result.streams.toLocaleString('en')} streams, built in ${result.buildSeconds.toFixed(1)} s`);
  const section = replayMarkdown(result);
  console.log(section);
  if (process.argv.includes('--write-docs')) {
    writePerformanceSection(section);
    console.log('docs/performance.md updated (## Replay)');
  }
}
