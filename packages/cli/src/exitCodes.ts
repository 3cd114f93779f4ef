import { isPlanlogError, type ErrorCode } from '@planlog/core';

/** The exit codes of `planlog`, documented in `planlog --help` and docs/audit.md. */
export const EXIT = {
  /** Done. */
  OK: 0,
  /** Bad input or usage: an unknown option, a malformed date, a broken file, a refused command. */
  USAGE: 1,
  /** Not found: no such plan, task, input file or SQLite file. */
  NOT_FOUND: 2,
  /** `verify`: the log is not what was appended (a hash, position or version is wrong). */
  TAMPERED: 3,
  /** The store failed: the database cannot be opened or read, the connection dropped. */
  STORE: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const BY_CODE: Record<ErrorCode, ExitCode> = {
  VALIDATION: EXIT.USAGE,
  CONFLICT: EXIT.USAGE,
  ILLEGAL_TRANSITION: EXIT.USAGE,
  FORBIDDEN: EXIT.USAGE,
  NOT_FOUND: EXIT.NOT_FOUND,
  STORE: EXIT.STORE,
};

/** The exit code an error ends the command with. */
export function exitCodeOf(error: unknown): ExitCode {
  if (isPlanlogError(error)) return BY_CODE[error.code];
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return EXIT.NOT_FOUND;
  if (code === 'EISDIR' || code === 'EACCES' || code === 'EPERM') return EXIT.USAGE;
  return EXIT.STORE;
}

/** The help text's table of exit codes. */
export const EXIT_CODES_HELP = `Exit codes:
  0  done
  1  bad input or usage (unknown option, malformed date, broken file, refused command)
  2  not found (no such plan, task, input file or SQLite file)
  3  verification failed: the log was changed after it was written
  4  store error (the database cannot be opened or read)`;
