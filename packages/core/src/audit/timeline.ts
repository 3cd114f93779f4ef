import { PlanlogError } from '../base/errors.js';
import { DEFAULT_TIME_ZONE } from '../calendar/localTime.js';
import type { EventType, StoredEvent } from '../schemas/events.js';
import { TimeZoneSchema, type Actor, type UnitRef } from '../schemas/primitives.js';
import { upcastEvent } from '../schemas/upcast.js';
import type { EventStore } from '../store/EventStore.js';
import { planStream, taskStream } from '../state/streams.js';
import { describeEvent, type EventDescription } from './describeEvent.js';
import { eventsOfPlan } from './eventsOfPlan.js';
import { formatLocalTime } from './formatLocalTime.js';

/** One line of a plan's or a task's history. */
export type TimelineEntry = {
  position: number;
  streamId: string;
  version: number;
  type: EventType;
  /** The instant the event was recorded (ISO, UTC). */
  recordedAt: string;
  /** `recordedAt` as local wall time, `YYYY-MM-DD HH:mm`, in `timeZone`. */
  localTime: string;
  timeZone: string;
  actor: Actor;
  /** The acting unit's name as the plan writes it (its id when no event names it). */
  actorName: string;
  /** The task the event belongs to; null for an event of the plan itself. */
  task: { taskId: string; ref: string | null; title: string } | null;
  description: EventDescription;
  /** `description` in the chosen locale. */
  text: string;
};

export type TimelineOptions = {
  /** Default: the plan's time zone (itself Asia/Ho_Chi_Minh unless the plan says otherwise). */
  timeZone?: string;
  /** Which description `text` holds. Default `vi`. */
  locale?: 'vi' | 'en';
  /** Whether `id` is a plan's or a task's; needed only if one id names both. */
  kind?: 'plan' | 'task';
};

/** Unit names as the events write them: issuers, recipients, leads, support units, units asked to report. */
function unitNamesOf(events: readonly StoredEvent[]): Map<string, string> {
  const names = new Map<string, string>();
  const add = (unit: UnitRef | null | undefined) => {
    if (unit && !names.has(unit.id)) names.set(unit.id, unit.name);
  };
  for (const event of events) {
    const data = event.data as Partial<Record<'issuer' | 'lead' | 'unit', UnitRef | null>> & Partial<Record<'recipients' | 'support' | 'units', UnitRef[]>>;
    [data.issuer, data.lead, data.unit, ...(data.recipients ?? []), ...(data.support ?? []), ...(data.units ?? [])].forEach(add);
    if (event.type === 'plan.drafted') (event as StoredEvent<'plan.drafted'>).data.reporting.forEach((rule) => add(rule.to));
  }
  return names;
}

async function kindOf(store: EventStore, id: string, kind: TimelineOptions['kind']): Promise<'plan' | 'task'> {
  if (typeof id !== 'string' || id.length === 0) throw new PlanlogError('VALIDATION', 'id: must be a non-empty string', { field: 'id' });
  const isTask = kind !== 'plan' && (await store.streamVersion(taskStream(id))) > 0;
  const isPlan = kind !== 'task' && (await store.streamVersion(planStream(id))) > 0;
  if (isTask && isPlan) {
    throw new PlanlogError('VALIDATION', `id: ${id} names both a plan and a task; say which with kind`, { field: 'kind' });
  }
  if (isTask) return 'task';
  if (isPlan) return 'plan';
  throw new PlanlogError('NOT_FOUND', `id: no ${kind ?? 'plan or task'} ${id}`, { field: 'id' });
}

/**
 * The history of a task (its stream) or of a plan (its stream and all the events of its tasks), in
 * global order, each event with its local time, actor and a one-line description in Vietnamese and
 * English. Unknown id: `NOT_FOUND` naming `id`. Events are read as the current schema version.
 */
export async function timeline(store: EventStore, id: string, options: TimelineOptions = {}): Promise<TimelineEntry[]> {
  if (options.timeZone !== undefined && !TimeZoneSchema.safeParse(options.timeZone).success) {
    throw new PlanlogError('VALIDATION', `timeZone: unknown IANA time zone ${options.timeZone}`, { field: 'timeZone' });
  }
  const kind = await kindOf(store, id, options.kind);
  let events: StoredEvent[];
  let planEvents: StoredEvent[];
  if (kind === 'task') {
    events = (await store.readStream(taskStream(id))).map((event) => upcastEvent(event));
    const added = events.find((event) => event.type === 'task.added') as StoredEvent<'task.added'> | undefined;
    planEvents = added ? (await store.readStream(planStream(added.data.planId))).map((event) => upcastEvent(event)) : [];
    // A task's history says when the rules its commands are decided by changed (its plan's upgrades after it was added).
    const upgrades = planEvents.filter((event) => event.type === 'plan.rules_upgraded' && added !== undefined && event.position > added.position);
    if (upgrades.length > 0) events = [...events, ...upgrades].sort((a, b) => a.position - b.position);
  } else {
    events = [];
    for await (const event of eventsOfPlan(store, id)) events.push(upcastEvent(event));
    planEvents = events.filter((event) => event.streamId === planStream(id));
  }

  const drafted = planEvents.find((event) => event.type === 'plan.drafted') as StoredEvent<'plan.drafted'> | undefined;
  const timeZone = options.timeZone ?? drafted?.data.timeZone ?? DEFAULT_TIME_ZONE;
  const names = unitNamesOf([...planEvents, ...events]);
  const unitName = (unitId: string) => names.get(unitId) ?? unitId;
  const tasks = new Map<string, TimelineEntry['task']>();
  for (const event of events) {
    if (event.type === 'task.added') tasks.set(event.streamId, { taskId: event.data.taskId, ref: event.data.ref, title: event.data.title });
  }
  const subjects = new Map<string, string>();
  for (const event of planEvents) {
    if (event.type === 'report.requested') subjects.set(event.data.requestId, event.data.subject);
  }
  const requestSubject = (requestId: string) => subjects.get(requestId);
  const locale = options.locale ?? 'vi';

  return events.map((event) => {
    const description = describeEvent(event, { unitName, timeZone, requestSubject });
    return {
      position: event.position,
      streamId: event.streamId,
      version: event.version,
      type: event.type,
      recordedAt: event.recordedAt,
      localTime: formatLocalTime(event.recordedAt, timeZone),
      timeZone,
      actor: event.actor,
      actorName: unitName(event.actor.unitId),
      task: tasks.get(event.streamId) ?? null,
      description,
      text: description[locale],
    };
  });
}
