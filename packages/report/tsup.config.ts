import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // playwright-core is an optional peer, loaded only by renderPdf.
  external: ['@planlog/core', 'docx', 'playwright-core'],
});
