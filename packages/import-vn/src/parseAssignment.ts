import { fold } from './foldText.js';
import { readUnit, readUnitList, type UnitRead } from './parseUnits.js';
import type { UnitDirectory } from './unitDirectory.js';

/** Who an item gives the work to. */
export type Assignment = {
  lead?: UnitRead;
  /** Further units named as leads beside the first ("Phòng A; Trung tâm B phối hợp …"). */
  coLeads: UnitRead[];
  support: UnitRead[];
  /** The item's text without the assignment in brackets ("(Các phòng … thực hiện)"). */
  text: string;
};

export type AssignmentOptions = {
  /** In "Tổ chức thực hiện" the subject of the item is its lead, even after an opening clause. */
  organisation?: boolean;
};

/** "(*Phòng X chủ trì, phối hợp với Y thực hiện*)" at the end of an item. */
const BRACKET = /\(([^()]*)\)\s*([.;,]|\.\/\.)?\s*$/u;

/** After "phối hợp": optional "chặt chẽ", "với", "cùng" before the units. */
const COOPERATE = /ph[oố]i h[oợ]p(?: chặt chẽ)?(?: (?:với|cùng))?\s+/giu;

function supportAfterCooperate(text: string, from: number, directory: UnitDirectory): UnitRead[] {
  const units: UnitRead[] = [];
  COOPERATE.lastIndex = from;
  for (let m = COOPERATE.exec(text); m; m = COOPERATE.exec(text)) {
    units.push(...readUnitList(text, m.index + m[0].length, directory).units);
  }
  return units;
}

/** Units at `at` that are the subject of the clause: followed by a verb, ":" or "chủ trì", not by more text of a name. */
function subjectsAt(text: string, at: number, directory: UnitDirectory): UnitRead[] {
  const list = readUnitList(text, at, directory);
  if (list.units.length === 0) return [];
  const after = text.slice(list.end);
  if (/^\s*(?::|\(|$)/u.test(after) || /^ [\p{Ll}]/u.test(after) || /^,? chủ trì/u.test(after)) return list.units;
  return [];
}

function uniqueUnits(units: UnitRead[], except: UnitRead[] = []): UnitRead[] {
  const seen = new Set(except.map((unit) => unit.unit.id));
  return units.filter((unit) => (seen.has(unit.unit.id) ? false : (seen.add(unit.unit.id), true)));
}

/** Read the lead and support units of an item (design §3.1: "chủ trì", "phối hợp với", a unit at the head). */
export function readAssignment(text: string, directory: UnitDirectory, options: AssignmentOptions = {}): Assignment {
  let body = text;
  let lead: UnitRead | undefined;
  let coLeads: UnitRead[] = [];
  let support: UnitRead[] = [];

  // 1. The assignment in brackets at the end of the item.
  const bracket = BRACKET.exec(text);
  if (bracket && /(thuc hien|chu tri|phoi hop)\s*$|chu tri/.test(fold(bracket[1]!.trim()))) {
    const inner = bracket[1]!.trim();
    const leads = readUnitList(inner, 0, directory, true);
    if (leads.units.length > 0) {
      [lead, ...coLeads] = leads.units;
      support = supportAfterCooperate(inner, leads.end, directory);
      body = `${text.slice(0, bracket.index).trimEnd()}${bracket[2] ?? ''}`;
    }
  }

  // 2. "Giao X chủ trì" / "X chủ trì" / "X: …" at the head of a clause.
  if (!lead) {
    const folded = fold(text);
    const giao = /(?:^|[.;:]\s*)(?:giao|de nghi) (?:cho )?/.exec(folded);
    if (giao) lead = readUnit(text, giao.index + giao[0].length, directory);
  }
  if (!lead) {
    const folded = fold(text);
    for (const m of folded.matchAll(/chu tri/g)) {
      const clauseStart = Math.max(folded.lastIndexOf('.', m.index), folded.lastIndexOf(';', m.index), folded.lastIndexOf(':', m.index)) + 1;
      const unit = readUnit(text, clauseStart, directory);
      if (unit && /^,?\s*$/.test(text.slice(unit.end, m.index))) {
        lead = unit;
        break;
      }
    }
  }
  if (!lead) [lead, ...coLeads] = subjectsAt(text, 0, directory);
  if (!lead && options.organisation) {
    // "Căn cứ …, Trưởng các phòng … triển khai": the subject after an opening clause.
    const clauseEnd = text.search(/[;.](\s|$)/u);
    const first = clauseEnd < 0 ? text : text.slice(0, clauseEnd);
    for (const m of first.matchAll(/, /g)) {
      const units = subjectsAt(first, m.index + 2, directory);
      if (units[0] && (units[0].match !== undefined || /^(các|trưởng các) /iu.test(units[0].written))) {
        [lead, ...coLeads] = units;
        break;
      }
    }
  }

  // 3. Support: "phối hợp (với) …" anywhere, "cùng …" right after the lead.
  const outside = supportAfterCooperate(body, 0, directory);
  if (lead && !bracket?.[1]?.includes(lead.written)) {
    const together = /^ cùng /u.exec(text.slice(lead.end));
    if (together) outside.unshift(...readUnitList(text, lead.end + together[0].length, directory).units);
  }
  support = uniqueUnits([...coLeads, ...support, ...outside], lead ? [lead] : []);
  return { ...(lead ? { lead } : {}), coLeads, support, text: body };
}
