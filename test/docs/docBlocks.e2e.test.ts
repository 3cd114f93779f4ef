import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { documentationBlocks, needsPostgres, publishedPackages } from '../packages/readmeBlocks.js';
import { blockFileName, createReaderProject } from './readerProject.js';

// Every TypeScript block of README.md, docs/ and the package READMEs typechecks against the built
// packages, as a reader's strict project sees them. The blocks of README.md and docs/ run here too,
// against the same built packages; the package READMEs' blocks run in
// test/packages/readmeExamples.test.ts, and those that need PostgreSQL in readmeOnPostgres.test.ts.
// A block that cannot run on its own says ```ts illustration and is only typechecked.
/** What the first block of a file prints, as its comments say (another block only has to run). */
const printed: Record<string, RegExp> = {
  'README.md': /\[ 'task\.overdue' \]/,
  'docs/import.md': /^line \d+: /m,
  'docs/performance.md': /^added 1$/m,
  'docs/telemetry.md': /^planlog\.command issuePlan ok$/m,
};

describe('TypeScript blocks of the documentation', () => {
  const blocks = documentationBlocks();
  const project = createReaderProject();
  afterAll(() => project.remove());

  it('are found in README.md, docs/ and the package READMEs; the only illustration is a worker that runs until SIGTERM', () => {
    expect(blocks.some((block) => block.file === 'README.md')).toBe(true);
    expect(blocks.filter((block) => block.file.startsWith('docs/')).length).toBeGreaterThan(4);
    expect(blocks.some((block) => block.file.startsWith('packages/'))).toBe(true);
    expect(new Set(blocks.map((block) => blockFileName(block))).size).toBe(blocks.length);
    expect(blocks.filter((block) => block.illustration).map((block) => block.file)).toEqual(['docs/postgres.md']);
  });

  it('typecheck against the built packages (tsc, strict, NodeNext resolution)', () => {
    for (const { path } of publishedPackages()) expect(existsSync(join(path, 'dist')), `${path} is built (pnpm build)`).toBe(true);
    const { status, output } = project.typecheck(blocks);
    expect(output).toBe('');
    expect(status).toBe(0);
  }, 120_000);

  for (const block of blocks) {
    if (block.file.startsWith('packages/') || block.illustration || needsPostgres(block.code)) continue;
    it(`${block.file}:${block.line} runs against the built packages`, () => {
      const output = project.run(block.code);
      const first = blocks.find((other) => other.file === block.file) === block;
      if (first && printed[block.file]) expect(output).toMatch(printed[block.file]!);
    });
  }
});
