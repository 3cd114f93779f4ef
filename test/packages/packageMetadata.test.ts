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
