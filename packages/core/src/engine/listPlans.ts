import { PlanlogError } from '../base/errors.js';
import { planStates } from '../machines/planMachine.js';
import { decodeCursor, pageArguments, pageOf, type Page, type PageOptions } from '../projections/Page.js';
import { compareCodePoints } from '../projections/RowQuery.js';
import type { UnitRef } from '../schemas/primitives.js';
import { idArgument } from '../store/storeArguments.js';
import type { PlanEntry } from '../state/LiveState.js';
import type { PlanView } from '../state/views.js';

/** A plan in a list: what `engine.listPlans` returns for each (the whole plan is `getPlan`). */
export type PlanListItem = {
  planId: string;
  title: string;
  number: string | null;
  state: PlanView['state'];
  issuer: UnitRef | null;
  issuedOn: string | null;
  taskCount: number;
  /** When the plan was drafted (ISO), or null for a log that does not say. */
  draftedAt: string | null;
};

export type ListPlansOptions = PageOptions & { state?: PlanView['state']; issuerId?: string };

const PLAN_STATES: readonly PlanView['state'][] = planStates;

function toPlanListItem(entry: PlanEntry): PlanListItem {
  const { context } = entry.machineState;
  return {
    planId: context.planId,
    title: context.title,
    number: context.number,
    state: entry.machineState.value as PlanView['state'],
    issuer: context.issuer,
    issuedOn: context.issuedOn,
    taskCount: entry.taskIds.length,
    draftedAt: context.draftedAt,
  };
}

/** `listPlans`'s options, checked (before anything is read): filters, limit, and the cursor's key. */
export type ListPlansQuery = { state?: unknown; issuerId?: unknown; limit: number; after: string | null; query: string };

export function listPlansArguments(options: ListPlansOptions | undefined): ListPlansQuery {
  const { limit, cursor, given } = pageArguments(options, ['state', 'issuerId']);
  const { state, issuerId } = given;
  if (state !== undefined && !PLAN_STATES.includes(state as PlanView['state'])) {
    throw new PlanlogError('VALIDATION', `state: must be one of ${PLAN_STATES.join(', ')}`, { field: 'state' });
  }
  if (issuerId !== undefined) idArgument(issuerId, 'issuerId');
  const query = `plans:${JSON.stringify([state ?? null, issuerId ?? null])}`;
  const after = cursor === undefined ? null : (decodeCursor(cursor, query, ['string'])[0] as string);
  return { state, issuerId, limit, after, query };
}

/**
 * One page of the plans the log holds, by plan id (code-point order): every plan, or those in a
 * state, or issued by a unit. Read from the engine's live state, so no read model is needed.
 */
export function listPlansOf(plans: ReadonlyMap<string, PlanEntry>, { state, issuerId, limit, after, query }: ListPlansQuery): Page<PlanListItem> {
  const chosen: PlanEntry[] = [];
  for (const [planId, entry] of plans) {
    if (after !== null && compareCodePoints(planId, after) <= 0) continue;
    if (state !== undefined && entry.machineState.value !== state) continue;
    if (issuerId !== undefined && entry.machineState.context.issuer?.id !== issuerId) continue;
    chosen.push(entry);
  }
  chosen.sort((a, b) => compareCodePoints(a.machineState.context.planId, b.machineState.context.planId));
  return pageOf(chosen.slice(0, limit + 1), limit, query, (entry) => [entry.machineState.context.planId], toPlanListItem);
}
