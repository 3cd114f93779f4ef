/** Code units below U+0300 are all NFC-stable (none composes or reorders), so such a string is already NFC. */
const BELOW_COMBINING = /^[\u0000-\u02ff]*$/;
/** What `JSON.stringify` escapes in a string: quote, backslash, control characters, surrogates (lone ones). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

const nfc = (text: string) => (BELOW_COMBINING.test(text) ? text : text.normalize('NFC'));
/** `JSON.stringify(text)`, without calling it when nothing needs escaping. */
const quote = (text: string) => (NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`);

/**
 * Canonical JSON for hashing: object keys sorted, strings NFC, numbers in JavaScript's shortest
 * round-trip form, `undefined` members left out (and `undefined` array items written as null).
 * Every event is hashed through it, so it builds one string without intermediate arrays.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return quote(nfc(value));
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
      const keys = Object.keys(record).sort();
      let out = '{';
      for (const key of keys) {
        const member = record[key];
        if (member === undefined) continue;
        out += (out.length === 1 ? '' : ',') + quote(nfc(key)) + ':' + canonicalJson(member);
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode ${typeof value}`);
  }
}
