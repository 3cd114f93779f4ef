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

  it('an unknown id is exit 2; a bad --lang is exit 1', async () => {
    const unknown = await cli(['timeline', 'no-such-task', '--db', db]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('planlog: id: no plan or task no-such-task\n');
    const json = await cli(['timeline', 'no-such-task', '--db', db, '--json']);
    expect(json.json()).toMatchObject({ error: { code: 'NOT_FOUND', field: 'id' }, exitCode: 2 });
    const lang = await cli(['timeline', 't-rasoat', '--lang', 'fr', '--db', db]);
    expect(lang.code).toBe(1);
    expect(lang.stderr).toContain("planlog: option '--lang <lang>' argument 'fr' is invalid. Allowed choices are vi, en.");
  });
});
