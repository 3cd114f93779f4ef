import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceRoot } from '../../scripts/publishedPackages.mjs';

export { publishedPackages } from '../../scripts/publishedPackages.mjs';
export const root = workspaceRoot;

/** The ```ts blocks of a Markdown file, in order. */
export function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

/**
 * Runs a README's code as its reader would, as an ES module in an empty directory of its own
 * (files it writes land there), with the @planlog packages taken from the workspace's sources
 * (tsx, with the workspace tsconfig's paths); other packages from `options.modules` when given. Returns its output; throws with it on failure.
 */
export function runTsBlock(code: string, env: Record<string, string> = {}, options: { modules?: string } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'planlog-readme-'));
  try {
    writeFileSync(join(dir, 'example.mts'), code);
    // Packages the code imports besides planlog's (e.g. a package's devDependencies): its node_modules.
    if (options.modules !== undefined) symlinkSync(options.modules, join(dir, 'node_modules'), 'dir');
    const tsx = join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs');
    const run = spawnSync(process.execPath, ['--import', tsx, 'example.mts'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ...env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.json') },
    });
    if (run.status !== 0) throw new Error(`the example exited ${run.status}:\n${code}\n${run.stdout}${run.stderr}`);
    return run.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
