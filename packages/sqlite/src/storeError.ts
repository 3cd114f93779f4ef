import { isPlanlogError, PlanlogError } from '@planlog/core';

const HINTS: Record<string, string> = {
  SQLITE_NOTADB: 'the file is not a SQLite database or is corrupt',
  SQLITE_CORRUPT: 'the database file is corrupt',
  SQLITE_READONLY: 'the database is read-only',
  SQLITE_CANTOPEN: 'the file cannot be opened',
  SQLITE_FULL: 'the disk is full',
  SQLITE_BUSY: 'another connection holds the database lock',
  SQLITE_IOERR: 'an I/O error occurred',
};

function hintOf(code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  return HINTS[code] ?? Object.entries(HINTS).find(([prefix]) => code.startsWith(`${prefix}_`))?.[1];
}

/** A driver failure as a typed `STORE` error naming the file; PlanlogErrors pass through unchanged. */
export function storeError(error: unknown, file: string, doing: string): PlanlogError {
  if (isPlanlogError(error)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const sqliteCode = typeof code === 'string' ? code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const hint = hintOf(sqliteCode);
  return new PlanlogError('STORE', `${file}: ${doing} failed: ${hint ? `${hint} (${message})` : message}`, {
    cause: error,
    details: { file, ...(sqliteCode ? { sqliteCode } : {}) },
  });
}
