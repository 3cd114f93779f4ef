import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLog, PLAN_ID } from './fixtures/buildLog.js';
import { cli, tempDir } from './fixtures/cli.js';

const temp = tempDir();
const db = temp.path('plans.db');

beforeAll(() => buildLog(db));
afterAll(() => temp.remove());

describe('planlog timeline', () => {
  it("prints a task's history in Vietnamese, in order, with local times", async () => {
    const result = await cli(['timeline', 't-tuyentruyen', '--db', db]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Diễn biến nhiệm vụ II.2: Tuyên truyền pháp luật (6 sự kiện, Asia/Ho_Chi_Minh)');
    expect(lines[1]).toMatch(/^ *#\d+ {2}2026-04-10 08:00 {2}Sở Tư pháp thêm nhiệm vụ II\.2/);
    expect(result.stdout).toContain('2026-05-25 00:00');
    expect(result.stdout).toContain('Chờ tài liệu của Bộ Tư pháp');
    const positions = lines.slice(1).map((line) => Number(/#(\d+)/.exec(line)![1]));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('--lang en describes the same events in English', async () => {
    const result = await cli(['timeline', 't-tuyentruyen', '--lang', 'en', '--db', db]);
    expect(result.stdout.split('\n')[0]).toBe('History of task II.2: Tuyên truyền pháp luật (6 events, Asia/Ho_Chi_Minh)');
    expect(result.stdout).toMatch(/acknowledged the task/);
  });

  it("a plan's timeline has its own events and its tasks', each line with the task ref", async () => {
    const result = await cli(['timeline', PLAN_ID, '--db', db]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Diễn biến kế hoạch kh-45-stp \(\d+ sự kiện/);
    expect(result.stdout).toMatch(/ II\.1 {2}.*báo cáo/);
    expect(result.stdout).toMatch(/ban hành kế hoạch số 45\/KH-STP/);
  });

  it('--json gives the entries with actor, local time and both descriptions', async () => {
    const result = await cli(['timeline', 't-rasoat', '--db', db, '--json']);
    const entries = result.json<{ type: string; actor: { unitId: string }; localTime: string; description: { vi: string; en: string } }[]>();
    expect(entries.map((entry) => entry.type)).toEqual(['task.added', 'task.assigned', 'task.acknowledged', 'task.reported', 'task.report_accepted']);
    expect(entries[3]).toMatchObject({ actor: { unitId: 'phong-xay-dung-phap-luat' }, localTime: '2026-05-22 10:00' });
    expect(entries[3]!.description.en).toBeTruthy();
  });

  it('--from and --to keep the events of those local days', async () => {
    const result = await cli(['timeline', PLAN_ID, '--from', '2026-05-20', '--to', '2026-05-25', '--db', db]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Diễn biến kế hoạch kh-45-stp \(4\/\d+ sự kiện, 2026-05-20 – 2026-05-25, Asia\/Ho_Chi_Minh\)$/);
    expect(lines.slice(1).map((line) => /\d{4}-\d{2}-\d{2}/.exec(line)![0])).toEqual(['2026-05-20', '2026-05-22', '2026-05-22', '2026-05-25']);
    const none = await cli(['timeline', 't-rasoat', '--from', '2027-01-01', '--db', db]);
    expect(none.stdout).toBe('Diễn biến nhiệm vụ II.1: Rà soát văn bản pháp luật (0/5 sự kiện, 2027-01-01 – …, Asia/Ho_Chi_Minh)\n');
    const bad = await cli(['timeline', PLAN_ID, '--to', '25/05/2026', '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('planlog: Dữ liệu không hợp lệ: --to: "25/05/2026" is not a date (YYYY-MM-DD, local to the plan)\n');
  });

  it('an unknown id is exit 2; a bad --lang is exit 1', async () => {
    const unknown = await cli(['timeline', 'no-such-task', '--db', db]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('planlog: Không tìm thấy: id: no plan or task no-such-task\n');
    const json = await cli(['timeline', 'no-such-task', '--db', db, '--json']);
    expect(json.json()).toMatchObject({ error: { code: 'NOT_FOUND', field: 'id' }, exitCode: 2 });
    const lang = await cli(['timeline', 't-rasoat', '--lang', 'fr', '--db', db]);
    expect(lang.code).toBe(1);
    expect(lang.stderr).toContain("planlog: option '--lang <lang>' argument 'fr' is invalid. Allowed choices are vi, en.");
  });
});
