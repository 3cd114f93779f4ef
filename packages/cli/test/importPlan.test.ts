import { existsSync, writeFileSync } from 'node:fs';
import { createEngine } from '@planlog/core';
import { sqliteStore } from '@planlog/sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { readSample, samplePath } from '../../../examples/sample-plans/index.js';
import { cli as cliVi, cliIn, tempDir } from './fixtures/cli.js';

// These tests read the English messages (Vietnamese is the default).
const cli = cliIn('en');

const temp = tempDir();
afterAll(() => temp.remove());

const seed = samplePath('ke-hoach-stp-pbgdpl-2026.txt');

describe('planlog import <plan.txt>', () => {
  it('--dry-run shows the draft (tasks, leads, deadlines) and its warnings with line numbers, and writes nothing', async () => {
    const db = temp.path('dry.db');
    const result = await cli(['import', seed, '--db', db, '--dry-run']);
    expect(result.code).toBe(0);
    const text = result.stdout;
    expect(text).toContain('Công tác phổ biến, giáo dục pháp luật, hòa giải ở cơ sở và trợ giúp pháp lý năm 2026');
    expect(text).toContain('number 52/KH-STP, issued on 2026-04-06, by Sở Tư pháp (so-tu-phap)');
    expect(text).toMatch(/Tasks \(\d+\):/);
    expect(text).toMatch(/ 53 +II\.2\.c +.+ +Phòng Kiểm tra văn bản quy phạm pháp luật +Quý III\/2026 +Phòng Pháp chế và Phổ biến, giáo dục pháp luật\n/);
    expect(text).toMatch(/Warnings \(\d+\):\n {2}line \d+: /);
    expect(text.trimEnd().endsWith('Dry run: nothing was written.')).toBe(true);
    expect(existsSync(db)).toBe(false);
  });

  it('--json gives the draft and the warnings', async () => {
    const json = (await cli(['import', seed, '--dry-run', '--json'])).json();
    expect(json).toMatchObject({ kind: 'plan', dryRun: true, created: null, draft: { issuer: { id: 'so-tu-phap' } } });
    expect(json.draft.tasks.length).toBeGreaterThan(5);
    expect(json.warnings[0]).toEqual({ line: expect.any(Number), message: expect.any(String) });
  });

  it('without --dry-run creates the plan with createPlanFromDraft; a re-run appends nothing', async () => {
    const db = temp.path('plans.db');
    const first = await cli(['import', seed, '--db', db, '--json']);
    expect(first.code).toBe(0);
    const { created, draft } = first.json();
    expect(created.appended).toBe(1 + draft.tasks.length);
    const store = sqliteStore({ file: db });
    const engine = createEngine({ store });
    const plan = await engine.getPlan(created.planId);
    expect(plan).toMatchObject({ state: 'draft', title: draft.title, issuer: { id: 'so-tu-phap' } });
    expect((await engine.getTasks(created.planId)).map((task) => task.ref)).toEqual(draft.tasks.map((task: { ref: string }) => task.ref));
    await store.close();

    const again = await cli(['import', seed, '--db', db]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Plan ${created.planId} was already in the log with these tasks: nothing appended.`);
    expect((await cli(['verify', '--db', db])).code).toBe(0);
    expect((await cliVi(['timeline', created.planId, '--db', db])).stdout).toContain('Sở Tư pháp soạn thảo kế hoạch');
  });

  it('prints what it created', async () => {
    const result = await cli(['import', seed, '--db', temp.path('text.db'), '--plan-id', 'kh-stp']);
    expect(result.stdout).toMatch(/Created plan kh-stp with \d+ tasks \(\d+ events appended\)\./);
  });

  it('--issue refuses a draft text that has no number', async () => {
    // The sample as its draft was: number left blank.
    const draft = temp.path('draft.txt');
    writeFileSync(draft, readSample('ke-hoach-stp-pbgdpl-2026.txt').replace('Số: 52/KH-STP', 'Số: /KH-STP'));
    const result = await cli(['import', draft, '--db', temp.path('issue.db'), '--issue']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^planlog: --issue: the text gives no number of issue/);
  });

  it('--as log reads a plan text as a log and says why it is not one', async () => {
    const result = await cli(['import', seed, '--as', 'log', '--dry-run']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^planlog: line \d+: (not valid JSON|the header must be the first line)\n$/);
  });
});
