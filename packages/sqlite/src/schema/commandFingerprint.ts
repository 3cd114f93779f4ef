import type { Database } from 'better-sqlite3';

/**
 * Schema version 2: each command id keeps the fingerprint of the command that appended it (SHA-256 of
 * its name, actor and input; NULL for events planlog appends itself and for rows written before), so
 * that a command id is bound to its actor, command and input (design §3.2).
 */
export const COMMAND_FINGERPRINT_V2 = `ALTER TABLE planlog_commands ADD COLUMN fingerprint TEXT;`;

/** The fingerprint kept with a command id, or null. */
export function prepareCommandFingerprint(db: Database): (commandId: string) => string | null {
  const statement = db.prepare('SELECT fingerprint FROM planlog_commands WHERE command_id = ?').pluck();
  return (commandId) => (statement.get(commandId) as string | null | undefined) ?? null;
}
