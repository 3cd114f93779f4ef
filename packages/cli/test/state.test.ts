import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLog, PLAN_ID } from './fixtures/buildLog.js';
import { cli as cliVi, cliIn, tempDir } from './fixtures/cli.js';

// These tests read the English messages (Vietnamese is the default).
const cli = cliIn('en');

const temp = tempDir();
const db = temp.path('plans.db');

beforeAll(() => buildLog(db));
afterAll(() => temp.remove());

type Json = { asOf: { position: number; instant: string; meaning: string }; plan: { state: string }; tasks: { ref: string; state: string; overdue: boolean; outcome: string | null }[]; summary: Record<string, number> };
const states = (json: Json) => Object.fromEntries(json.tasks.map((task) => [task.ref, task.state + (task.overdue ? '+overdue' : '')]));

describe('planlog state --as-of', () => {
  it('a date is the end of that local day: the plan and its tasks as they were', async () => {
    const before = (await cli(['state', PLAN_ID, '--as-of', '2026-05-21', '--db', db, '--json'])).json<Json>();
    expect(before.plan.state).toBe('issued');
    expect(states(before)).toEqual({ 'II.1': 'acknowledged', 'II.2': 'acknowledged', 'II.3': 'assigned' });
    expect(before.asOf.instant).toBe('2026-05-21T16:59:59.999Z');

    const june = (await cli(['state', PLAN_ID, '--as-of', '2026-06-30', '--db', db, '--json'])).json<Json>();
    expect(states(june)).toEqual({ 'II.1': 'completed', 'II.2': 'acknowledged', 'II.3': 'assigned' });
    expect(june.summary).toMatchObject({ total: 3, completedOnTime: 1, inTerm: 2, overdueUnfinished: 0 });

    // The overdue flag raised at 25/05 00:00 is part of that day, and cleared by the extension on 10/06.
    expect(states((await cli(['state', PLAN_ID, '--as-of', '2026-05-25', '--db', db, '--json'])).json<Json>())['II.2']).toBe('acknowledged+overdue');
  });

  it('an instant with offset and a log position are cuts too', async () => {
    const instant = (await cli(['state', PLAN_ID, '--as-of', '2026-05-22T10:00:00+07:00', '--db', db, '--json'])).json<Json>();
    expect(states(instant)['II.1']).toBe('completed');
    const earlier = (await cli(['state', PLAN_ID, '--as-of', '2026-05-22T09:59:00+07:00', '--db', db, '--json'])).json<Json>();
    expect(states(earlier)['II.1']).toBe('acknowledged');
    const position = (await cli(['state', PLAN_ID, '--as-of', '4', '--db', db, '--json'])).json<Json>();
    expect(position.asOf.position).toBe(4);
    expect(position.plan.state).toBe('draft');
    expect(position.tasks.map((task) => task.state)).toEqual(['added', 'added', 'added']);
  });

  it('prints a table of tasks and the 4-way summary', async () => {
    const result = await cli(['state', PLAN_ID, '--as-of', '2026-06-30', '--db', db]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('as of end of 2026-06-30 (Asia/Ho_Chi_Minh)');
    expect(result.stdout).toMatch(/II\.1 +completed \(on time\) +Phòng Xây dựng pháp luật +Q2 2026 → late from 2026-07-01 00:00/);
    expect(result.stdout).toMatch(/completed on time +1/);
    expect(result.stdout).toContain('completion rate: 1/1 fallen due (100.0%)');

    const vi = await cliVi(['state', PLAN_ID, '--as-of', '2026-06-30', '--db', db]);
    expect(vi.stdout).toContain('tại cuối ngày 2026-06-30 (Asia/Ho_Chi_Minh)');
    expect(vi.stdout).toMatch(/II\.1 +completed \(đúng hạn\) +Phòng Xây dựng pháp luật +Quý II\/2026 → trễ từ 2026-07-01 00:00/);
    expect(vi.stdout).toMatch(/hoàn thành đúng hạn +1/);
    expect(vi.stdout).toContain('tỉ lệ hoàn thành: 1/1 đã đến hạn (100.0%)');
  });

  it('without --as-of: the whole log, as of now', async () => {
    const now = (await cli(['state', PLAN_ID, '--db', db, '--json'])).json<Json>();
    expect(states(now)['II.2']).toBe('in_progress');
  });

  it('a malformed --as-of is exit 1 with one line naming what it accepts', async () => {
    for (const bad of ['30/06/2026', '2026-02-30', '2026-06-30T12:00', 'yesterday', '-3']) {
      const result = await cli(['state', PLAN_ID, '--as-of', bad, '--db', db]);
      expect(result.code, bad).toBe(1);
      expect(result.stderr, bad).toMatch(/^planlog: --as-of: cannot read ".*": give a date \(2026-06-30/);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });

  it('an unknown plan, or a plan not yet drafted at the cut, is exit 2', async () => {
    const unknown = await cli(['state', 'no-such-plan', '--as-of', '2026-06-30', '--db', db]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('planlog: planId: no plan no-such-plan\n');
    const early = await cli(['state', PLAN_ID, '--as-of', '2026-01-01', '--db', db]);
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('was not yet drafted as of end of 2026-01-01');
  });
});
