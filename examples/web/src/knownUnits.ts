import { MAX_PAGE_LIMIT, type Engine, type PlanListItem, type UnitRef } from '@planlog/core';

/** Every plan in the log, page after page. */
export async function allPlans(engine: Engine): Promise<PlanListItem[]> {
  const plans: PlanListItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await engine.listPlans({ limit: MAX_PAGE_LIMIT, ...(cursor ? { cursor } : {}) });
    plans.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return plans;
}

/** The units the log names (issuers, leads, support units), by name: what the sign-in picker offers. */
export async function knownUnits(engine: Engine): Promise<UnitRef[]> {
  const units = new Map<string, UnitRef>();
  const add = (unit: UnitRef | null) => {
    if (unit && !units.has(unit.id)) units.set(unit.id, unit);
  };
  for (const plan of await allPlans(engine)) {
    add(plan.issuer);
    for (const task of await engine.getTasks(plan.planId)) {
      add(task.lead);
      task.support.forEach(add);
    }
  }
  return [...units.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}
