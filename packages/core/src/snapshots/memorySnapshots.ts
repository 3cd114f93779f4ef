import type { SnapshotStore, StreamSnapshot } from './SnapshotStore.js';

/**
 * Snapshots in memory (the reference `SnapshotStore`). Each snapshot is kept as a JSON copy, so
 * callers share no objects with it and it behaves as a database-backed store does.
 */
export function memorySnapshots(): SnapshotStore {
  const byStream = new Map<string, string>();
  return {
    async save(snapshot) {
      const current = byStream.get(snapshot.streamId);
      if (current !== undefined && (JSON.parse(current) as StreamSnapshot).version > snapshot.version) return;
      byStream.set(snapshot.streamId, JSON.stringify(snapshot));
    },
    async load(streamId) {
      const json = byStream.get(streamId);
      return json === undefined ? null : (JSON.parse(json) as StreamSnapshot);
    },
  };
}
