/** What `JSON.stringify` escapes in a string: quote, backslash, control characters, surrogates (lone ones). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
/**
 * A string in canonical form: `JSON.stringify`'s quoting, without calling it where nothing is escaped.
 * Strings are written as they are, not normalised: a text is stored exactly as it was sent (design
 * §3.2), so an NFD title stays NFD (unit names are NFC because their schema makes them so).
 */
const quote = (text: string) => (NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`);

/**
 * Keys written before: an event has a few dozen distinct keys, each met on every event. Bounded in
 * count and in key length, and emptied when full, so a file with many odd keys (an import) neither
 * holds memory nor keeps the event keys out.
 */
const quotedKeys = new Map<string, string>();
const QUOTED_KEYS_MAX = 1_000;
const CACHED_KEY_LENGTH_MAX = 64;
function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = `${quote(key)}:`;
    if (key.length <= CACHED_KEY_LENGTH_MAX) {
      if (quotedKeys.size >= QUOTED_KEYS_MAX) quotedKeys.clear();
      quotedKeys.set(key, quoted);
    }
  }
  return quoted;
}

/**
 * An object's keys, sorted. Objects of one shape come again and again (every event of a type), so
 * the sorted order of the last few key lists is kept, found again by comparing the lists.
 */
const sortedLists: { keys: string[]; sorted: string[] }[] = [];
const SORTED_LISTS_MAX = 32;
/** Longer lists (not an event's) are sorted each time, not kept. */
const SORTED_LIST_LENGTH_MAX = 64;
function sortedKeys(record: object): string[] {
  const keys = Object.keys(record);
  let sorted = true;
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      sorted = false;
      break;
    }
  }
  if (sorted) return keys;
  search: for (const known of sortedLists) {
    if (known.keys.length !== keys.length) continue;
    for (let i = 0; i < keys.length; i++) if (known.keys[i] !== keys[i]) continue search;
    return known.sorted;
  }
  const result = [...keys].sort();
  if (keys.length > SORTED_LIST_LENGTH_MAX) return result;
  if (sortedLists.length >= SORTED_LISTS_MAX) sortedLists.shift();
  sortedLists.push({ keys, sorted: result });
  return result;
}

/**
 * Canonical JSON for hashing: object keys sorted, strings as they are (not normalised), numbers in
 * JavaScript's shortest round-trip form, `undefined` members left out (and `undefined` array items
 * written as null). Every event is hashed through it, so it builds one string without intermediate
 * arrays, and writes as they are the strings that quoting leaves unchanged.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          out += (i === 0 ? '' : ',') + canonicalJson(item === undefined ? null : item);
        }
        return `${out}]`;
      }
      const record = value as Record<string, unknown>;
      let out = '{';
      for (const key of sortedKeys(record)) {
        const member = record[key];
        if (member === undefined) continue;
        out += (out.length === 1 ? '' : ',') + quoteKey(key) + canonicalJson(member);
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode ${typeof value}`);
  }
}
