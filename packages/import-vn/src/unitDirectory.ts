import { unitId, type UnitRef } from '@planlog/core';
import { defaultUnits } from './defaultUnits.js';
import { editDistance } from './editDistance.js';
import { cleanText, foldWithMap, sameUnitName } from './foldText.js';

/** A unit the directory knows: canonical name, other spellings, document-symbol codes. */
export type UnitEntry = {
  name: string;
  /** Stable id; defaults to `unitId(name)`. */
  id?: string;
  aliases?: readonly string[];
  /** Codes used after "KH-" in a document symbol ("SNgV" in "Số: 12/KH-SNgV"). */
  symbols?: readonly string[];
  /** A collective phrase standing for several units ("các sở, ban, ngành"). */
  group?: boolean;
  /**
   * A unit inside the agency that issues a plan (its office, a division, "các phòng chuyên môn"): in an
   * import its id gets the issuer's id in front, so two agencies' offices stay apart.
   */
  internal?: boolean;
};

/** How a name matched: same letters, same letters but other diacritics, or a small misspelling. */
export type MatchKind = 'exact' | 'folded' | 'fuzzy';

export type UnitMatch = { unit: UnitRef; entry: UnitEntry; match: MatchKind; written: string };

export type UnitDirectory = {
  /** The unit a whole name stands for, if known. */
  lookup(name: string): UnitMatch | undefined;
  /** The longest known unit written at `text[start…]`, ending at a word boundary; `end` is its end in `text`. */
  matchAt(text: string, start?: number): (UnitMatch & { end: number }) | undefined;
  /** The unit whose document-symbol code is `code` ("SNgV"). */
  bySymbol(code: string): UnitRef | undefined;
  /** The unit for `name`: the known one, or a new ref `{ id: unitId(name), name }`. */
  resolve(name: string): { unit: UnitRef; known: UnitMatch | undefined };
  /** A new directory with these units added (later entries win on a shared spelling). */
  extend(extra: readonly UnitEntry[]): UnitDirectory;
  readonly entries: readonly UnitEntry[];
  /** Entries whose names would have derived one id: each later one got a suffix ("phong-tu-phap-2"). */
  readonly collisions: readonly string[];
};

