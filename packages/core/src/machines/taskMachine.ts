import { assign, setup, type StateValueFrom } from 'xstate';
import type { Actor, Deadline, UnitRef } from '../schemas/primitives.js';
import { isAtOrAfter, machineEventHelpers, type MachineEvent } from './machineEvent.js';
import { statesTagged } from './statesTagged.js';

export type TaskOutcome = 'on_time' | 'late';

export type TaskReport = {
  at: string;
  by: Actor;
  text: string;
  final: boolean;
  period: string | null;
  progress: number | null;
  requestId: string | null;
  status: 'progress' | 'submitted' | 'accepted' | 'returned';
  reviewNote: string | null;
};

export type TaskContext = {
  taskId: string;
  planId: string;
  ref: string | null;
  title: string;
  lead: UnitRef | null;
  support: UnitRef[];
  deadline: Deadline | null;
  /** First instant at which the task is late (ISO), null for ongoing work or no deadline. */
  dueAt: string | null;
  /** Set by `task.overdue`, cleared by an extension or by completion/cancellation. */
  overdue: boolean;
  /** The due instants of every overdue episode, oldest first. */
  overdueEpisodes: string[];
  /** The outcome a final report would have if accepted: judged when it was submitted. */
  pendingOutcome: TaskOutcome | null;
  outcome: TaskOutcome | null;
  progress: number | null;
  reports: TaskReport[];
  cancelReason: string | null;
  addedAt: string | null;
  updatedAt: string | null;
};

export const emptyTaskContext: TaskContext = {
  taskId: '',
  planId: '',
  ref: null,
  title: '',
  lead: null,
  support: [],
  deadline: null,
  dueAt: null,
  overdue: false,
  overdueEpisodes: [],
  pendingOutcome: null,
  outcome: null,
  progress: null,
  reports: [],
  cancelReason: null,
  addedAt: null,
  updatedAt: null,
};

/** Replace the status of the newest final report. */
function markLastFinal(reports: TaskReport[], status: TaskReport['status'], note: string | null): TaskReport[] {
  const index = reports.findLastIndex((report) => report.final);
  return reports.map((report, i) => (i === index ? { ...report, status, reviewNote: note } : report));
}

/**
 * The life of one task (design §3.1): added → assigned → acknowledged → in_progress → submitted →
 * completed, cancelled from any state before completed; `overdue` is a flag, not a state.
 * Events are the log's events; the machine only decides and folds, it runs no effects.
 * Its state tags answer the state questions asked elsewhere: `chased`, the unfinished work that may
 * fall overdue (the states that take `task.overdue`); `obliged`, the work whose lead (and support)
 * owe the plan's reports.
 */
