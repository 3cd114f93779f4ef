import { Option } from 'commander';

/** `--db`: the log to work on. */
export const dbOption = () => new Option('--db <file|url>', 'SQLite file, or postgres:// URL (?schema=name picks the schema, default planlog); default: $PLANLOG_DB, else plans.db');

/** `--json`: machine-readable output. */
export const jsonOption = () => new Option('--json', 'print one JSON document on stdout, for scripts');

/** `--as-of`: the cut a plan is read at (see parseAsOf). */
export const asOfOption = () =>
  new Option('--as-of <when>', "2026-06-30 (end of that day in the plan's time zone), an ISO instant with offset, or a log position (default: now)");

export type CommonOptions = { db?: string; json?: boolean };