/** Normalised comparison form: folded or not, punctuation and dashes as spaces, one space per run. */
function normalizeForMatch(text: string, strip: boolean): { s: string; map: number[] } {
  const base = strip ? foldWithMap(text) : { folded: text.toLowerCase(), map: Array.from({ length: text.length + 1 }, (_, i) => i) };
  let s = '';
  const map: number[] = [];
  for (let i = 0; i < base.folded.length; i++) {
    let char = base.folded[i]!;
    if (/[\s.,;:()“”"'‘’\-–—/]/.test(char)) char = ' ';
    if (char === ' ' && (s.length === 0 || s.endsWith(' '))) continue;
    s += char;
    map.push(base.map[i] ?? i);
  }
  map.push(base.map[base.folded.length] ?? text.length);
  return { s, map };
}

const key = (text: string, strip = true) => normalizeForMatch(cleanText(text), strip).s.trim();

type Spelling = { key: string; exact: Set<string>; entry: UnitEntry };

/** `unitId(name)`, or for a name with no Latin letter or digit ("ı", "…") an id spelled from its code points. */
export function idOfName(name: string): string {
  return unitId(name) || `unit-${[...name].map((char) => char.codePointAt(0)!.toString(16)).join('-')}`;
}

/** The ids of the entries: their own, or derived from the name with a suffix when another name derived it first. */
function entryIds(entries: readonly UnitEntry[]): { ids: Map<UnitEntry, string>; collisions: string[] } {
  const ids = new Map<UnitEntry, string>();
  const names = new Map<string, string>();
  const collisions: string[] = [];
  for (const entry of entries) {
    const name = cleanText(entry.name);
    let id = entry.id ?? idOfName(name);
    const owner = names.get(id);
    if (entry.id === undefined && owner !== undefined && !sameUnitName(owner, name)) {
      let n = 2;
      while (names.has(`${id}-${n}`)) n++;
      collisions.push(`units "${owner}" and "${name}" would share the id "${id}": "${name}" gets "${id}-${n}"`);
      id = `${id}-${n}`;
    }
    if (!names.has(id)) names.set(id, name);
    ids.set(entry, id);
  }
  return { ids, collisions };
}

function fuzzLimit(length: number): number {
  return length >= 20 ? 2 : length >= 8 ? 1 : 0;
}

/** A unit directory over the default units plus `extra` (which win on a shared spelling). */
export function createUnitDirectory(extra: readonly UnitEntry[] = [], base: readonly UnitEntry[] = defaultUnits): UnitDirectory {
  const entries = [...base, ...extra];
  const { ids, collisions } = entryIds(entries);
  const refOf = (entry: UnitEntry): UnitRef => ({ id: ids.get(entry) ?? entry.id ?? idOfName(cleanText(entry.name)), name: cleanText(entry.name) });
  const byKey = new Map<string, Spelling>();
  // The same letters with other marks can be another unit ("Phòng Tư pháp", "Phòng Tự pháp"): the exact spelling wins.
  const byExact = new Map<string, Spelling>();
  const bySymbolCode = new Map<string, UnitEntry>();
  for (const entry of entries) {
    for (const spelling of [entry.name, ...(entry.aliases ?? [])]) {
      byExact.set(key(spelling, false), { key: key(spelling), exact: new Set([key(spelling, false)]), entry });
      // Spellings that differ only in where a tone mark sits ("Ủy"/"Uỷ", "hóa"/"hoá") share a key: each is exact.
      const known = byKey.get(key(spelling));
      if (known && known.entry === entry) known.exact.add(key(spelling, false));
      else byKey.set(key(spelling), { key: key(spelling), exact: new Set([key(spelling, false)]), entry });
    }
    for (const code of entry.symbols ?? []) bySymbolCode.set(key(code), entry);
  }
  const spellings = [...byKey.values()].sort((a, b) => b.key.length - a.key.length);
  // Spellings by their first three letters (fewer for shorter ones), longest first: a match, exact or
  // fuzzy, shares them with the text.
  const byStart = new Map<string, Spelling[]>();
  for (const spelling of spellings) {
    const start = spelling.key.slice(0, 3);
    if (!byStart.has(start)) byStart.set(start, []);
    byStart.get(start)!.push(spelling);
  }
  const longest = spellings[0]?.key.length ?? 0;

  function kindOf(written: string, spelling: Spelling, distance: number): MatchKind {
    if (distance > 0) return 'fuzzy';
    return spelling.exact.has(key(written, false)) ? 'exact' : 'folded';
  }

  const lookups = new Map<string, UnitMatch | undefined>();
  const matches = new Map<string, Map<number, (UnitMatch & { end: number }) | undefined>>();

  function lookupUncached(name: string): UnitMatch | undefined {
      const k = key(name);
      if (k.length === 0) return undefined;
      const found = byExact.get(key(name, false)) ?? byKey.get(k);
      if (found) return { unit: refOf(found.entry), entry: found.entry, match: kindOf(name, found, 0), written: cleanText(name) };
      const limit = fuzzLimit(k.length);
      if (limit === 0) return undefined;
      let best: { spelling: Spelling; distance: number } | undefined;
      let tie = false;
      const head = k.split(' ')[0];
      for (const spelling of spellings) {
        // A misspelling is tolerated, another kind of body is not: "Bộ …" is never read as "Sở …".
        if (spelling.key.split(' ')[0] !== head) continue;
        const distance = editDistance(k, spelling.key, limit);
        if (distance > limit) continue;
        if (!best || distance < best.distance) {
          best = { spelling, distance };
          tie = false;
        } else if (distance === best.distance && best.spelling.entry !== spelling.entry) tie = true;
      }
      if (!best || tie) return undefined;
      return { unit: refOf(best.spelling.entry), entry: best.spelling.entry, match: 'fuzzy', written: cleanText(name) };
  }

  function matchAtUncached(text: string, start: number): (UnitMatch & { end: number }) | undefined {
      // Only the next few words can hold a name: the longest spelling, misspelt, with punctuation around.
      const { s, map } = normalizeForMatch(text.slice(start, start + 2 * longest + 24), true);
      const lead = s.startsWith(' ') ? 1 : 0;
      const rest = s.slice(lead);
      const boundary = (length: number) => length === rest.length || rest[length] === ' ';
      const endAt = (length: number) => start + map[lead + length - 1]! + 1;
      let best: { spelling: Spelling; length: number; distance: number } | undefined;
      const candidates = [3, 2, 1].flatMap((n) => (rest.length >= n ? (byStart.get(rest.slice(0, n)) ?? []).filter((spelling) => spelling.key.length >= n && (n === 3 || spelling.key.length === n)) : []));
      candidates.sort((a, b) => b.key.length - a.key.length);
      for (const spelling of candidates) {
        const length = spelling.key.length;
        if (best && length + 2 < best.length) break;
        if (rest.startsWith(spelling.key) && boundary(length)) {
          if (!best || length > best.length || (length === best.length && best.distance > 0)) best = { spelling, length, distance: 0 };
          continue;
        }
        const limit = fuzzLimit(length);
        if (limit === 0 || (best && best.distance === 0 && best.length >= length)) continue;
        for (let candidate = length - limit; candidate <= length + limit; candidate++) {
          if (candidate <= 0 || candidate > rest.length || !boundary(candidate)) continue;
          // The first letters must agree: a misspelling is tolerated, a different unit is not.
          if (rest.slice(0, 3) !== spelling.key.slice(0, 3)) break;
          const distance = editDistance(rest.slice(0, candidate), spelling.key, limit);
          if (distance <= limit && (!best || (best.distance > 0 && distance < best.distance) || (best.distance > 0 && candidate > best.length))) {
            best = { spelling, length: candidate, distance };
          }
        }
      }
      if (!best) return undefined;
      const end = endAt(best.length);
      const written = cleanText(text.slice(start, end));
      const exact = best.distance === 0 ? byExact.get(key(written, false)) : undefined;
      if (exact && exact.key === best.spelling.key) best.spelling = exact;
      return { unit: refOf(best.spelling.entry), entry: best.spelling.entry, match: kindOf(written, best.spelling, best.distance), written, end };
    }

  const directory: UnitDirectory = {
    entries,
    collisions,
    lookup(name) {
      if (lookups.has(name)) return lookups.get(name);
      const found = lookupUncached(name);
      if (lookups.size >= 4096) lookups.clear();
      lookups.set(name, found);
      return found;
    },
    matchAt(text, start = 0) {
      // The readers try the same positions of a paragraph several times: keep the answers for the last paragraphs.
      let answers = matches.get(text);
      if (!answers) {
        if (matches.size >= 64) matches.delete(matches.keys().next().value!);
        answers = new Map();
        matches.set(text, answers);
      }
      if (answers.has(start)) return answers.get(start);
      const found = matchAtUncached(text, start);
      answers.set(start, found);
      return found;
    },
    bySymbol(code) {
      const entry = bySymbolCode.get(key(code));
      return entry && refOf(entry);
    },
    resolve(name) {
      const known = directory.lookup(name);
      if (known) return { unit: known.unit, known };
      const written = cleanText(name);
      return { unit: { id: idOfName(written), name: written }, known: undefined };
    },
    extend(more) {
      return createUnitDirectory([...extra, ...more], base);
    },
  };
  return directory;
}

/** The directory of `defaultUnits`. */
export const defaultUnitDirectory: UnitDirectory = createUnitDirectory();
