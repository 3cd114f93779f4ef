import type { UnitRef } from '@planlog/core';
import { sameUnitName } from './foldText.js';
import type { PlanDraft } from './types.js';

/**
 * A unit of a draft whose id the log already gives another name: it was given `unit.id` instead of
 * `taken.id`, the id the log holds for `taken.name`. `line` is the first task line naming the unit.
 */
export type UnitIdWarning = { line?: number; message: string; unit: UnitRef; taken: UnitRef };

/**
 * The draft with every unit whose id the log (`inLog`: id → the name the log first gives it) holds
 * under a different name moved to a suffixed id: the one the log already holds for that name
 * (`phong-tu-phap-2`, first in the log's order), else the next suffix neither the log nor the draft
 * uses. Names compare as the importer compares them (`sameUnitName`: NFC, tone-mark placement
 * ignored); the same name keeps its id. Every occurrence of a unit gets the same id, so a re-run on
 * the log the first run wrote gives the same ids. When the issuer moves, the units scoped to it
 * (`ubnd-tinh/phong-tu-phap`) move with it (`ubnd-tinh-2/phong-tu-phap`).
 */
export function unitIdsForLog(draft: PlanDraft, inLog: ReadonlyMap<string, string>): { draft: PlanDraft; warnings: UnitIdWarning[] } {
  const owners = new Map(inLog);
  const keyOf = (unit: UnitRef) => `${unit.id}\u0000${unit.name}`;
  const given = new Map<string, string>();
  const warnings: UnitIdWarning[] = [];
  let inDraft = idsOf(draft, (unit) => unit);
  let firstLine = new Map<string, number>();
  const withFreeId = (unit: UnitRef): UnitRef => {
    const key = keyOf(unit);
    let id = given.get(key);
    if (id === undefined) {
      id = unit.id;
      const owner = owners.get(unit.id);
      if (owner !== undefined && !sameUnitName(owner, unit.name)) {
        const prefix = `${unit.id}-`;
        const earlier = [...owners].find(([other, name]) => other.startsWith(prefix) && /^\d+$/.test(other.slice(prefix.length)) && sameUnitName(name, unit.name));
        if (earlier) id = earlier[0];
        else {
          let n = 2;
          while (owners.has(`${prefix}${n}`) || inDraft.has(`${prefix}${n}`)) n++;
          id = `${prefix}${n}`;
          owners.set(id, unit.name);
        }
        const line = firstLine.get(key);
        warnings.push({
          ...(line !== undefined ? { line } : {}),
          message: `units "${owner}" (in the log) and "${unit.name}" would share the id "${unit.id}": "${unit.name}" gets "${id}"`,
          unit: { id, name: unit.name },
          taken: { id: unit.id, name: owner },
        });
      }
      given.set(key, id);
    }
    return id === unit.id ? unit : { id, name: unit.name };
  };
  const issuer = draft.issuer && withFreeId(draft.issuer);
  // The issuing agency's own units ("ubnd-tinh/van-phong") follow it to its new id ("ubnd-tinh-2/van-phong").
  const scope =
    draft.issuer && issuer && issuer.id !== draft.issuer.id
      ? (unit: UnitRef): UnitRef => (unit.id.startsWith(`${draft.issuer!.id}/`) ? { id: issuer.id + unit.id.slice(draft.issuer!.id.length), name: unit.name } : unit)
      : (unit: UnitRef) => unit;
  inDraft = idsOf(draft, scope);
  firstLine = new Map();
  for (const task of draft.tasks) {
    for (const unit of [task.lead, ...task.support]) if (unit && !firstLine.has(keyOf(scope(unit)))) firstLine.set(keyOf(scope(unit)), task.line);
  }
  const place = (unit: UnitRef) => withFreeId(scope(unit));
  const recipients = draft.recipients.map(place);
  const reporting = draft.reporting.map((rule) => (rule.to ? { ...rule, to: place(rule.to) } : rule));
  const tasks = draft.tasks.map((task) => ({ ...task, ...(task.lead ? { lead: place(task.lead) } : {}), support: task.support.map(place) }));
  return { draft: { ...draft, ...(issuer ? { issuer } : {}), recipients, reporting, tasks }, warnings };
}

/** The unit ids a draft names, each as `scope` places it. */
function idsOf(draft: PlanDraft, scope: (unit: UnitRef) => UnitRef): Set<string> {
  const units = [...draft.recipients, ...draft.reporting.map((rule) => rule.to), ...draft.tasks.flatMap((task) => [task.lead, ...task.support])];
  const ids = new Set(draft.issuer ? [draft.issuer.id] : []);
  for (const unit of units) if (unit) ids.add(scope(unit).id);
  return ids;
}
