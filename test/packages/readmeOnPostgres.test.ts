import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { usePostgres } from '../../packages/postgres/test/usePostgres.js';
import { documentationBlocks, needsPostgres, publishedPackages, root, runTsBlock, tsBlocks } from './readmeBlocks.js';

// The README examples that need a PostgreSQL server (they read DATABASE_URL), on embedded PostgreSQL.
describe('package README examples on PostgreSQL', () => {
  const postgres = usePostgres();
  const blocks = publishedPackages().flatMap(({ dir, name }) =>
    tsBlocks(readFileSync(join(root, 'packages', dir, 'README.md'), 'utf8'))
      .filter((code) => code.includes('process.env.DATABASE_URL'))
      .map((code) => ({ name, code })),
  );

  it('there is one, in @planlog/postgres', () => {
    expect(blocks.map(({ name }) => name)).toContain('@planlog/postgres');
  });

  for (const [index, { name, code }] of blocks.entries()) {
    it(`${name}: example ${index + 1} runs`, () => {
      const output = runTsBlock(code, { DATABASE_URL: postgres.server().url });
      expect(output).toMatch(/ true$/m);
    });
  }

  // The blocks of README.md and docs/ that need PostgreSQL (the others run in test/docs/docBlocks.test.ts).
  for (const block of documentationBlocks().filter((b) => !b.file.startsWith('packages/') && !b.illustration && needsPostgres(b.code))) {
    it(`${block.file}:${block.line} runs`, () => {
      runTsBlock(block.code, { DATABASE_URL: postgres.server().url });
    });
  }
});
