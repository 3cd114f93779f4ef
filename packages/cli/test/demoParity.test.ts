import { sqliteStore } from '@planlog/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectReport } from '../../../examples/demo-year/src/collectReport.js';
import { demoPlans } from '../../../examples/demo-year/src/demoPlans.js';
import { renderMarkdown } from '../../../examples/demo-year/src/renderReport.js';
import { simulateYear } from '../../../examples/demo-year/src/simulateYear.js';
import { cli, tempDir } from './fixtures/cli.js';

const temp = tempDir();
const db = temp.path('demo.db');
let demoMarkdown = '';

beforeAll(async () => {
  const store = sqliteStore({ file: db });
  const { engine } = await simulateYear({ store, seed: 3 });
  demoMarkdown = renderMarkdown(await collectReport(engine, demoPlans.map((plan) => plan.planId), 2026));
  await store.close();
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
    for (const [i, plan] of demoPlans.entries()) {
      const result = await cli(['report', plan.planId, '--as-of', '2027-01-15', '--db', db]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Số liệu tính đến hết ngày 15/01/2027');
      const heading = demoMarkdown.indexOf(`## ${['I', 'II', 'III'][i]}. KẾ HOẠCH SỐ ${plan.number}`);
      expect(heading, plan.planId).toBeGreaterThan(0);
      expect(body(result.stdout, 0), plan.planId).toBe(body(demoMarkdown, heading));
    }
  });
});
