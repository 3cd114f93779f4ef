import { assign, setup, type StateValueFrom } from 'xstate';
import type { Actor, ReportingRule, UnitRef } from '../schemas/primitives.js';
import { isAtOrAfter, machineEventHelpers, ownEntry, type MachineEvent } from './machineEvent.js';

export type ReportRequest = {
  requestId: string;
  units: UnitRef[];
  subject: string;
  dueAt: string;
  requestedAt: string;
  /** The reporting period of a periodic obligation ("2026-H1"), null for an ad-hoc request. */
  period: string | null;
  /** Units whose report was not received by `dueAt` (one `report.overdue` each). */
  overdueUnits: string[];
};

export type PlanContext = {
  planId: string;
  title: string;
  issuer: UnitRef | null;
  drafter: Actor | null;
  basis: string[];
  objectives: string[];
  requirements: string[];
  reporting: ReportingRule[];
  recipients: UnitRef[];
  timeZone: string;
  /** Time limits ending on a day off move to the end of the next working day (Civil Code Art. 148(5)). */
  workingDays: boolean;
  parentPlanId: string | null;
  number: string | null;
  issuedOn: string | null;
  requests: Record<string, ReportRequest>;
  draftedAt: string | null;
  closedAt: string | null;
  /** The version of the rules (the machines) the plan runs under: named when drafted (1 when a log does not say), raised by `plan.rules_upgraded`. */
  rules: number;
};

export const emptyPlanContext: PlanContext = {
  planId: '',
  title: '',
  issuer: null,
  drafter: null,
  basis: [],
  objectives: [],
  requirements: [],
  reporting: [],
  recipients: [],
  timeZone: 'Asia/Ho_Chi_Minh',
  workingDays: false,
  parentPlanId: null,
  number: null,
  issuedOn: null,
  requests: {},
  draftedAt: null,
  closedAt: null,
  rules: 1,
};

/**
 * The life of a plan (Kế hoạch): draft → issued → closed. Its state tags tell what it allows of its
 * tasks: `accepts-tasks` (tasks may be added) and `running` (tasks may be worked, reviewed and chased).
 * Its context names the rules version the plan runs under (`rules`): which version of the task
 * machine decides its tasks' commands (machines/rulesVersions.ts).
 */
export const planMachine = setup({
  types: {
    context: {} as PlanContext,
    events: {} as MachineEvent,
    tags: {} as 'accepts-tasks' | 'running',
  },
  guards: {
    isNewRequest: ({ context, event }) => event.type === 'report.requested' && ownEntry(context.requests, event.data.requestId) === undefined,
    /** One `report.overdue` per request and unit, at or after the request's due instant. */
    isReportDue: ({ context, event }) => {
      if (event.type !== 'report.overdue') return false;
      const request = ownEntry(context.requests, event.data.requestId);
      return (
        request !== undefined &&
        request.dueAt === event.data.dueAt &&
        request.units.some((unit) => unit.id === event.data.unit.id) &&
        !request.overdueUnits.includes(event.data.unit.id) &&
        isAtOrAfter(event.recordedAt, request.dueAt)
      );
    },
    /** An upgrade starts from the version in force and moves to a later one: rules never go back. */
    isUpgrade: ({ context, event }) => event.type === 'plan.rules_upgraded' && event.data.from === context.rules && event.data.to > context.rules,
  },
  actions: {
    draft: assign(({ event }) => {
      if (event.type !== 'plan.drafted') return {};
      const { planId, title, issuer, basis, objectives, requirements, reporting, recipients, timeZone, workingDays, parentPlanId } = event.data;
      return {
        planId,
        title,
        issuer,
        drafter: event.actor,
        basis,
        objectives,
        requirements,
        reporting,
        recipients,
        timeZone,
        workingDays: workingDays === true,
        parentPlanId,
        draftedAt: event.recordedAt,
        rules: event.data.rules ?? 1,
      };
    }),
    upgradeRules: assign(({ event }) => (event.type === 'plan.rules_upgraded' ? { rules: event.data.to } : {})),
    issue: assign(({ event }) => (event.type === 'plan.issued' ? { number: event.data.number, issuedOn: event.data.issuedOn } : {})),
    close: assign(({ event }) => ({ closedAt: event.recordedAt })),
    request: assign(({ context, event }) => {
      if (event.type !== 'report.requested') return {};
      const { requestId, units, subject, dueAt, period } = event.data;
      return {
        requests: {
          ...context.requests,
          [requestId]: { requestId, units, subject, dueAt, requestedAt: event.recordedAt, period: period ?? null, overdueUnits: [] },
        },
      };
    }),
    markReportOverdue: assign(({ context, event }) => {
      if (event.type !== 'report.overdue') return {};
      const request = ownEntry(context.requests, event.data.requestId)!;
      return {
        requests: {
          ...context.requests,
          [request.requestId]: { ...request, overdueUnits: [...request.overdueUnits, event.data.unit.id] },
        },
      };
    }),
  },
}).createMachine({
  id: 'plan',
  // Code the guards and actions call besides their own bodies: part of the machine's fingerprint.
  meta: { helpers: machineEventHelpers },
  context: emptyPlanContext,
  initial: 'new',
  states: {
    new: {
      on: { 'plan.drafted': { target: 'draft', actions: 'draft' } },
    },
    draft: {
      tags: ['accepts-tasks'],
      on: {
        'plan.issued': { target: 'issued', actions: 'issue' },
        'plan.rules_upgraded': { guard: 'isUpgrade', actions: 'upgradeRules' },
      },
    },
    issued: {
      tags: ['accepts-tasks', 'running'],
      on: {
        'report.requested': { guard: 'isNewRequest', actions: 'request' },
        'report.overdue': { guard: 'isReportDue', actions: 'markReportOverdue' },
        'plan.rules_upgraded': { guard: 'isUpgrade', actions: 'upgradeRules' },
        'plan.closed': { target: 'closed', actions: 'close' },
      },
    },
    closed: { type: 'final' },
  },
});

/** A plan's state name, read from the machine's config (`new`, `draft`, `issued`, `closed`). */
export type PlanState = StateValueFrom<typeof planMachine> & string;

/** The states a plan can be in once drafted, in the machine's order: all but its initial one (`new`). */
export const planStates: readonly Exclude<PlanState, 'new'>[] = Object.keys(planMachine.states).filter(
  (name) => name !== planMachine.config.initial,
) as Exclude<PlanState, 'new'>[];
