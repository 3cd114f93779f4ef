import { defineConfig } from 'tsup';

// ESM only: the command (with its shebang) and the library entry (run).
export default defineConfig({
  entry: ['src/cli.ts', 'src/index.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  sourcemap: true,
  target: 'node20',
  external: ['@planlog/core', '@planlog/sqlite', '@planlog/postgres', '@planlog/import-vn', '@planlog/report', 'better-sqlite3', 'pg', 'commander'],
});
