import { createEngine, manualClock } from '@planlog/core';
import { sqliteStore } from '@planlog/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeControl } from '../src/escapeControl.js';
import { cli, tempDir } from './fixtures/cli.js';

// Terminal injection: text from the log (a report's period and text, a plan's title, a unit's name)
// holding a newline, an ANSI escape, a C1 control or a bidi override reaches a terminal escaped, so
// it can neither forge a line ("… chấp nhận báo cáo, nhiệm vụ hoàn thành") nor recolour one. --json
// keeps every string exact.

const temp = tempDir();
const db = temp.path('plans.db');
const FORGED = '6 tháng\n#99  2026-06-30 17:00  Sở Tư pháp chấp nhận báo cáo, nhiệm vụ hoàn thành';
const RED = 'Đã làm \x1b[31mxong\x1b[0m\x9b2J';
const BIDI = 'Kế hoạch \u202etxt.exe';
const OWNER = { id: 'so-tu-phap', name: 'Sở Tư pháp' };
const LEAD = { id: 'phong-a', name: 'Phòng A\r\x1b[2K' };

/** Any control character a terminal would act on. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

beforeAll(async () => {
  const store = sqliteStore({ file: db });
  const clock = manualClock('2026-04-10T08:00:00+07:00');
  const engine = createEngine({ store, clock });
  const owner = { unitId: OWNER.id };
  await engine.draftPlan({ actor: owner, planId: 'p1', title: BIDI, issuer: OWNER });
  await engine.addTask({ actor: owner, planId: 'p1', taskId: 't1', ref: 'II.1', title: `Nhiệm vụ\n${RED}`, lead: LEAD, deadline: { kind: 'quarter', year: 2026, quarter: 2 } });
  await engine.issuePlan({ actor: owner, planId: 'p1', number: '1/KH-STP', issuedOn: '2026-04-10' });
  await engine.reportTask({ actor: { unitId: LEAD.id }, taskId: 't1', text: RED, period: FORGED, progress: 50 });
  await store.close();
});
afterAll(() => temp.remove());

describe('control characters in human-readable output', () => {
  it.each([
    ['timeline', ['timeline', 't1']],
    ['timeline of the plan', ['timeline', 'p1', '--lang', 'en']],
    ['state', ['state', 'p1']],
    ['plans', ['plans']],
    ['report', ['report', '--unit', 'so-tu-phap', '--period', '2026-Q2', '--format', 'md']],
    ['verify', ['verify']],
  ])('%s prints no raw control character and no forged line', async (_, args) => {
    const result = await cli([...args, '--db', db]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(RAW);
    expect(result.stdout.split('\n').some((line) => line.startsWith('#99'))).toBe(false);
  });

  it('the timeline shows the escapes in place of the characters', async () => {
    const { stdout } = await cli(['timeline', 't1', '--db', db]);
    expect(stdout).toContain('6 tháng\\n#99');
    expect(stdout).toContain('\\x1b[31m');
  });

  it('--json keeps the strings exact', async () => {
    const timeline = (await cli(['timeline', 't1', '--db', db, '--json'])).json();
    expect(timeline.some((entry: { text: string }) => entry.text.includes(FORGED))).toBe(true);
    const state = (await cli(['state', 'p1', '--db', db, '--json'])).json();
    expect(state.plan.title).toBe(BIDI);
    expect(state.tasks[0].reports[0]).toMatchObject({ text: RED, period: FORGED });
  });

  it('an error message quoting input is one escaped line on stderr', async () => {
    const result = await cli(['state', 'nope\x1b[31m\u202eforged', '--db', db]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(RAW);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('escapeControl', () => {
  it('names newline, carriage return and tab; shows other controls by code; leaves text alone', () => {
    expect(escapeControl('a\nb\rc\td')).toBe('a\\nb\\rc\\td');
    expect(escapeControl('\x1b[31m\x7f\x85\x9b')).toBe('\\x1b[31m\\x7f\\x85\\x9b');
    expect(escapeControl('\u202e\u2066\u200f\u061c\u2028')).toBe('\\u202e\\u2066\\u200f\\u061c\\u2028');
    expect(escapeControl('Kế hoạch số 45/KH-STP — Quý II\\2026 ✓')).toBe('Kế hoạch số 45/KH-STP — Quý II\\2026 ✓');
  });
});
