import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources, so one module instance serves every package.
    alias: [
      { find: /^@planlog\/core\/store$/, replacement: src('./packages/core/src/store.ts') },
      { find: /^@planlog\/core\/testing$/, replacement: src('./packages/core/src/testing.ts') },
      { find: /^@planlog\/core\/random$/, replacement: src('./packages/core/src/random.ts') },
      { find: /^@planlog\/cli$/, replacement: src('./packages/cli/src/index.ts') },
      { find: /^@planlog\/core$/, replacement: src('./packages/core/src/index.ts') },
      { find: /^@planlog\/http$/, replacement: src('./packages/http/src/index.ts') },
      { find: /^@planlog\/import-vn$/, replacement: src('./packages/import-vn/src/index.ts') },
      { find: /^@planlog\/report$/, replacement: src('./packages/report/src/index.ts') },
      { find: /^@planlog\/postgres$/, replacement: src('./packages/postgres/src/index.ts') },
      { find: /^@planlog\/sqlite$/, replacement: src('./packages/sqlite/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
  },
});
