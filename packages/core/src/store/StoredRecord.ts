/**
 * An event as a store holds it, for an audit: the exact bytes kept for it (`eventBytes`, never
 * re-serialised) and the columns kept beside them, as written, not validated.
 */
export type StoredRecord = {
  position: number;
  /** The stream column (an index: must agree with the bytes' `streamId`). */
  streamId: string;
  version: number;
  /** The command-id column (an index: must agree with the bytes' `commandId`). */
  commandId: string;
  bytes: string;
  hash: string;
};

/** A row of a store's command index (`planlog_commands`): the positions a command's events occupy. */
export type CommandIndexEntry = { commandId: string; firstPosition: number; lastPosition: number };
