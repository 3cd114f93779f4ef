import type { UnitRef } from './primitives.js';

/** NFC-normalise a name and fold runs of white space, as every unit name is stored. */
export function normalizeName(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * The stable id of a unit name: NFC, lower case, đ→d, diacritics dropped, runs of anything else
 * than letters and digits → '-'. "Sở Tư pháp" → "so-tu-phap".
 */
export function unitId(name: string): string {
  return normalizeName(name)
    .toLowerCase()
    .replace(/đ/g, 'd')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A unit reference from a name as written: `{ id: unitId(name), name }`. */
export function unitRef(name: string): UnitRef {
  const normalized = normalizeName(name);
  return { id: unitId(normalized), name: normalized };
}
