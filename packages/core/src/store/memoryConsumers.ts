import { PlanlogError } from '../base/errors.js';
import type { ConsumerCheckpoints, ConsumerLease, ParkedEvent } from './ConsumerCheckpoints.js';

/** Consumer checkpoints kept in memory beside the memory store's log: the lease is in-process (no expiry). */
export function memoryConsumers(ensureOpen: () => void): ConsumerCheckpoints {
  const rows = new Map<string, { position: number; owner: string | null }>();
  const parkedOf = new Map<string, Map<number, ParkedEvent>>();
  const parkedList = (name: string) => parkedOf.get(name) ?? parkedOf.set(name, new Map()).get(name)!;

  return {
    async claim({ name, owner, fromPosition }) {
      ensureOpen();
      const row = rows.get(name) ?? { position: Math.max(0, fromPosition - 1), owner: null };
      if (row.owner !== null && row.owner !== owner) return null;
      row.owner = owner;
      rows.set(name, row);
      const held = () => {
        ensureOpen();
        if (row.owner !== owner) throw new PlanlogError('CONFLICT', `consumer ${name}: the lease was lost`, { field: 'name', details: { consumer: name } });
      };
      const lease: ConsumerLease = {
        position: row.position,
        until: Number.POSITIVE_INFINITY,
        async commit(position, parked) {
          held();
          for (const entry of parked) parkedList(name).set(entry.position, { ...entry });
          row.position = Math.max(row.position, position);
        },
        async renew() {
          held();
        },
        async unpark(position) {
          held();
          parkedList(name).delete(position);
        },
        async release() {
          if (row.owner === owner) row.owner = null;
        },
      };
      return lease;
    },
    async checkpoint(name) {
      ensureOpen();
      return rows.get(name)?.position ?? null;
    },
    async parked(name) {
      ensureOpen();
      return [...(parkedOf.get(name)?.values() ?? [])].sort((a, b) => a.position - b.position).map((entry) => ({ ...entry }));
    },
  };
}
