import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedPackages, root } from './readmeBlocks.js';

// What a user gets from npm: every published package packed with `pnpm pack` (which rewrites
// `workspace:*` to the version), the tarballs installed with plain npm into a project outside the
// workspace, and the README's quickstart run there with node. Needs the build (`pnpm test` builds
// first). better-sqlite3 may compile itself on install: the timeout is generous.
const pnpm = (args: string[], cwd: string) => execFileSync('npx', ['-y', 'pnpm@10', ...args], { cwd, encoding: 'utf8', stdio: 'pipe' });

describe('the packed packages, installed with npm outside the workspace', () => {
  let scratch: string;
  const packages = publishedPackages();
  const manifestOf = (name: string) => packages.find((entry) => entry.name === name)!.manifest;
  const sqliteManifest = manifestOf('@planlog/sqlite');
  const postgresManifest = manifestOf('@planlog/postgres');

  beforeAll(() => {
    for (const { dir, name } of packages) {
      if (!existsSync(join(root, 'packages', dir, 'dist'))) throw new Error(`${name} is not built: run \`npx -y pnpm@10 build\` first`);
    }
    scratch = mkdtempSync(join(tmpdir(), 'planlog-pack-'));
    const tarballs = join(scratch, 'tarballs');
    mkdirSync(tarballs);
    for (const { dir } of packages) pnpm(['pack', '--pack-destination', tarballs], join(root, 'packages', dir));
    const project = join(scratch, 'project');
    mkdirSync(project);
    // Each package as its tarball, also where another package depends on it (overrides).
    const files = Object.fromEntries(
      packages.map(({ name, manifest }) => [name, `file:../tarballs/${name.slice(1).replace('/', '-')}-${manifest.version}.tgz`]),
    );
    // The database drivers are peer dependencies: the app installs them, as the READMEs say.
    const drivers = { 'better-sqlite3': sqliteManifest.peerDependencies['better-sqlite3'], pg: postgresManifest.peerDependencies.pg };
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module', dependencies: { ...files, ...drivers }, overrides: files }, null, 2));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project, stdio: 'pipe' });
    cpSync(join(root, 'examples', 'quickstart', 'main.ts'), join(project, 'main.ts'));
  }, 900_000);

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('packs each package with its LICENSE, README and built files, and no workspace: ranges', () => {
    const tarballs = readdirSync(join(scratch, 'tarballs')).sort();
    expect(tarballs).toHaveLength(packages.length);
    for (const { name } of packages) {
      const installed = join(scratch, 'project', 'node_modules', name);
      for (const file of ['LICENSE', 'README.md', 'package.json', 'dist']) expect(existsSync(join(installed, file)), `${name}/${file}`).toBe(true);
      expect(readFileSync(join(installed, 'package.json'), 'utf8')).not.toContain('workspace:');
      expect(existsSync(join(installed, 'src')), `${name} ships no sources`).toBe(false);
    }
  });

  it('runs the quickstart with node from the installed packages', () => {
    // The example is TypeScript; node 20 runs it once its types are stripped by the compiler the
    // user would use (tsc, here through the workspace's typescript).
    const ts = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const project = join(scratch, 'project');
    // @opentelemetry/api is an optional peer dependency of @planlog/core: npm leaves it out, and the engine runs without it.
    expect(existsSync(join(project, 'node_modules', '@opentelemetry', 'api'))).toBe(false);
    execFileSync(process.execPath, [ts, 'main.ts', '--module', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--outDir', '.'], { cwd: project, stdio: 'pipe' });
    const output = execFileSync(process.execPath, ['main.js'], { cwd: project, encoding: 'utf8' });
    expect(output).toContain("[ 'task.overdue' ]");
    expect(output).toContain('completedLate: 1');
  });

  it('runs an engine on @planlog/sqlite with the better-sqlite3 the app installed (a peer dependency)', () => {
    const project = join(scratch, 'project');
    writeFileSync(
      join(project, 'sqlite.mjs'),
      `import { createEngine } from '@planlog/core';
import { sqliteStore } from '@planlog/sqlite';
const engine = createEngine({ store: sqliteStore({ file: ':memory:' }) });
const { planId } = await engine.draftPlan({ actor: { unitId: 'so-tu-phap' }, title: 'Kế hoạch năm 2026' });
console.log((await engine.getPlan(planId)).state);`,
    );
    expect(execFileSync(process.execPath, ['sqlite.mjs'], { cwd: project, encoding: 'utf8' }).trim()).toBe('draft');
    expect(existsSync(join(project, 'node_modules', '@planlog', 'sqlite', 'node_modules', 'better-sqlite3')), 'one better-sqlite3, the app\'s').toBe(false);
  });

  it('runs the planlog command from the installed bin', () => {
    const output = execFileSync(join(scratch, 'project', 'node_modules', '.bin', 'planlog'), ['--help'], { encoding: 'utf8' });
    expect(output).toContain('Usage: planlog');
  });
});
