import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The store packages have one file set (kysely's habit: every dialect folder has the same files):
// knowing @planlog/sqlite means knowing @planlog/postgres. A file that does a job in one package has
// the same name, and the same function names, in the other. Only what truly belongs to one database
// is listed here, with the reason.

const root = fileURLToPath(new URL('..', import.meta.url));
const STORES = ['sqlite', 'postgres'] as const;
type Store = (typeof STORES)[number];

/** Files of one store's src/ and why the other store has none. */
const ONLY_IN: Record<Store, Record<string, string>> = {
  sqlite: {
    'openDatabase.ts': 'a SQLite store opens a file (pragmas, WAL, the schema checked before the first write); PostgreSQL is given a URL or a pool',
    'openReadonly.ts': "an auditor's write-protected copy of a database file; a PostgreSQL role without write grants needs no helper",
    'snapshots/sqliteSnapshots.ts': 'task-stream snapshots kept in the SQLite file; PostgreSQL has no snapshot store yet',
    'readModels/changeStatements.ts': "better-sqlite3's prepared statement per shape of change (read models)",
    'schema/logEnd.ts':
      "a read past the log's end answered without a read: a SQLite connection's change counters (total_changes, data_version) say for free that nothing was committed since; to ask PostgreSQL is a round trip, as the read is",
  },
  postgres: {
    'withClient.ts': 'a pooled connection checked out and released; a SQLite store has its one connection',
    'schema/names.ts': 'the quoted, schema-qualified names of the tables (a database holds many schemas; a SQLite file one log)',
    'schema/findLog.ts': 'which schemas of the database hold a log (NOT_FOUND names them); a SQLite file holds one log or none',
    'schema/appendSealed.ts':
      'the append sealed in the process while no other process moved the head, one round trip; appendToStream seals on the server when one did (docs/postgres.md has the measurement)',
    'appendWatcher.ts': "one LISTEN connection per store wakes subscriptions on every process's appends; a SQLite store wakes its own process through core's appendListeners and polls for others",
    'readModels/projectionWorker.ts': 'a projection worker holding an advisory-lock lease, woken by LISTEN/NOTIFY: many processes share one database',
  },
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

const srcOf = (store: Store) => join(root, 'packages', store, 'src');
const treeOf = (store: Store) => files(srcOf(store)).map((path) => relative(srcOf(store), path));
/** A file named after its store (readModels/sqliteReadModels.ts) matches the other's (readModels/postgresReadModels.ts). */
const sameJob = (file: string) => file.replace(/(^|\/)(sqlite|postgres)(?=[A-Z])/, '$1<store>');

/** The values a file exports (functions and constants, not types), sqlite's `prepare` prefix taken off. */
function exportedValues(store: Store, file: string): string[] {
  const text = readFileSync(join(srcOf(store), file), 'utf8');
  const names = [...text.matchAll(/^export (?:async )?(?:function|const) (\w+)/gm)].map(([, name]) => name!);
  for (const [, list] of text.matchAll(/^export \{([^}]*)\}/gm)) {
    for (const item of list!.split(',')) if (item.trim() && !item.trim().startsWith('type ')) names.push(item.split(/\s+as\s+/).at(-1)!.trim());
  }
  return names.map((name) => (store === 'sqlite' && /^prepare[A-Z]/.test(name) ? name[7]!.toLowerCase() + name.slice(8) : name)).sort();
}

/** Exports only one store has in a shared file, and why. */
const EXTRA_EXPORTS: Record<Store, Record<string, string>> = {
  sqlite: {
    'schema/migrate.ts checkSchema': 'a read-only SQLite file is checked before it is used (PostgreSQL: schema/findLog.ts)',
    'schema/migrate.ts refuseOtherSchema': 'checked before the WAL pragma, which writes to the file',
    'index.ts STORE_SCHEMA_VERSION': 'the schema version, under the public name it was released with (PostgreSQL: POSTGRES_SCHEMA_VERSION)',
    'index.ts openReadonly': 'see openReadonly.ts',
    'index.ts sqliteSnapshots': 'see snapshots/sqliteSnapshots.ts',
  },
  postgres: {
    'schema/appendToStream.ts bytesAroundVersion': "an event's bytes in two pieces around the version only the server knows",
    'index.ts POSTGRES_SCHEMA_VERSION': 'the schema version, under the public name it was released with (SQLite: STORE_SCHEMA_VERSION)',
    'index.ts schemaNames': 'see schema/names.ts',
    'index.ts migrate': 'migrate a schema ahead of the first store (a deploy step); SQLite migrates a file on open',
    'index.ts startProjectionWorker': 'see readModels/projectionWorker.ts',
    'index.ts leaseKey': 'see readModels/projectionWorker.ts',
    'consumerCheckpoints.ts consumerLeaseKey': "a consumer's lease is an advisory lock on this key; SQLite's is a row with an owner and an expiry",
  },
};

/** Exports named after the store on both sides (sqliteStore / postgresStore …): compared with the store's name taken out. */
const dialectless = (name: string) => name.replace(/^(sqlite|postgres)(?=[A-Z])/, '<store>');

describe('@planlog/sqlite and @planlog/postgres have one file set', () => {
  it('every file of one src/ tree is in the other, but for those that belong to one database', () => {
    const [sqlite, postgres] = STORES.map((store) => treeOf(store));
    const jobs = (tree: string[]) => new Set(tree.map(sameJob));
    expect(sqlite!.length).toBeGreaterThan(10);
    expect({
      sqlite: sqlite!.filter((file) => !jobs(postgres!).has(sameJob(file))).sort(),
      postgres: postgres!.filter((file) => !jobs(sqlite!).has(sameJob(file))).sort(),
    }).toEqual({ sqlite: Object.keys(ONLY_IN.sqlite).sort(), postgres: Object.keys(ONLY_IN.postgres).sort() });
  });

  it('a shared file exports the same names in both (SQLite prepares each statement once: prepareX for X)', () => {
    const shared = treeOf('sqlite').filter((file) => treeOf('postgres').includes(file) && !file.startsWith('readModels/'));
    expect(shared).toEqual(expect.arrayContaining(['store.ts', 'groupCommit.ts', 'storeError.ts', 'schema/tables.ts', 'schema/migrate.ts', 'schema/appendToStream.ts']));
    const differences: Record<Store, string[]> = { sqlite: [], postgres: [] };
    for (const file of shared) {
      const [sqlite, postgres] = STORES.map((store) => exportedValues(store, file));
      const others = { sqlite: new Set(postgres!.map(dialectless)), postgres: new Set(sqlite!.map(dialectless)) };
      differences.sqlite.push(...sqlite!.filter((name) => !others.sqlite.has(dialectless(name))).map((name) => `${file} ${name}`));
      differences.postgres.push(...postgres!.filter((name) => !others.postgres.has(dialectless(name))).map((name) => `${file} ${name}`));
    }
    expect({ sqlite: differences.sqlite.sort(), postgres: differences.postgres.sort() }).toEqual({
      sqlite: Object.keys(EXTRA_EXPORTS.sqlite).sort(),
      postgres: Object.keys(EXTRA_EXPORTS.postgres).sort(),
    });
  });
});
