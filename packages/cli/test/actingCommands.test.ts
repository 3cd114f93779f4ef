import { createEngine, manualClock } from '@planlog/core';
import { sqliteStore } from '@planlog/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './fixtures/cli.js';

// The commands that run a plan, in the order a year runs them, on a draft made with engine commands.
// Each step: a refusal (exit code, typed error, message in Vietnamese and English, nothing appended),
// then the command with --json and --command-id, then the same again: same result, nothing appended.

const temp = tempDir();
const db = temp.path('plans.db');
const ISSUER = { id: 'so-tu-phap', name: 'Sở Tư pháp' };
const LEAD = { id: 'phong-xdpl', name: 'Phòng Xây dựng pháp luật' };
const SUPPORT = { id: 'van-phong', name: 'Văn phòng Sở' };
const OTHER = { id: 'phong-pbgd', name: 'Phòng Phổ biến giáo dục pháp luật' };

beforeAll(async () => {
  const store = sqliteStore({ file: db });
  const engine = createEngine({ store, clock: manualClock('2026-01-05T08:00:00+07:00') });
  const actor = { unitId: ISSUER.id };
  await engine.draftPlan({ actor, planId: 'kh-1', title: 'Kế hoạch kiểm tra văn bản năm 2026', issuer: ISSUER });
  await engine.addTask({ actor, planId: 'kh-1', taskId: 't1', ref: 'II.1', title: 'Rà soát văn bản', lead: LEAD, support: [SUPPORT], deadline: { kind: 'year', year: 2099 } });
  await engine.addTask({ actor, planId: 'kh-1', taskId: 't2', ref: 'II.2', title: 'Tuyên truyền', lead: OTHER, deadline: { kind: 'year', year: 2099 } });
  await engine.addTask({ actor, planId: 'kh-1', taskId: 't3', ref: 'II.3', title: 'Theo dõi thi hành', lead: LEAD, deadline: { kind: 'ongoing' } });
  await engine.addTask({ actor, planId: 'kh-1', taskId: 't4', ref: 'II.4', title: 'Tập huấn' });
  await store.close();
});
afterAll(() => temp.remove());

const head = async () => (await cli(['verify', '--db', db, '--json'])).json().checked as number;

type Refusal = { args: string[]; exit: number; code: string; field?: string; vi: RegExp; en: RegExp };
type Step = { name: string; args: string[]; result: Record<string, unknown>; said: RegExp; refusal: Refusal };

const as = (unit: { id: string }) => ['--as', unit.id];

