/**
 * The capability a store offers durable consumers (`startConsumer`): each consumer name's checkpoint,
 * its parked events, and a lease that lets one consumer instance at a time run a name. The checkpoint
 * lives in the same database as the log (memory: in the store's memory).
 */

/** An event a consumer's handler failed on too many times, set aside with its error; never skipped silently. */
export type ParkedEvent = {
  consumer: string;
  /** The event's global position: its key in the consumer's parked list. */
  position: number;
  eventId: string;
  type: string;
  streamId: string;
  /** The last error the handler threw (`name: message`, at most 2,000 characters). */
  error: string;
  /** How many times the handler was called on it. */
  attempts: number;
  /** When it was (last) parked, by the consumer's clock (ISO instant). */
  parkedAt: string;
};

/** A row of a store's parked-events table (snake_case columns; PostgreSQL gives a bigint as a string). */
export type ParkedRow = { consumer: string; position: number | string; event_id: string; type: string; stream_id: string; error: string; attempts: number; parked_at: string };

/** A parked-events row as the `ParkedEvent` consumers see, the same from every store. */
export function parkedFromRow(row: ParkedRow): ParkedEvent {
  return {
    consumer: row.consumer,
    position: Number(row.position),
    eventId: row.event_id,
    type: row.type,
    streamId: row.stream_id,
    error: row.error,
    attempts: row.attempts,
    parkedAt: row.parked_at,
  };
}

export type ConsumerClaim = {
  name: string;
  /** The claiming instance (unique per `startConsumer` call). */
  owner: string;
  /** Where a consumer that has no checkpoint yet starts: its checkpoint is set to `fromPosition - 1`. */
  fromPosition: number;
  /** The consumer's clock, for a store whose lease expires (SQLite). */
  now: Date;
  /** How long a lease lasts without a renewal, for a store whose lease expires. */
  leaseMs: number;
};

/** A consumer name held by one instance: everything written through it is refused once the lease is lost. */
export interface ConsumerLease {
  /** The position of the last event handled or parked when the lease was taken (0: none). */
  readonly position: number;
  /**
   * When the lease runs out unless renewed (ms since the epoch, by the consumer's clock), moved on by
   * every write through it; Infinity for a lease that does not expire (memory, PostgreSQL). The
   * consumer calls no handler once it has passed: another instance may hold the name by then.
   */
  readonly until: number;
  /**
   * Save the checkpoint (`position`: the last event handled or parked) and the events parked on the
   * way (an entry at a position already parked replaces it), in one transaction; renews the lease.
   * `CONFLICT` when the lease was lost, and nothing is written.
   */
  commit(position: number, parked: readonly ParkedEvent[], now: Date): Promise<void>;
  /** Keep the lease while waiting; `CONFLICT` when it was lost. */
  renew(now: Date): Promise<void>;
  /** Take a parked event off the list (its replay succeeded); `CONFLICT` when the lease was lost. */
  unpark(position: number, now: Date): Promise<void>;
  /** Give the name back to the next claimer. */
  release(): Promise<void>;
}

export interface ConsumerCheckpoints {
  /** Take the lease on a consumer name, or null while another instance holds it. */
  claim(claim: ConsumerClaim): Promise<ConsumerLease | null>;
  /** The name's checkpoint (last position handled or parked), or null for a name never claimed. */
  checkpoint(name: string): Promise<number | null>;
  /** The name's parked events, by position. */
  parked(name: string): Promise<ParkedEvent[]>;
}
