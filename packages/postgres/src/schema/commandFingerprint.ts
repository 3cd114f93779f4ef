import type { Pool } from 'pg';
import type { SchemaNames } from './names.js';

/** The fingerprint kept with a command id in `commands`, or null (an unknown id, or one appended without a fingerprint). */
export async function commandFingerprint(pool: Pool, names: SchemaNames, commandId: string): Promise<string | null> {
  const { rows } = await pool.query<{ fingerprint: string | null }>(`SELECT fingerprint FROM ${names.commands} WHERE command_id = $1`, [commandId]);
  return rows[0]?.fingerprint ?? null;
}
