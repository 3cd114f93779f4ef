import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The test files that `pnpm test:fast` leaves out (docs/testing.md). A new file joins the slow tier
 * by its name or folder: PostgreSQL in the name or the folder, or `.e2e.test.ts` for a test that
 * needs the build or runs other processes. test/testTiers.test.ts checks that every file using
 * embedded PostgreSQL is matched here.
 */
export const slowTests = [
  'packages/postgres/test/**', // the PostgreSQL store: every file starts embedded PostgreSQL
  '**/*{postgres,Postgres}*.test.ts', // PostgreSQL elsewhere (the CLI on a postgres:// URL, the demo on PostgreSQL)
  '**/*.e2e.test.ts', // the build, packed tarballs, spawned processes, crash loops, vitest run by a test
];

/**
 * Files that load pdfjs-dist: @planlog/import-vn reads PDFs with pdfjs 4 and @planlog/report's tests
 * read them back with pdfjs 6, and two versions in one module cache fail ("API version … does not
 * match the Worker version"). They run isolated, each with a module cache of its own.
 */
export const ownModuleCache = ['packages/import-vn/test/importPlanFile.test.ts', 'packages/report/test/pdf.test.ts'];

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [...configDefaults.exclude, ...slowTests],
      projects: [
        { extends: true, test: { name: 'shared', exclude: [...configDefaults.exclude, ...slowTests, ...ownModuleCache], isolate: false } },
        // Not `extends: true`: that would add the base config's include (every test file) to this one's.
        { resolve: base.resolve, test: { name: 'isolated', include: ownModuleCache, isolate: true, testTimeout: base.test?.testTimeout } },
      ],
      // Every core a worker, in threads: vitest's default leaves one core idle, and forks pay a process
      // start per file. Measured here on 2 idle cores: 118 s → 70 s (docs/testing.md).
      pool: 'threads',
      maxWorkers: '100%',
      // Test files of one worker share its module cache (project 'shared' above) instead of importing
      // the sources again each: imports were a third of the CPU. The full suite (vitest.config.ts)
      // still isolates every file, so a test that leaks state into the next one fails there. Measured
      // (docs/testing.md): CPU 146 s → 104 s (user + system), import time 185 s → 39 s summed over files.
    },
  }),
);
