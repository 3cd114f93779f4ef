import fc from 'fast-check';
import { EVENT_TYPES, type EventType } from '../schemas/events.js';
import type { Actor, Deadline, UnitRef } from '../schemas/primitives.js';
import type { MachineEvent } from '../machines/machineEvent.js';
import { unitRef } from '../schemas/unitId.js';
import { instantArbitrary, textArbitrary, UNIT_NAMES } from './valueArbitraries.js';

// Events for the machines alone, without an engine.

const TASK_EVENT_TYPES = EVENT_TYPES.filter((type) => type.startsWith('task.'));
const PLAN_EVENT_TYPES = EVENT_TYPES.filter((type) => !type.startsWith('task.'));

/** Due instants from a small pool, so that guards comparing them sometimes agree. */
const DUE_POOL = ['2026-03-31T17:00:00.000Z', '2026-06-30T17:00:00.000Z', '2026-12-31T17:00:00.000Z'] as const;
const DEADLINE_OF_DUE: Record<(typeof DUE_POOL)[number], Deadline> = {
  '2026-03-31T17:00:00.000Z': { kind: 'quarter', year: 2026, quarter: 1 },
  '2026-06-30T17:00:00.000Z': { kind: 'quarter', year: 2026, quarter: 2 },
  '2026-12-31T17:00:00.000Z': { kind: 'year', year: 2026 },
};

function machineEventOf(type: EventType, f: { due: (typeof DUE_POOL)[number] | null; unit: UnitRef; text: string; flag: boolean; n: number; at: string; by: Actor }): MachineEvent {
  const dueAt = f.due;
  const deadline: Deadline = dueAt === null ? { kind: 'ongoing' } : DEADLINE_OF_DUE[dueAt];
  const requestId = `yc-${f.n % 3}`;
  const data: Record<EventType, unknown> = {
    'plan.drafted': { planId: 'kh-1', title: f.text, issuer: f.unit, basis: [], objectives: [], requirements: [], reporting: [], recipients: [], timeZone: 'Asia/Ho_Chi_Minh', parentPlanId: null },
    'plan.issued': { number: '88/KH-UBND', issuedOn: '2026-02-25' },
    'plan.closed': { note: null },
    'plan.rules_upgraded': { from: f.flag ? 1 : 2, to: 2 + (f.n % 2), note: null },
    'task.added': { taskId: 'nv-1', planId: 'kh-1', ref: 'II.1', title: f.text, lead: f.flag ? f.unit : null, support: [], deadline: dueAt === null ? null : deadline, dueAt },
    'task.assigned': { lead: f.unit, support: [], deadline, dueAt },
    'task.acknowledged': {},
    'task.reported': { text: f.text, final: f.flag, period: null, progress: f.flag ? 100 : f.n % 101, requestId: null },
    'task.report_accepted': { note: null },
    'task.report_returned': { reason: f.text },
    'task.deadline_extended': { deadline, dueAt, reason: f.text },
    'task.reassigned': { lead: f.unit, support: [], reason: f.text },
    'task.cancelled': { reason: f.text },
    'task.overdue': { dueAt: dueAt ?? DUE_POOL[0] },
    'report.requested': { requestId, units: [f.unit], subject: f.text, dueAt: dueAt ?? DUE_POOL[1] },
    'report.overdue': { requestId, unit: f.unit, dueAt: dueAt ?? DUE_POOL[1] },
  };
  return { type, data: data[type], actor: f.by, recordedAt: f.at } as MachineEvent;
}

/**
 * A random event for a task (`'task'`) or plan (`'plan'`) machine, with plausible data: any type of
 * that machine, due instants from a small pool, times in 2026. Most sequences of them are refused
 * somewhere: use it to check that machines decide (accept or refuse) without throwing.
 */
export function machineEventArbitrary(kind: 'task' | 'plan'): fc.Arbitrary<MachineEvent> {
  return fc
    .record({
      type: fc.constantFrom(...(kind === 'task' ? TASK_EVENT_TYPES : PLAN_EVENT_TYPES)),
      due: fc.constantFrom(null, ...DUE_POOL),
      unit: fc.constantFrom(...UNIT_NAMES).map(unitRef),
      text: textArbitrary,
      flag: fc.boolean(),
      n: fc.nat({ max: 1000 }),
      at: instantArbitrary('2026-01-01T00:00:00Z', '2027-06-30T00:00:00Z'),
    })
    .map((f) => machineEventOf(f.type, { ...f, by: { unitId: f.unit.id } }));
}

