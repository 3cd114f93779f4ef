/**
 * A stream's folded state at one version, kept beside the log so that loading a long-lived stream
 * reads only the events after it. `fingerprint` is `machineFingerprint` of the machine that folded
 * it: a snapshot whose fingerprint is not the current machine's is ignored, never used.
 */
export type StreamSnapshot = {
  streamId: string;
  /** The stream version the state is at (the version of the last event folded). */
  version: number;
  /** The global position of that event. */
  position: number;
  machine: 'task' | 'plan';
  fingerprint: string;
  machineState: { value: string; context: unknown };
  /** A plan's tasks, when the writer knows them (they come from other streams; `loadStream` does not write them). */
  taskIds?: string[];
};

/**
 * Where snapshots live: one per stream (the newest). `save` keeps the snapshot with the higher
 * version (the one saved last on a tie), so racing writers never move a stream's snapshot back.
 */
export interface SnapshotStore {
  save(snapshot: StreamSnapshot): Promise<void>;
  /** The stream's snapshot, or null when it has none. */
  load(streamId: string): Promise<StreamSnapshot | null>;
}
