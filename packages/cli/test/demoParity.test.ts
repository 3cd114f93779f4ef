import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './fixtures/cli.js';
import { runDemoYear } from './fixtures/demoYear.js';

const temp = tempDir();
let db = '';
let demoMarkdown = '';

beforeAll(() => {
  const demo = runDemoYear(temp.dir);
  db = demo.db;
  demoMarkdown = readFileSync(demo.reportMarkdown, 'utf8');
});
afterAll(() => temp.remove());

/** The body of a plan's section (from "### 1." up to the next "## " heading, or the end). */
const body = (markdown: string, from: number) => {
  const start = markdown.indexOf('### 1.', from);
  const end = markdown.indexOf('\n## ', start);
  return markdown.slice(start, end < 0 ? undefined : end).trimEnd();
};

describe('planlog report and the demo year', () => {
  it("says for each plan what the demo's summary report says, from the log alone", async () => {
    // The demo's plans, as its report names them: "## II. KẾ HOẠCH SỐ 52/KH-STP NGÀY …"; one section per plan in the log.
    const headings = [...demoMarkdown.matchAll(/^## [IVX]+\. KẾ HOẠCH SỐ (\S+)/gm)];
    const listing = (await cli(['plans', '--db', db, '--json'])).json<{ planId: string; number: string | null }[]>();
    expect(headings.length).toBeGreaterThanOrEqual(2);
    expect(headings.length).toBe(listing.length);
    const plans = new Map(listing.map((plan) => [plan.number, plan.planId]));
    for (const heading of headings) {
      const planId = plans.get(heading[1]!);
      expect(planId, heading[0]).toBeDefined();
      const result = await cli(['report', planId!, '--as-of', '2027-01-15', '--db', db]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Số liệu tính đến hết ngày 15/01/2027');
      expect(body(result.stdout, 0), planId).toBe(body(demoMarkdown, heading.index!));
    }
  });
});
