/** NFC, one space for any run of white space, trimmed. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

const MARKS = /\p{M}/u;

const foldedChars = new Map<string, string>();

/** One character folded: lower case, đ→d, diacritics dropped ('' for a bare combining mark). */
function foldChar(char: string): string {
  if (char < '\u0080') return char.toLowerCase();
  let folded = foldedChars.get(char);
  if (folded === undefined) {
    const lower = char.toLowerCase();
    folded = lower === 'đ' ? 'd' : lower.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
    if (foldedChars.size < 4096) foldedChars.set(char, folded);
  }
  return folded;
}

/**
 * A diacritic-free, lower-case form of `text` for tolerant comparison, with `map[i]` the index in
 * `text` of the folded character `i` (and `map[folded.length] = text.length`).
 */
export function foldWithMap(text: string): { folded: string; map: number[] } {
  let folded = '';
  const map: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (MARKS.test(char)) continue;
    const out = foldChar(char);
    for (let k = 0; k < out.length; k++) map.push(index);
    folded += out;
  }
  map.push(text.length);
  return { folded, map };
}

/** Folded form for keys: NFC, lower case, no diacritics, đ→d, punctuation spaced, white space folded. */
export function foldKey(text: string): string {
  return foldWithMap(cleanText(text))
    .folded.replace(/[.,;:()“”"'’]/g, ' ')
    .replace(/\s*[-–—]\s*/g, ' - ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Lower case with diacritics dropped, for keyword tests on running text: one output character per
 * UTF-16 unit of `text`, so an index found in the folded form is an index in `text`.
 */
export function fold(text: string): string {
  // The readers fold the same paragraph many times (once per unit they try): keep the last results.
  const cached = foldCache.get(text);
  if (cached !== undefined) return cached;
  const out = foldUncached(text);
  if (foldCache.size >= 512) foldCache.delete(foldCache.keys().next().value!);
  foldCache.set(text, out);
  return out;
}

const foldCache = new Map<string, string>();

function foldUncached(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    const folded = MARKS.test(char) ? '' : foldChar(char);
    out += folded.length === 1 ? folded : char.toLowerCase().length === 1 ? char.toLowerCase() : '_';
  }
  return out;
}

/** The same name when only the place of a tone mark differs ("Ủy"/"Uỷ", "hóa"/"hoá"); "Tư", "Tự", "Tứ" stay apart. */
export function sameUnitName(a: string, b: string): boolean {
  const shape = (name: string) =>
    name
      .normalize('NFD')
      .toLowerCase()
      .split(/\s+/)
      .map((word) => `${word.replace(/\p{M}/gu, '')}|${[...word.matchAll(/\p{M}/gu)].map((m) => m[0]).sort().join('')}`)
      .join(' ');
  return shape(a) === shape(b);
}
