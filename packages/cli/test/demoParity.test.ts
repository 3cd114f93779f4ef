import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './fixtures/cli.js';
import { runDemoYear } from './fixtures/demoYear.js';

const temp = tempDir();
let db = '';
let reports = '';

beforeAll(() => {
  ({ db, reports } = runDemoYear(temp.dir));
});
afterAll(() => temp.remove());

/** The document without its properties (the comment on top says when it was generated). */
const body = (markdown: string) => markdown.slice(markdown.indexOf('-->'));

describe('planlog report and the demo year', () => {
  it("writes, from the log alone, each agency's Quý III report the demo wrote", async () => {
    for (const unit of ['so-ngoai-vu', 'so-tu-phap']) {
      const args = ['--place', 'Sông Hậu', '--date', '2026-09-16', '--superior', 'UBND tỉnh Sông Hậu', '--signer', 'KT. GIÁM ĐỐC/PHÓ GIÁM ĐỐC'];
      const result = await cli(['report', '--db', db, '--unit', unit, '--period', '2026-Q3', '--format', 'md', ...args]);
      expect(result.code, result.stderr).toBe(0);
      expect(body(result.stdout), unit).toBe(body(readFileSync(join(reports, unit, 'report.md'), 'utf8')));
    }
  });
});
