import type { Pool } from 'pg';
import type { SchemaNames } from './names.js';

/** The position of the newest committed event (0 for an empty log). */
export async function headPosition(pool: Pool, names: SchemaNames): Promise<number> {
  const { rows } = await pool.query<{ position: string }>(`SELECT position FROM ${names.head}`);
  return Number(rows[0]?.position ?? 0);
}
