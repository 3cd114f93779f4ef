import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { workspaceRoot } from '../../scripts/publishedPackages.mjs';

export { publishedPackages } from '../../scripts/publishedPackages.mjs';
export const root = workspaceRoot;

/** The ```ts blocks of a Markdown file that run, in order (not the ones marked ```ts illustration). */
export function tsBlocks(markdown: string): string[] {
  return markdownTsBlocks(markdown)
    .filter((block) => !block.illustration)
    .map((block) => block.code);
}

/**
 * A TypeScript block of the documentation. Every one is typechecked; every one runs unless its fence
 * says ```ts illustration (code that cannot run on its own: a server that waits for SIGTERM).
 */
export type DocBlock = { file: string; line: number; code: string; illustration: boolean };

/** The TypeScript blocks of a Markdown text: any fence whose language is ts, typescript, mts or tsx. */
export function markdownTsBlocks(markdown: string, file = ''): DocBlock[] {
  return [...markdown.matchAll(/^```(ts|typescript|mts|tsx)([^\n]*)\n([\s\S]*?)^```$/gm)].map((match) => ({
    file,
    line: markdown.slice(0, match.index).split('\n').length,
    code: match[3]!,
    illustration: /\billustration\b/.test(match[2]!),
  }));
}

/** The Markdown files a reader is shown: README.md, docs/**, every package's README (paths from the root). */
export function documentationFiles(): string[] {
  const under = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? under(join(dir, entry.name)) : entry.name.endsWith('.md') ? [join(dir, entry.name)] : [],
    );
  const packages = readdirSync(join(root, 'packages')).map((dir) => join('packages', dir, 'README.md')).filter((path) => existsSync(join(root, path)));
  return ['README.md', ...under('docs'), ...packages];
}

/** Every TypeScript block of the documentation, with the file (from the root) and line it starts on. */
export function documentationBlocks(): DocBlock[] {
  return documentationFiles().flatMap((file) => markdownTsBlocks(readFileSync(join(root, file), 'utf8'), relative(root, join(root, file))));
}

/** A block that needs a PostgreSQL server (it reads DATABASE_URL): run on embedded PostgreSQL. */
export const needsPostgres = (code: string) => code.includes('process.env.DATABASE_URL');

/**
 * Runs a README's code as its reader would, as an ES module in an empty directory of its own
 * (files it writes land there; `examples/` of the workspace is linked in, for code that reads a
 * sample plan as a reader in a clone would), with the @planlog packages taken from the workspace's
 * sources (tsx, with the workspace tsconfig's paths) and other packages from `options.modules` when
 * given. Returns its output; throws with it on failure.
 */
export function runTsBlock(code: string, env: Record<string, string> = {}, options: { modules?: string } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'planlog-readme-'));
  try {
    symlinkSync(join(root, 'examples'), join(dir, 'examples'));
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
