import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** The published packages: packages/* whose package.json is not private. */
export function publishedPackages(): { dir: string; name: string; manifest: Record<string, any> }[] {
  return readdirSync(join(root, 'packages'))
    .filter((dir) => existsSync(join(root, 'packages', dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => ({ dir, name: manifest.name as string, manifest }));
}

/** The ```ts blocks of a Markdown file, in order. */
export function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

/**
 * Runs a README's code as its reader would, as an ES module in an empty directory of its own
 * (files it writes land there), with the @planlog packages taken from the workspace's sources
 * (tsx, with the workspace tsconfig's paths). Returns its output; throws with it on failure.
 */
export function runTsBlock(code: string, env: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'planlog-readme-'));
  try {
    writeFileSync(join(dir, 'example.mts'), code);
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
