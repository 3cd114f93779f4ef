import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedPackages, root } from '../packages/readmeBlocks.js';

// The release flow of docs/releasing.md, on a copy of the workspace's manifests and changeset
// config: a changeset for core, then `changeset version`.
describe('changeset version (docs/releasing.md)', () => {
  let copy: string;
  const version = (dir: string) => JSON.parse(readFileSync(join(copy, dir, 'package.json'), 'utf8')).version as string;
  const before = Object.fromEntries(publishedPackages().map(({ dir, manifest }) => [dir, manifest.version as string]));

  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'planlog-release-'));
    const manifests = ['package.json', 'pnpm-workspace.yaml', '.changeset/config.json'];
    for (const group of ['packages', 'examples']) {
      for (const dir of readdirSync(join(root, group))) {
        if (existsSync(join(root, group, dir, 'package.json'))) manifests.push(join(group, dir, 'package.json'));
      }
    }
    manifests.push('test/package.json');
    for (const file of manifests) {
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      cpSync(join(root, file), join(copy, file));
    }
    writeFileSync(join(copy, '.changeset', 'core-feature.md'), "---\n'@planlog/core': minor\n---\n\nA feature of core.\n");
    execFileSync(join(root, 'node_modules', '.bin', 'changeset'), ['version'], { cwd: copy, stdio: 'pipe' });
  }, 120_000);

  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it('bumps core by a minor and the packages that depend on it by a patch, and consumes the changeset', () => {
    const [major, minor] = before.core!.split('.').map(Number);
    expect(version('packages/core')).toBe(`${major}.${minor! + 1}.0`);
    for (const dir of ['sqlite', 'postgres', 'import-vn', 'cli']) {
      const [a, b, c] = before[dir]!.split('.').map(Number);
      expect(version(`packages/${dir}`)).toBe(`${a}.${b}.${c! + 1}`);
    }
    expect(existsSync(join(copy, '.changeset', 'core-feature.md'))).toBe(false);
  });

  it('writes the changeset into core\'s CHANGELOG', () => {
    expect(readFileSync(join(copy, 'packages/core/CHANGELOG.md'), 'utf8')).toMatch(/## \d+\.\d+\.0\n\n### Minor Changes\n\n- A feature of core\./);
  });

  it('leaves the private examples alone', () => {
    const demo = JSON.parse(readFileSync(join(root, 'examples/demo-year/package.json'), 'utf8')).version;
    expect(version('examples/demo-year')).toBe(demo);
    expect(existsSync(join(copy, 'examples/demo-year/CHANGELOG.md'))).toBe(false);
  });
});
