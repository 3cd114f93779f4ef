import { PlanlogError } from '../base/errors.js';
import { EVENT_TYPES, SCHEMA_VERSION, type EventType } from './events.js';

/** Turns the data of one schema version of an event type into the data of the next version. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/** Upcasters by event type and by the version they upcast from: `{ 'task.reported': { 1: v1 → v2 } }`. */
export type UpcasterRegistry = { readonly [T in EventType]?: { readonly [fromVersion: number]: Upcaster } };

export type UpcastOptions = {
  /** Default: `upcasters`, the registry planlog ships. */
  upcasters?: UpcasterRegistry;
  /** The version an event type is read at. Default: `SCHEMA_VERSION` for every type. */
  currentVersion?: (type: EventType) => number;
};

/**
 * The upcasters planlog ships. Empty: every event type is still at its first version. When a type's
 * data changes, add `{ [type]: { [oldVersion]: (data) => newData } }` here and raise that type's
 * current version; old events then keep their stored form (and hash) and are read as the new shape.
 */
export const upcasters: UpcasterRegistry = {};

const knownTypes = new Set<string>(EVENT_TYPES);

/**
 * An event as the current version of its type, upcast step by step (v1 → v2 → … → current).
 * An event already at the current version is returned as is (the same object). Only `data` and
 * `schemaVersion` change: the envelope, `hash` included, is the stored one, so the hash chain is
 * always checked on the stored form, never on the upcast one. An unknown type or a malformed version
 * passes through untouched, for schema validation to name; a version newer than this planlog knows,
 * or one with no upcaster, is refused with `VALIDATION`.
 */
export function upcastEvent<E extends { type: string; schemaVersion: number; data: unknown }>(raw: E, options?: UpcastOptions): E {
  // The common case on every read: an event of today's version, read with the shipped registry.
  if (options === undefined && raw.schemaVersion === SCHEMA_VERSION) return raw;
  options ??= {};
  if (!knownTypes.has(raw.type) || !Number.isInteger(raw.schemaVersion) || raw.schemaVersion < 1) return raw;
  const type = raw.type as EventType;
  const current = (options.currentVersion ?? (() => SCHEMA_VERSION))(type);
  if (raw.schemaVersion === current) return raw;
  if (raw.schemaVersion > current) {
    throw new PlanlogError('VALIDATION', `schemaVersion: ${type} v${raw.schemaVersion} is newer than this planlog reads (v${current})`, {
      field: 'schemaVersion',
      details: { type, schemaVersion: raw.schemaVersion, current },
    });
  }
  const steps = (options.upcasters ?? upcasters)[type] ?? {};
  let data = raw.data as Record<string, unknown>;
  for (let version = raw.schemaVersion; version < current; version++) {
    const step = steps[version];
    if (!step) {
      throw new PlanlogError('VALIDATION', `schemaVersion: no upcaster for ${type} from v${version}`, {
        field: 'schemaVersion',
        details: { type, schemaVersion: version, current },
      });
    }
    data = step(data);
  }
  return { ...raw, schemaVersion: current, data };
}
