import { Option } from 'commander';

/** `--db`: the log to work on. */
export const dbOption = () => new Option('--db <file|url>', 'SQLite file, or postgres:// URL (?schema=name picks the schema, default planlog); default: $PLANLOG_DB, else plans.db');

/** `--json`: machine-readable output. */
export const jsonOption = () => new Option('--json', 'print one JSON document on stdout, for scripts');

export type CommonOptions = { db?: string; json?: boolean };
