import type { Projection, Row, RowChange } from './Projection.js';
import type { RowQuery } from './RowQuery.js';

/** One projection's share of a batch: its row changes and the position it has then seen. */
export type ProjectionBatch = { projection: string; changes: RowChange[]; checkpoint: number };

export type ProjectionStatus = { projection: string; version: number; checkpoint: number; error: { position: number; message: string } | null };

/**
 * Where read models live (memory, SQLite, PostgreSQL). An adapter applies each batch's row changes
 * and checkpoints in one transaction, so a crash never loses or doubles an event.
 */
export interface ReadModels {
  /** Create the projections' tables if needed; a projection whose stored version differs is reset. */
  prepare(projections: readonly Projection[]): Promise<void>;
  /** Apply row changes and move checkpoints, atomically; clears each projection's recorded error. */
  apply(batches: readonly ProjectionBatch[]): Promise<void>;
  /** Record that a projection failed at a position (its checkpoint stays before it). */
  recordError(projection: string, position: number, message: string): Promise<void>;
  status(): Promise<ProjectionStatus[]>;
  /** Forget a projection's rows and checkpoint, so it rebuilds from position 0. */
  reset(projection: string): Promise<void>;
  /** Rows of a table whose columns equal the given values, ordered by key. */
  rows(table: string, where?: Row): Promise<Row[]>;
  /**
   * Rows of a table chosen, ordered and paged by the store itself (conditions, keyset `after`,
   * `limit`): what queries page through without reading every row.
   */
  select(table: string, query: RowQuery): Promise<Row[]>;
  close?(): Promise<void>;
}
