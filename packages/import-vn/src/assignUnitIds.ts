import type { UnitRef } from '@planlog/core';
import { sameUnitName } from './foldText.js';
import type { PlanDraft } from './types.js';
import type { UnitDirectory } from './unitDirectory.js';

/**
 * Is this the name of a unit inside the agency that issues the plan (its office, its divisions, its
 * board, "các phòng chuyên môn thuộc Sở")? Units of other agencies ("Văn phòng UBND tỉnh", "Văn phòng
 * Chính phủ") and province-wide bodies (Sở, UBND, Công an tỉnh) are not.
 */
export function isInternalUnitName(name: string): boolean {
  const text = name.normalize('NFC').trim();
  if (/\b(?:thuộc|trực thuộc) (?:Sở|cơ quan|đơn vị)\b/iu.test(text)) return true;
  if (!/^(?:các |trưởng )?(?:văn phòng|phòng|ban giám đốc|lãnh đạo|giám đốc|chi bộ|tổ)(?=\s|,|$)/iu.test(text)) return false;
  return !/(?:UBND|Ủy ban|Uỷ ban|Chính phủ|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|Quốc hội|HĐND|Hội đồng|Trung ương|Chủ tịch|Bộ |Tổng cục|Cục |Đoàn)/u.test(text);
}

/**
 * Final ids of the units of a draft. An internal unit of the issuing agency gets the issuer's id in
 * front ("so-ngoai-vu/van-phong-so"), so two agencies' plans never share their offices; and two
 * different names never share one id: the second gets a suffix ("phong-tu-phap-2") and a warning.
 */
export function assignUnitIds(plan: PlanDraft, directory: UnitDirectory, warn: (line: number, message: string) => void): void {
  const issuer = plan.issuer;
  const scoped = (unit: UnitRef): UnitRef => {
    if (!issuer || unit.id === issuer.id || unit.id.includes('/')) return unit;
    const entry = directory.lookup(unit.name)?.entry;
    const internal = entry ? entry.internal === true : isInternalUnitName(unit.name);
    return internal ? { id: `${issuer.id}/${unit.id}`, name: unit.name } : unit;
  };
  const owners = new Map<string, string[]>();
  const renamed = new Map<string, string>();
  const unique = (unit: UnitRef, line: number): UnitRef => {
    const key = `${unit.id}\u0000${unit.name}`;
    const known = renamed.get(key);
    if (known) return { id: known, name: unit.name };
    const names = owners.get(unit.id) ?? [];
    if (names.length === 0 || names.some((name) => sameUnitName(name, unit.name))) {
      if (!names.includes(unit.name)) names.push(unit.name);
      owners.set(unit.id, names);
      renamed.set(key, unit.id);
      return unit;
    }
    let n = 2;
    while (owners.has(`${unit.id}-${n}`)) n++;
    const id = `${unit.id}-${n}`;
    owners.set(id, [unit.name]);
    renamed.set(key, id);
    warn(line, `units "${names[0]}" and "${unit.name}" would share the id "${unit.id}": "${unit.name}" gets "${id}"`);
    return { id, name: unit.name };
  };
  const fix = (unit: UnitRef, line: number) => unique(scoped(unit), line);
  if (issuer) plan.issuer = unique(issuer, 0);
  plan.recipients = plan.recipients.map((unit) => fix(unit, 0));
  for (const task of plan.tasks) {
    if (task.lead) task.lead = fix(task.lead, task.line);
    task.support = task.support.map((unit) => fix(unit, task.line));
  }
  plan.reporting = plan.reporting.map((rule) => (rule.to ? { ...rule, to: fix(rule.to, 0) } : rule));
}
