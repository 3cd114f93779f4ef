import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';

/** Codes SQLite gives when a WAL database cannot be read in place: its -shm file cannot be created beside it. */
const NO_SHARED_MEMORY = new Set(['SQLITE_READONLY_DIRECTORY', 'SQLITE_CANTOPEN', 'SQLITE_READONLY_CANTINIT', 'SQLITE_READONLY']);

/**
 * Open an existing SQLite file for reading only, writing nothing: not the file, not its directory.
 *
 * A log is kept in WAL mode, and SQLite reads a WAL database through a `-shm` file beside it, which
 * it must create when none is there. In a write-protected directory (an auditor's copy: a file 0444
 * in a directory 0555) it cannot, and refuses. When there is also no `-wal` file — every committed
 * transaction is in the main file — the file is read into memory instead and opened there (its
 * header marked as a rollback-journal database, which is all an in-memory copy can be); a `-wal` file
 * that cannot be read is refused, as it may hold committed events the main file does not.
 */
export function openReadonly(file: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    db.close();
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !NO_SHARED_MEMORY.has(code) || existsSync(`${file}-wal`)) throw error;
  }
  const bytes = readFileSync(file);
  // Bytes 18 and 19 of the header: file format write/read version, 2 for WAL, 1 for a rollback journal.
  if (bytes.length >= 100 && bytes[18] === 2 && bytes[19] === 2) bytes[18] = bytes[19] = 1;
  return new Database(bytes, { readonly: true });
}
