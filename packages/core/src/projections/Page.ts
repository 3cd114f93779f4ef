import { PlanlogError } from '../base/errors.js';
import { uncleanTextReason } from '../schemas/primitives.js';
import { sha256 } from '../store/hashEvent.js';
import { optionsArgument } from '../store/storeArguments.js';

/** One page of a query's results; `nextCursor` asks for the next page, `null` on the last one. */
export type Page<T> = { items: T[]; nextCursor: string | null };

/** How much of a query to return: `limit` 1..500 (default 50), and where to go on (`nextCursor` of the page before). */
export type PageOptions = { limit?: number; cursor?: string };

/** A value of a sort key, as a cursor carries it. */
export type CursorValue = string | number;

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 500;
/** Longer than any cursor planlog writes (a few ids of bounded length); anything longer is refused unread. */
const MAX_CURSOR_LENGTH = 16_384;

/** A check on a cursor's content, so that an edited cursor is refused rather than read (an integrity check, not a secret). */
const checkOf = (payload: string) => sha256(`planlog cursor\n${payload}`).slice(0, 16);

function refuse(field: string, message: string): PlanlogError {
  return new PlanlogError('VALIDATION', `${field}: ${message}`, { field });
}

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
  } catch {
    return null;
  }
}

/**
 * A keyset cursor: base64url of `[query, key…, check]`, where `query` names the query and its
 * filters, the key is the sort key of the last item returned, and `check` is a hash of the two. The
 * next page starts strictly after that key, so rows added or removed between pages never shift it
 * (as an offset would).
 */
export function encodeCursor(query: string, key: readonly CursorValue[]): string {
  const content = [query, ...key];
  return toBase64Url(JSON.stringify([...content, checkOf(JSON.stringify(content))]));
}

/**
 * The key a cursor carries, checked: it must decode, name the same query and filters, and hold
 * `shape` (a type per key value). Anything else is VALIDATION on `cursor`, never an exception from
 * inside and never a value that reaches a store unchecked.
 */
export function decodeCursor(cursor: unknown, query: string, shape: readonly ('string' | 'number')[]): CursorValue[] {
  if (typeof cursor !== 'string') throw refuse('cursor', 'must be a string returned as nextCursor');
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH) throw refuse('cursor', 'is not a cursor of this query');
  const text = fromBase64Url(cursor);
  let parsed: unknown;
  try {
    parsed = text === null ? null : JSON.parse(text);
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || parsed[0] !== query || parsed.length !== shape.length + 2) {
    throw refuse('cursor', 'is not a cursor of this query (it was changed, or given with other filters)');
  }
  const content = parsed.slice(0, -1) as unknown[];
  if (parsed.at(-1) !== checkOf(JSON.stringify(content))) throw refuse('cursor', 'is not a cursor of this query (it was changed)');
  const key = content.slice(1);
  key.forEach((value, i) => {
    const ok = shape[i] === 'number' ? typeof value === 'number' && Number.isFinite(value) : typeof value === 'string' && uncleanTextReason(value) === null;
    if (!ok) throw refuse('cursor', 'is not a cursor of this query (its key is malformed)');
  });
  return key as CursorValue[];
}

/**
 * The options of a paged query, checked: an object whose keys are `limit`, `cursor` and the query's
 * `filters` (an unknown key is VALIDATION naming it), with `limit` a whole number 1..500.
 */
export function pageArguments<F extends string>(
  options: unknown,
  filters: readonly F[],
): { limit: number; cursor: string | undefined; given: Partial<Record<F, unknown>> } {
  const checked = optionsArgument(options as object | undefined) as Record<string, unknown>;
  const given: Partial<Record<F, unknown>> = {};
  for (const [name, value] of Object.entries(checked)) {
    if (name === 'limit' || name === 'cursor') continue;
    if (!(filters as readonly string[]).includes(name)) {
      throw refuse(name, `is not an option of this query (its options: ${['limit', 'cursor', ...filters].join(', ')})`);
    }
    if (value !== undefined) given[name as F] = value;
  }
  const { limit = DEFAULT_PAGE_LIMIT, cursor } = checked;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw refuse('limit', `must be a whole number from 1 to ${MAX_PAGE_LIMIT}`);
  }
  if (cursor !== undefined && typeof cursor !== 'string') throw refuse('cursor', 'must be a string returned as nextCursor');
  return { limit, cursor, given };
}

/**
 * A page from `limit + 1` items read in order: the first `limit`, and a cursor after the last of them
 * when there was one more.
 */
export function pageOf<R, T>(read: readonly R[], limit: number, query: string, keyOf: (item: R) => CursorValue[], toItem: (item: R) => T): Page<T> {
  const rows = read.slice(0, limit);
  const last = rows.at(-1);
  return { items: rows.map(toItem), nextCursor: read.length > limit && last !== undefined ? encodeCursor(query, keyOf(last)) : null };
}
