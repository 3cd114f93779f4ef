import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishedPackages, root } from './readmeBlocks.js';

// What an npm user sees of each published package, besides its code (attw and publint check the
// code's entry points: pnpm check:packages).
const repository = 'git+https://github.com/planlog/planlog.git';
const license = readFileSync(join(root, 'LICENSE'), 'utf8');

describe('published packages', () => {
  it('the repository is MIT licensed', () => {
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) 2026 planlog contributors\n/);
  });

  it('are found (packages/* that are not private)', () => {
    expect(publishedPackages().map(({ name }) => name)).toEqual(expect.arrayContaining(['@planlog/core', '@planlog/sqlite', '@planlog/cli']));
  });

  it('take their database driver as a peer dependency (the app installs it once, and its README says so)', () => {
    const drivers: Record<string, string> = { '@planlog/sqlite': 'better-sqlite3', '@planlog/postgres': 'pg' };
    for (const { dir, name, manifest } of publishedPackages().filter(({ name }) => name in drivers)) {
      const driver = drivers[name]!;
      expect(Object.keys(manifest.peerDependencies ?? {}), name).toContain(driver);
      expect(Object.keys(manifest.dependencies ?? {}), name).not.toContain(driver);
      // Installed for the package's own tests, in the range it declares to apps.
      expect(manifest.devDependencies?.[driver], name).toBeDefined();
      const readme = readFileSync(join(root, 'packages', dir, 'README.md'), 'utf8');
      expect(readme, name).toMatch(new RegExp(`^npm install (@planlog/\\S+ )+${driver}$`, 'm'));
    }
  });

  for (const { dir, name, manifest } of publishedPackages()) {
    describe(name, () => {
      it('ships the LICENSE and a README', () => {
        expect(readFileSync(join(root, 'packages', dir, 'LICENSE'), 'utf8')).toBe(license);
        expect(manifest.license).toBe('MIT');
        expect(existsSync(join(root, 'packages', dir, 'README.md'))).toBe(true);
      });

      it('says where it comes from and where to report a bug', () => {
        expect(manifest.repository).toEqual({ type: 'git', url: repository, directory: `packages/${dir}` });
        expect(manifest.homepage).toBe(`https://github.com/planlog/planlog/tree/main/packages/${dir}#readme`);
        expect(manifest.bugs).toEqual({ url: 'https://github.com/planlog/planlog/issues' });
        expect(manifest.keywords.length).toBeGreaterThan(0);
        expect(manifest.description.length).toBeGreaterThan(20);
      });

      it('declares its Node versions, side effects and files', () => {
        expect(manifest.engines).toEqual({ node: '>=20' });
        expect(manifest.sideEffects).toBe(false);
        expect(manifest.files).toContain('dist');
      });

      it('links bins that exist before the build (pnpm links them on install)', () => {
        for (const target of Object.values<string>(manifest.bin ?? {})) {
          expect(target).not.toMatch(/^(\.\/)?dist\//);
          expect(existsSync(join(root, 'packages', dir, target))).toBe(true);
          expect(manifest.files.some((entry: string) => target.replace(/^\.\//, '').startsWith(`${entry}/`))).toBe(true);
        }
      });
    });
  }
});
