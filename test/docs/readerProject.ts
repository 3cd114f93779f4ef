import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishedPackages, root, type DocBlock } from '../packages/readmeBlocks.js';

/** The name a block's file gets: where it comes from, so that tsc's messages say it. */
export const blockFileName = (block: DocBlock) => `${block.file.replace(/[^A-Za-z0-9]+/g, '_')}_line${block.line}.mts`;

export type ReaderProject = {
  /** tsc over the blocks, each one ES module: its exit status and messages. */
  typecheck(blocks: readonly DocBlock[]): { status: number | null; output: string };
  /** Runs one block in an empty directory of its own; returns its output, throws with it on failure. */
  run(code: string, env?: Record<string, string>): string;
  remove(): void;
};

/**
 * A reader's project outside the workspace: its node_modules holds the @planlog packages as they are
 * built (resolved through their package.json `exports`, so `dist/`, not the sources),
 * @types/node and OpenTelemetry; strict TypeScript with Node's own module resolution. Blocks run
 * with tsx (types stripped, nothing aliased) from a directory of their own, where `examples/` of
 * the workspace is linked in for code that reads a sample plan as a reader in a clone would.
 */
export function createReaderProject(): ReaderProject {
  const dir = mkdtempSync(join(tmpdir(), 'planlog-reader-'));
  mkdirSync(join(dir, 'node_modules', '@planlog'), { recursive: true });
  mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true });
  for (const { name, path } of publishedPackages()) symlinkSync(path, join(dir, 'node_modules', name));
  symlinkSync(join(root, 'node_modules', '@types', 'node'), join(dir, 'node_modules', '@types', 'node'));
  // docs/telemetry.md's reader installs OpenTelemetry beside planlog: the API and the SDK parts that
  // @planlog/core's tests use (its devDependencies).
  symlinkSync(join(root, 'packages', 'core', 'node_modules', '@opentelemetry'), join(dir, 'node_modules', '@opentelemetry'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2023'],
        types: ['node'],
        strict: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: true,
        noEmit: true,
      },
      include: ['blocks/*.mts'],
    }),
  );
  let runs = 0;
  return {
    typecheck(blocks) {
      rmSync(join(dir, 'blocks'), { recursive: true, force: true });
      mkdirSync(join(dir, 'blocks'));
      for (const block of blocks) writeFileSync(join(dir, 'blocks', blockFileName(block)), block.code);
      const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--pretty', 'false'], { cwd: dir, encoding: 'utf8' });
      return { status: tsc.status, output: `${tsc.stdout}${tsc.stderr}` };
    },
    run(code, env = {}) {
      const cwd = join(dir, `run-${++runs}`);
      mkdirSync(cwd);
      symlinkSync(join(root, 'examples'), join(cwd, 'examples'));
      writeFileSync(join(cwd, 'example.mts'), code);
      const tsx = join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs');
      const run = spawnSync(process.execPath, ['--import', tsx, 'example.mts'], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, ...env, TSX_TSCONFIG_PATH: join(dir, 'tsconfig.json') },
      });
      if (run.status !== 0) throw new Error(`the block exited ${run.status}:\n${code}\n${run.stdout}${run.stderr}`);
      return run.stdout;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
