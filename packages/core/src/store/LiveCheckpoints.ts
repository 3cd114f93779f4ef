/**
 * The engine's live state saved beside the log, so a process starts from it and folds only the log's
 * tail (`LiveFold`). One checkpoint per log (the newest saved). Disposable: a checkpoint whose
 * `fingerprint` (machines and format) is not the running code's, or whose `hash` is not the hash of
 * the log's event at `position`, is ignored and rebuilt by a full fold.
 */
export type LiveCheckpoint = {
  /** The position of the last event folded into `live`. */
  position: number;
  /** The hash of the event at `position`, so a checkpoint of another log (or a rewritten one) is never used. */
  hash: string;
  /** What folded it: the machines' fingerprints and the checkpoint format (`liveCheckpointFingerprint`). */
  fingerprint: string;
  /** The live state, as JSON text. */
  state: string;
};

/** Where a store keeps its one live checkpoint (a table in the log's database; memory for the memory store). */
export interface LiveCheckpoints {
  /** The saved checkpoint, or null. */
  load(): Promise<LiveCheckpoint | null>;
  /** Keep `checkpoint` unless the one saved is further along the log. */
  save(checkpoint: LiveCheckpoint): Promise<void>;
}

/** The memory store's: a checkpoint in memory (what a process restarted on the same store object finds). */
export function memoryLiveCheckpoints(): LiveCheckpoints {
  let saved: LiveCheckpoint | null = null;
  return {
    async load() {
      return saved;
    },
    async save(checkpoint) {
      if (saved === null || checkpoint.position >= saved.position) saved = { ...checkpoint };
    },
  };
}
