import type { EventStore, StoredEvent, UnitRef } from '@planlog/core';

type UnitFields = Partial<Record<'issuer' | 'lead' | 'unit', UnitRef | null>> & Partial<Record<'recipients' | 'support' | 'units', UnitRef[]>>;

/**
 * The units a log names, id → the name the log first gives it, in the order the log first names
 * them: issuers, recipients and report-to units of plans, leads and supports of tasks (added,
 * assigned, reassigned), units asked to report and units overdue. One pass over `store.readAll()`.
 */
export async function unitsInLog(store: Pick<EventStore, 'readAll'>): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const add = (unit: UnitRef | null | undefined) => {
    if (unit && !names.has(unit.id)) names.set(unit.id, unit.name);
  };
  for await (const event of store.readAll()) {
    const data = event.data as UnitFields;
    [data.issuer, data.lead, data.unit, ...(data.recipients ?? []), ...(data.support ?? []), ...(data.units ?? [])].forEach(add);
    if (event.type === 'plan.drafted') (event as StoredEvent<'plan.drafted'>).data.reporting.forEach((rule) => add(rule.to));
  }
  return names;
}
