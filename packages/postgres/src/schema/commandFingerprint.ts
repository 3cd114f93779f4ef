import type { Pool } from 'pg';
import type { SchemaNames } from './names.js';

/** The rows of `command_fingerprints` a group would write: one per command id of each call that has a fingerprint. */
export type FingerprintRows = { commandIds: string[]; fingerprints: string[]; calls: number[] };

/** The fingerprint rows of a group of calls, given each call's command ids and its fingerprint (or none). */
export function fingerprintRows(commandIdsOfCall: readonly (readonly string[])[], fingerprints: readonly (string | undefined)[]): FingerprintRows {
  const rows: FingerprintRows = { commandIds: [], fingerprints: [], calls: [] };
  commandIdsOfCall.forEach((commandIds, call) => {
    const fingerprint = fingerprints[call];
    if (fingerprint === undefined) return;
    for (const commandId of commandIds) {
      rows.commandIds.push(commandId);
      rows.fingerprints.push(fingerprint);
      rows.calls.push(call);
    }
  });
  return rows;
}

/** The fingerprint kept with a command id, or null. */
export async function readCommandFingerprint(pool: Pool, names: SchemaNames, commandId: string): Promise<string | null> {
  const { rows } = await pool.query<{ fingerprint: string }>(`SELECT fingerprint FROM ${names.commandFingerprints} WHERE command_id = $1`, [commandId]);
  return rows[0]?.fingerprint ?? null;
}
