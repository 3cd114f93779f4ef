import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/store.ts', 'src/testing.ts', 'src/random.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  external: ['vitest', 'fast-check'],
});
