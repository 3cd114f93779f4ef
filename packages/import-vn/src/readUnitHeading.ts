import { cleanText } from './foldText.js';
import { readUnit, readUnitList, type UnitRead } from './parseUnits.js';
import type { UnitDirectory } from './unitDirectory.js';

/**
 * The units a heading names when the heading is nothing but units ("3. Sở Công Thương",
 * "6. Đề nghị: Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh", "9. Ủy ban nhân dân xã, phường",
 * "12. Ủy ban nhân dân các xã: An Bình, Tân Phú"): the items under it are theirs. Empty when the
 * heading says anything else.
 */
export function readUnitHeading(text: string, directory: UnitDirectory): UnitRead[] {
  const body = cleanText(text.replace(/^đề nghị\s*:?\s*/iu, '').replace(/\s*\([^()]*\)/gu, '').replace(/[\s:.;]+$/u, ''));
  if (body.length === 0 || body.split(' ').length > 30) return [];
  // A unit followed by the names of the places it covers: one unit, named by the whole heading.
  const places = /^(.+?\b(?:xã|phường|huyện|đặc khu|thị trấn|tỉnh|thành phố))\s*:\s*(\p{Lu}.*)$/u.exec(body);
  if (places && readUnit(places[1]!, 0, directory)) return [whole(body, directory)];
  const units: UnitRead[] = [];
  for (const raw of body.split(';')) {
    const piece = raw.trim();
    const list = readUnitList(piece, 0, directory);
    const rest = piece.slice(list.end);
    if (list.units.length > 0 && /^[\s,.]*(?:(?:có )?liên quan)?$/u.test(rest)) {
      units.push(...list.units);
      continue;
    }
    // "Ủy ban nhân dân xã, phường": a unit, then only lower-case words of a name.
    if (list.units.length > 0 && /^(?:,?\s+(?:và\s+)?[\p{Ll}][\p{Ll}\s]*)+$/u.test(rest)) {
      units.push(whole(piece, directory));
      continue;
    }
    return [];
  }
  return units;
}

function whole(text: string, directory: UnitDirectory): UnitRead {
  const found = directory.lookup(text);
  if (found) return { unit: found.unit, written: text, end: text.length, match: found.match };
  const { unit } = directory.resolve(text.charAt(0).toUpperCase() + text.slice(1));
  return { unit, written: text, end: text.length, match: undefined };
}
