import { PlanlogError } from '@planlog/core';
import type { Lang } from './lang.js';

/** A unit as given on the command line. */
export type UnitInput = { id?: string; name: string };

/**
 * `--lead "Phòng Tư pháp"` (its id derived from the name, as everywhere in planlog) or
 * `--lead phong-tu-phap="Phòng Tư pháp"` (the id given). An empty name is VALIDATION naming the option.
 */
export function parseUnit(value: string, option: string, lang: Lang): UnitInput {
  const match = /^([A-Za-z0-9][\w.-]*)=(.*)$/s.exec(value);
  const unit = match ? { id: match[1]!, name: match[2]!.trim() } : { name: value.trim() };
  if (unit.name === '') {
    const message = lang === 'vi' ? `${option}: thiếu tên đơn vị ("Tên đơn vị" hoặc ma-don-vi="Tên đơn vị")` : `${option}: no unit name (give "Unit name" or unit-id="Unit name")`;
    throw new PlanlogError('VALIDATION', message, { field: option.replace(/^--/, '') });
  }
  return unit;
}

/** A repeatable unit option: commander collects each value through this. */
export const collectUnits = (value: string, previous: string[] = []): string[] => [...previous, value];