export const taskMachine = setup({
  types: {
    context: {} as TaskContext,
    events: {} as MachineEvent,
    tags: {} as 'chased' | 'obliged',
  },
  guards: {
    /** `task.overdue` fires once per deadline in force, at or after its due instant. */
    isDue: ({ context, event }) =>
      event.type === 'task.overdue' &&
      !context.overdue &&
      context.dueAt !== null &&
      event.data.dueAt === context.dueAt &&
      isAtOrAfter(event.recordedAt, context.dueAt),
    isFinalReport: ({ event }) => event.type === 'task.reported' && event.data.final,
    /** A progress report that answers a report request: still possible while a final report awaits review. */
    answersRequest: ({ event }) => event.type === 'task.reported' && !event.data.final && event.data.requestId !== null,
    /** An extension must move the deadline. */
    changesDeadline: ({ context, event }) =>
      event.type === 'task.deadline_extended' && event.data.dueAt !== context.dueAt,
    /** A reassignment must name another lead. */
    changesLead: ({ context, event }) => event.type === 'task.reassigned' && event.data.lead.id !== context.lead?.id,
  },
  actions: {
    add: assign(({ event }) => {
      if (event.type !== 'task.added') return {};
      const { taskId, planId, ref, title, lead, support, deadline, dueAt } = event.data;
      return { taskId, planId, ref, title, lead, support, deadline, dueAt, addedAt: event.recordedAt, updatedAt: event.recordedAt };
    }),
    assignLead: assign(({ event }) => {
      if (event.type !== 'task.assigned') return {};
      const { lead, support, deadline, dueAt } = event.data;
      return { lead, support, deadline, dueAt, overdue: false };
    }),
    recordReport: assign(({ context, event }) => {
      if (event.type !== 'task.reported') return {};
      const { text, final, period, progress, requestId } = event.data;
      const report: TaskReport = {
        at: event.recordedAt,
        by: event.actor,
        text,
        final,
        period,
        progress,
        requestId,
        status: final ? 'submitted' : 'progress',
        reviewNote: null,
      };
      const late = context.dueAt !== null && isAtOrAfter(event.recordedAt, context.dueAt);
      return {
        reports: [...context.reports, report],
        progress: final ? 100 : (progress ?? context.progress),
        pendingOutcome: final ? (late ? 'late' : 'on_time') : context.pendingOutcome,
      };
    }),
    /** Keep a report that answers a request, leaving progress and the pending outcome as they are. */
    recordAnswer: assign(({ context, event }) => {
      if (event.type !== 'task.reported') return {};
      const { text, final, period, progress, requestId } = event.data;
      const report: TaskReport = { at: event.recordedAt, by: event.actor, text, final, period, progress, requestId, status: 'progress', reviewNote: null };
      return { reports: [...context.reports, report] };
    }),
    accept: assign(({ context, event }) => ({
      outcome: context.pendingOutcome,
      overdue: false,
      reports: markLastFinal(context.reports, 'accepted', event.type === 'task.report_accepted' ? event.data.note : null),
    })),
    returnReport: assign(({ context, event }) => ({
      pendingOutcome: null,
      progress: context.progress === 100 ? null : context.progress,
      reports: markLastFinal(context.reports, 'returned', event.type === 'task.report_returned' ? event.data.reason : null),
    })),
    extend: assign(({ event }) => {
      if (event.type !== 'task.deadline_extended') return {};
      return { deadline: event.data.deadline, dueAt: event.data.dueAt, overdue: false };
    }),
    reassign: assign(({ context, event }) => {
      if (event.type !== 'task.reassigned') return {};
      return { lead: event.data.lead, support: event.data.support ?? context.support };
    }),
    markOverdue: assign(({ context }) => ({
      overdue: true,
      overdueEpisodes: [...context.overdueEpisodes, context.dueAt as string],
    })),
    cancel: assign(({ event }) => ({
      cancelReason: event.type === 'task.cancelled' ? event.data.reason : null,
      overdue: false,
    })),
    touch: assign(({ event }) => ({ updatedAt: event.recordedAt })),
  },
}).createMachine({
  id: 'task',
  // Code the guards and actions call besides their own bodies: part of the machine's fingerprint.
  meta: { helpers: { ...machineEventHelpers, markLastFinal } },
  context: emptyTaskContext,
  initial: 'new',
  states: {
    new: {
      on: { 'task.added': { target: 'added', actions: 'add' } },
    },
    added: {
      on: {
        'task.assigned': { target: 'assigned', actions: ['assignLead', 'touch'] },
        'task.cancelled': { target: 'cancelled', actions: ['cancel', 'touch'] },
      },
    },
    assigned: {
      tags: ['chased', 'obliged'],
      on: {
        'task.acknowledged': { target: 'acknowledged', actions: 'touch' },
        'task.reported': [
          { guard: 'isFinalReport', target: 'submitted', actions: ['recordReport', 'touch'] },
          { target: 'in_progress', actions: ['recordReport', 'touch'] },
        ],
        'task.deadline_extended': { guard: 'changesDeadline', actions: ['extend', 'touch'] },
        'task.reassigned': { guard: 'changesLead', target: 'assigned', reenter: true, actions: ['reassign', 'touch'] },
        'task.overdue': { guard: 'isDue', actions: ['markOverdue', 'touch'] },
        'task.cancelled': { target: 'cancelled', actions: ['cancel', 'touch'] },
      },
    },
    acknowledged: {
      tags: ['chased', 'obliged'],
      on: {
        'task.reported': [
          { guard: 'isFinalReport', target: 'submitted', actions: ['recordReport', 'touch'] },
          { target: 'in_progress', actions: ['recordReport', 'touch'] },
        ],
        'task.deadline_extended': { guard: 'changesDeadline', actions: ['extend', 'touch'] },
        'task.reassigned': { guard: 'changesLead', target: 'assigned', actions: ['reassign', 'touch'] },
        'task.overdue': { guard: 'isDue', actions: ['markOverdue', 'touch'] },
        'task.cancelled': { target: 'cancelled', actions: ['cancel', 'touch'] },
      },
    },
    in_progress: {
      tags: ['chased', 'obliged'],
      on: {
        'task.reported': [
          { guard: 'isFinalReport', target: 'submitted', actions: ['recordReport', 'touch'] },
          { actions: ['recordReport', 'touch'] },
        ],
        'task.deadline_extended': { guard: 'changesDeadline', actions: ['extend', 'touch'] },
        'task.reassigned': { guard: 'changesLead', target: 'assigned', actions: ['reassign', 'touch'] },
        'task.overdue': { guard: 'isDue', actions: ['markOverdue', 'touch'] },
        'task.cancelled': { target: 'cancelled', actions: ['cancel', 'touch'] },
      },
    },
    submitted: {
      tags: ['obliged'],
      on: {
        'task.reported': { guard: 'answersRequest', actions: ['recordAnswer', 'touch'] },
        'task.report_accepted': { target: 'completed', actions: ['accept', 'touch'] },
        'task.report_returned': { target: 'in_progress', actions: ['returnReport', 'touch'] },
        'task.cancelled': { target: 'cancelled', actions: ['cancel', 'touch'] },
      },
    },
    completed: { type: 'final' },
    cancelled: { type: 'final' },
  },
});

/** A task's state name, read from the machine's config (`new` … `cancelled`). */
export type TaskState = StateValueFrom<typeof taskMachine> & string;

/** The states a task can be in once added, in the machine's order: all but its initial one (`new`). */
export const taskStates: readonly Exclude<TaskState, 'new'>[] = Object.keys(taskMachine.states).filter(
  (name) => name !== taskMachine.config.initial,
) as Exclude<TaskState, 'new'>[];

/** Task states in which unfinished work may fall overdue (tag `chased`; a submitted report waits on the issuer, not the unit). */
export const chasedTaskStates: ReadonlySet<string> = statesTagged(taskMachine, 'chased');

/** Task states after which nothing happens to the task (the machine's final states: completed, cancelled). */
export const finishedTaskStates: ReadonlySet<string> = new Set(
  Object.entries(taskMachine.states)
    .filter(([, node]) => node.type === 'final')
    .map(([name]) => name),
);

/** Task states whose lead (and support) owe the plan's periodic and requested reports (tag `obliged`). */
export const obligedTaskStates: ReadonlySet<string> = statesTagged(taskMachine, 'obliged');
