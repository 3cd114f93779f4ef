import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishedPackages, root, runTsBlock, tsBlocks } from './readmeBlocks.js';

// Every published package's README shows an example; each ```ts block runs here. A block that
// needs a PostgreSQL server (it reads DATABASE_URL) runs in readmeOnPostgres.test.ts instead.
const needsPostgres = (code: string) => code.includes('process.env.DATABASE_URL');

/** What the first example of a package prints, as its comments say. */
const printed: Record<string, string | RegExp> = {
  '@planlog/core': "[ 'task.overdue' ] assigned true",
  '@planlog/cli': 'exit code 0',
  '@planlog/import-vn': /^I\.1-1 Văn phòng Sở — hoàn thành trong Quý II\/2026$/m,
  '@planlog/sqlite': / 1$/m,
  '@planlog/report': /^# BÁO CÁO\n1 hoàn thành đúng hạn$/m,
  '@planlog/http': "201 [ 'Kế hoạch năm 2026' ]",
};

describe('package READMEs', () => {
  for (const { dir, name } of publishedPackages()) {
    const readme = readFileSync(join(root, 'packages', dir, 'README.md'), 'utf8');

    it(`${name}: says how to install it and shows an example`, () => {
      expect(readme).toMatch(new RegExp(`^npm install (-g )?(@planlog/\\S+ )*${name.replace('/', '\\/')}`, 'm'));
      expect(tsBlocks(readme).length).toBeGreaterThan(0);
    });

    for (const [index, code] of tsBlocks(readme).entries()) {
      if (needsPostgres(code)) continue;
      it(`${name}: example ${index + 1} runs`, () => {
        const output = runTsBlock(code);
        const expected = index === 0 ? printed[name] : undefined;
        if (expected === undefined) expect(output).not.toBe('');
        else if (typeof expected === 'string') expect(output).toContain(expected);
        else expect(output).toMatch(expected);
      });
    }
  }
});