const steps: Step[] = [
  {
    name: 'issue',
    args: ['issue', 'kh-1', '--number', '7/KH-STP', '--issued-on', '2026-01-10', ...as(ISSUER)],
    result: { planId: 'kh-1' },
    said: /^Đã ban hành kế hoạch kh-1 số 7\/KH-STP ngày 10\/01\/2026 \(4 sự kiện được ghi vào nhật ký, đến vị trí \d+\)\.\n$/,
    refusal: { args: ['issue', 'kh-1', '--number', '7/KH-STP', '--issued-on', '2026-01-10', ...as(LEAD)], exit: 1, code: 'FORBIDDEN', vi: /^planlog: Không có quyền: .*only the issuing unit so-tu-phap/, en: /^planlog: actor\.unitId: .* is not allowed/ },
  },
  {
    name: 'assign',
    args: ['assign', 't4', '--lead', `${OTHER.id}=${OTHER.name}`, '--support', SUPPORT.name, '--deadline', '2026-H1', ...as(ISSUER)],
    result: { taskId: 't4' },
    said: /^Đã giao nhiệm vụ t4 cho Phòng Phổ biến giáo dục pháp luật, thời hạn 6 tháng đầu năm 2026 \(1 sự kiện/,
    refusal: { args: ['assign', 't4', '--lead', OTHER.name, '--deadline', '2026-Q5', ...as(ISSUER)], exit: 1, code: 'VALIDATION', field: 'deadline', vi: /^planlog: Dữ liệu không hợp lệ: --deadline: không đọc được thời hạn "2026-Q5"/, en: /^planlog: --deadline: cannot read the deadline "2026-Q5"; write one of: 2026-Q2/ },
  },
  {
    name: 'ack',
    args: ['ack', 't1', ...as(LEAD), '--user', 'nguyen-van-a'],
    result: { taskId: 't1' },
    said: /^phong-xdpl đã tiếp nhận nhiệm vụ t1 \(1 sự kiện/,
    refusal: { args: ['ack', 't1', ...as(OTHER)], exit: 1, code: 'FORBIDDEN', vi: /^planlog: Không có quyền: /, en: /^planlog: actor\.unitId: .* is not allowed/ },
  },
  {
    name: 'report-task',
    args: ['report-task', 't1', '--text', 'Đã rà soát 12 văn bản', '--final', '--period', 'Quý I/2026', ...as(LEAD)],
    result: { taskId: 't1' },
    said: /^phong-xdpl đã gửi báo cáo hoàn thành nhiệm vụ t1 \(1 sự kiện/,
    refusal: { args: ['report-task', 't1', '--text', 'Xong', '--final', ...as(SUPPORT)], exit: 1, code: 'FORBIDDEN', vi: /^planlog: Không có quyền: .*support unit/, en: /^planlog: actor\.unitId: .* is not allowed/ },
  },
  {
    name: 'return',
    args: ['return', 't1', '--reason', 'Thiếu số liệu', ...as(ISSUER)],
    result: { taskId: 't1' },
    said: /^Đã trả lại báo cáo nhiệm vụ t1 \(1 sự kiện/,
    refusal: { args: ['return', 't1', ...as(ISSUER)], exit: 1, code: 'VALIDATION', field: 'reason', vi: /^planlog: Dữ liệu không hợp lệ: --reason: bắt buộc với lệnh này\n$/, en: /^planlog: --reason: required by this command\n$/ },
  },
  {
    name: 'report-task (progress)',
    args: ['report-task', 't1', '--text', 'Đã bổ sung số liệu', '--progress', '90', ...as(SUPPORT)],
    result: { taskId: 't1' },
    said: /^van-phong đã báo cáo tiến độ nhiệm vụ t1 \(1 sự kiện/,
    refusal: { args: ['report-task', 't1', '--text', 'x', '--progress', '120', ...as(LEAD)], exit: 1, code: 'VALIDATION', field: 'progress', vi: /--progress: "120" không phải tỉ lệ phần trăm/, en: /--progress: "120" is not a percentage/ },
  },
  {
    name: 'report-task (final again)',
    args: ['report-task', 't1', '--text', 'Đã rà soát 12 văn bản, có số liệu', '--final', ...as(LEAD)],
    result: { taskId: 't1' },
    said: /^phong-xdpl đã gửi báo cáo hoàn thành nhiệm vụ t1 \(1 sự kiện/,
    // t1 is in progress again (its report was returned): nothing to accept yet.
    refusal: { args: ['accept', 't1', ...as(ISSUER)], exit: 1, code: 'ILLEGAL_TRANSITION', vi: /^planlog: Không thực hiện được ở trạng thái hiện tại: /, en: /^planlog: taskId: task\.report_accepted is not allowed on task-t1 in state in_progress/ },
  },
  {
    name: 'accept',
    args: ['accept', 't1', '--note', 'Đạt yêu cầu', ...as(ISSUER)],
    result: { taskId: 't1' },
    said: /^Đã chấp nhận báo cáo, nhiệm vụ t1 hoàn thành \(1 sự kiện/,
    refusal: { args: ['accept', 't1', ...as(LEAD)], exit: 1, code: 'FORBIDDEN', vi: /^planlog: Không có quyền: /, en: /^planlog: actor\.unitId: .* is not allowed/ },
  },
  {
    name: 'extend',
    args: ['extend', 't2', '--deadline', 'before:2026-02-01', '--reason', 'Chờ tài liệu', ...as(ISSUER)],
    result: { taskId: 't2' },
    said: /^Đã gia hạn nhiệm vụ t2 đến trước ngày 01\/02\/2026 \(1 sự kiện/,
    refusal: { args: ['extend', 'nope', '--deadline', '2026-09', '--reason', 'x', ...as(ISSUER)], exit: 2, code: 'NOT_FOUND', vi: /^planlog: Không tìm thấy: /, en: /^planlog: (taskId: no task nope|--db: no such SQLite file)/ },
  },
  {
    name: 'reassign',
    args: ['reassign', 't3', '--lead', OTHER.name, '--reason', 'Điều chỉnh phân công', ...as(ISSUER)],
    result: { taskId: 't3' },
    said: /^Đã giao lại nhiệm vụ t3 cho Phòng Phổ biến giáo dục pháp luật \(1 sự kiện/,
    refusal: { args: ['reassign', 't3', '--lead', '', '--reason', 'x', ...as(ISSUER)], exit: 1, code: 'VALIDATION', field: 'lead', vi: /--lead: bắt buộc/, en: /--lead: required/ },
  },
  {
    name: 'cancel',
    args: ['cancel', 't3', '--reason', 'Không còn phù hợp', ...as(ISSUER)],
    result: { taskId: 't3' },
    said: /^Đã hủy nhiệm vụ t3 \(1 sự kiện/,
    refusal: { args: ['cancel', 't3', '--reason', 'x', ...as(LEAD)], exit: 1, code: 'FORBIDDEN', vi: /^planlog: Không có quyền: /, en: /^planlog: actor\.unitId: .* is not allowed/ },
  },
  {
    name: 'request-report',
    args: ['request-report', 'kh-1', '--unit', `${OTHER.id}=${OTHER.name}`, '--subject', 'Báo cáo nhanh', '--due', 'before:2099-06-01', '--request-id', 'r1', ...as(ISSUER)],
    result: { planId: 'kh-1', requestId: 'r1' },
    said: /^Đã yêu cầu báo cáo r1 \(Phòng Phổ biến giáo dục pháp luật\), hạn 2099-06-01 00:00 \(1 sự kiện/,
    refusal: { args: ['request-report', 'kh-1', '--unit', OTHER.name, '--subject', 'x', '--due', '01/06/2099', ...as(ISSUER)], exit: 1, code: 'VALIDATION', field: 'due', vi: /--due: không đọc được hạn "01\/06\/2099"/, en: /--due: cannot read the due time "01\/06\/2099"/ },
  },
  {
    name: 'upgrade-rules',
    args: ['upgrade-rules', 'kh-1', '--to', '2', '--note', 'Quyết định 30/QĐ-UBND', ...as(ISSUER)],
    result: { planId: 'kh-1' },
    said: /^Kế hoạch kh-1 áp dụng quy tắc phiên bản 2 \(1 sự kiện/,
    refusal: { args: ['upgrade-rules', 'kh-1', '--to', '3', ...as(ISSUER)], exit: 1, code: 'VALIDATION', field: 'version', vi: /^planlog: Dữ liệu không hợp lệ: version: rules version 3 is not one this planlog carries/, en: /^planlog: version: rules version 3 is not one this planlog carries \(1–2\)/ },
  },
  {
    name: 'close',
    args: ['close', 'kh-1', '--note', 'Tổng kết', ...as(ISSUER)],
    result: { planId: 'kh-1' },
    said: /^Đã kết thúc kế hoạch kh-1 \(1 sự kiện/,
    refusal: { args: ['close', 'kh-1', ...as(ISSUER), '--db', temp.path('none.db')], exit: 2, code: 'NOT_FOUND', field: 'db', vi: /^planlog: Không tìm thấy: --db: no such SQLite file/, en: /^planlog: (taskId: no task nope|--db: no such SQLite file)/ },
  },
];

describe.sequential('planlog commands that run a plan', () => {
  for (const [index, step] of steps.entries()) {
    it(`${step.name}: refused with its exit code and message in vi and en, appending nothing`, async () => {
      const before = await head();
      const withDb = (args: string[]) => (args.includes('--db') ? args : [...args, '--db', db]);
      const vi = await cli(withDb(step.refusal.args));
      expect(vi.code).toBe(step.refusal.exit);
      expect(vi.stdout).toBe('');
      expect(vi.stderr).toMatch(step.refusal.vi);
      expect(vi.stderr.trimEnd().split('\n')).toHaveLength(1);
      const en = await cli([...withDb(step.refusal.args), '--lang', 'en']);
      expect(en.code).toBe(step.refusal.exit);
      expect(en.stderr).toMatch(step.refusal.en);
      const json = (await cli([...withDb(step.refusal.args), '--json'])).json();
      expect(json).toMatchObject({ error: { code: step.refusal.code, ...(step.refusal.field ? { field: step.refusal.field } : {}) }, exitCode: step.refusal.exit });
      expect(await head()).toBe(before);
    });

    it(`${step.name}: done, said in Vietnamese; --command-id again appends nothing and gives the same result (--json, --lang en)`, async () => {
      const commandId = `step-${index}`;
      const before = await head();
      const done = await cli([...step.args, '--db', db, '--command-id', commandId]);
      expect(done.stderr).toBe('');
      expect(done.code).toBe(0);
      expect(done.stdout).toMatch(step.said);
      const after = await head();
      expect(after).toBeGreaterThan(before);
      expect(done.stdout).toContain(`(${after - before} sự kiện được ghi vào nhật ký, đến vị trí ${after}).`);

      const again = await cli([...step.args, '--db', db, '--json', '--command-id', commandId]);
      expect(again.code).toBe(0);
      expect(again.json()).toEqual({ command: step.name.split(' ')[0], db, commandId, result: { ...step.result, position: after }, appended: 0, replayed: true });
      expect(await head()).toBe(after);

      const said = await cli([...step.args, '--db', db, '--command-id', commandId]);
      expect(said.stdout).toMatch(/\(lệnh step-\d+ đã được thực hiện trước đó, không ghi thêm gì\)\.\n$/);
      const saidEn = await cli([...step.args, '--db', db, '--command-id', commandId, '--lang', 'en']);
      expect(saidEn.stdout).toMatch(/\(command step-\d+ had already run, nothing appended\)\.\n$/);
      expect(await head()).toBe(after);
    });
  }

  it('--json on a first run: the result, the events appended, replayed false; English with --lang en', async () => {
    const dir = tempDir();
    try {
      const file = dir.path('json.db');
      const store = sqliteStore({ file });
      const engine = createEngine({ store, clock: manualClock('2026-01-05T08:00:00+07:00') });
      await engine.draftPlan({ actor: { unitId: ISSUER.id }, planId: 'kh-3', title: 'Kế hoạch', issuer: ISSUER });
      await engine.addTask({ actor: { unitId: ISSUER.id }, planId: 'kh-3', taskId: 'a', title: 'Việc A', lead: LEAD, deadline: { kind: 'year', year: 2099 } });
      await engine.issuePlan({ actor: { unitId: ISSUER.id }, planId: 'kh-3', number: '9/KH-STP', issuedOn: '2026-01-05' });
      await store.close();
      const json = await cli(['ack', 'a', '--db', file, ...as(LEAD), '--json']);
      expect(json.json()).toEqual({ command: 'ack', db: file, commandId: expect.stringMatching(/^cli:[0-9a-f-]{36}$/), result: { taskId: 'a', position: 5 }, appended: 1, replayed: false });
      const en = await cli(['report-task', 'a', '--text', 'Đã làm một nửa', '--progress', '50', '--db', file, ...as(LEAD), '--lang', 'en']);
      expect(en.stdout).toBe('phong-xdpl reported progress on task a (1 event appended to the log, up to position 6).\n');
    } finally {
      dir.remove();
    }
  });
});

describe('planlog tick', () => {
  it('appends what fell due and lists it; a second tick appends nothing; exit 0 both times', async () => {
    // t2's deadline (before 01/02/2026) and t4's (first half of 2026) have passed; the plan is closed, so nothing falls due there.
    const dir = tempDir();
    try {
      const file = dir.path('tick.db');
      const store = sqliteStore({ file });
      const engine = createEngine({ store, clock: manualClock('2026-01-05T08:00:00+07:00') });
      const actor = { unitId: ISSUER.id };
      await engine.draftPlan({ actor, planId: 'kh-2', title: 'Kế hoạch', issuer: ISSUER });
      await engine.addTask({ actor, planId: 'kh-2', taskId: 'late', ref: 'II.1', title: 'Việc đã quá hạn', lead: LEAD, deadline: { kind: 'date', on: '2026-02-01', before: true } });
      await engine.addTask({ actor, planId: 'kh-2', taskId: 'later', ref: 'II.2', title: 'Việc còn hạn', lead: LEAD, deadline: { kind: 'year', year: 2099 } });
      await engine.issuePlan({ actor, planId: 'kh-2', number: '8/KH-STP', issuedOn: '2026-01-05' });
      await store.close();

      const first = await cli(['tick', '--db', file]);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}: 1 sự kiện được ghi:\n {2}#7 {2}late {2}Nhiệm vụ quá hạn \(hạn: 00:00 ngày 01\/02\/2026\)\n$/);
      const second = await cli(['tick', '--db', file, '--lang', 'en']);
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(/: nothing has fallen due, no event appended\.\n$/);
      expect((await cli(['tick', '--db', file, '--json'])).json()).toMatchObject({ command: 'tick', appended: [] });
      expect((await cli(['tick', '--db', dir.path('missing.db')])).code).toBe(2);
    } finally {
      dir.remove();
    }
  });
});

describe('request-report --due', () => {
  it.each([
    ['2026-06-01', '2026-06-01T17:00:00.000Z'],
    ['before:2026-06-01', '2026-05-31T17:00:00.000Z'],
    ['2026-06-01T09:30:00+07:00', '2026-06-01T09:30:00+07:00'],
  ])('%s is due at %s (Asia/Ho_Chi_Minh)', async (text, dueAt) => {
    const { parseDue } = await import('../src/commands/requestReport.js');
    expect(parseDue(text, 'Asia/Ho_Chi_Minh', 'vi')).toBe(dueAt);
  });

  it.each(['2026-02-29', '2026-13-01', '0026-06-01', '01/06/2026', '2026-06-01T09:30'])('"%s" is VALIDATION on due', async (text) => {
    const { parseDue } = await import('../src/commands/requestReport.js');
    expect(() => parseDue(text, 'Asia/Ho_Chi_Minh', 'en')).toThrow(expect.objectContaining({ code: 'VALIDATION', field: 'due' }));
  });
});

describe('--deadline forms', () => {
  it.each([
    ['2026-Q2', 'Quý II/2026'],
    ['2026-06', 'tháng 6/2026'],
    ['2026-H1', '6 tháng đầu năm 2026'],
    ['2026', 'năm 2026'],
    ['2026-05-25', 'ngày 25/05/2026'],
    ['before:2026-05-25', 'trước ngày 25/05/2026'],
    ['ongoing', 'thường xuyên'],
  ])('%s', async (form, described) => {
    const { parseDeadline } = await import('../src/parseDeadline.js');
    const { describeDeadline } = await import('@planlog/core');
    expect(describeDeadline(parseDeadline(form, '--deadline', 'vi')).vi).toContain(described);
  });

  it.each(['2026-13', '2026-02-30', 'Q2', '26-Q2', 'soon', ''])('"%s" is VALIDATION on deadline', async (form) => {
    const { parseDeadline } = await import('../src/parseDeadline.js');
    expect(() => parseDeadline(form, '--deadline', 'en')).toThrow(expect.objectContaining({ code: 'VALIDATION', field: 'deadline' }));
  });
});
