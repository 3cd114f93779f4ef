import type { Database } from 'better-sqlite3';

/** The fingerprint kept with a command id, or null. */
export function prepareCommandFingerprint(db: Database): (commandId: string) => string | null {
  const statement = db.prepare('SELECT fingerprint FROM planlog_commands WHERE command_id = ?').pluck();
  return (commandId) => (statement.get(commandId) as string | null | undefined) ?? null;
}
