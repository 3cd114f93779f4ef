import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, timeline, type EventType } from '@planlog/core';
import { issuedPlan, LEAD, PBGDPL, STP, SUPPORT, XDPL } from '../fixtures.js';

describe('timeline of a task', () => {
  it('tells what happened, when (local time), who, in Vietnamese and English', async () => {
    const { engine, clock, store, taskId } = await issuedPlan();
    clock.set('2026-04-20T01:30:00Z');
    await engine.acknowledgeTask({ actor: { ...LEAD, userId: 'nguyen-thi-lan' }, taskId });
    await engine.reportTask({ actor: LEAD, taskId, text: 'Đã rà soát 40%', progress: 40, period: '6 tháng đầu năm' });
    clock.set('2026-06-30T17:00:00Z');
    await engine.tick();
    await engine.reportTask({ actor: LEAD, taskId, text: 'Hoàn thành rà soát', final: true });
    await engine.acceptReport({ actor: STP, taskId, note: 'Đạt yêu cầu' });

    const entries = await timeline(store, taskId);
    expect(entries.map((entry) => [entry.position, entry.localTime, entry.actorName, entry.description.vi])).toEqual([
      [2, '2026-04-10 09:00', 'Sở Tư pháp', 'Sở Tư pháp thêm nhiệm vụ II.3 “Rà soát hệ thống văn bản pháp luật”, chủ trì: Phòng Xây dựng pháp luật, phối hợp: Phòng Pháp chế và Phổ biến, giáo dục pháp luật, thời hạn: Quý II/2026'],
      [4, '2026-04-10 09:00', 'Sở Tư pháp', 'Sở Tư pháp giao Phòng Xây dựng pháp luật chủ trì, phối hợp: Phòng Pháp chế và Phổ biến, giáo dục pháp luật, thời hạn: Quý II/2026'],
      [5, '2026-04-20 08:30', 'Phòng Xây dựng pháp luật', 'Phòng Xây dựng pháp luật xác nhận đã nhận nhiệm vụ'],
      [6, '2026-04-20 08:30', 'Phòng Xây dựng pháp luật', 'Phòng Xây dựng pháp luật báo cáo tiến độ 40%, kỳ báo cáo: 6 tháng đầu năm'],
      [7, '2026-07-01 00:00', 'planlog', 'Nhiệm vụ quá hạn (hạn: 00:00 ngày 01/07/2026)'],
      [8, '2026-07-01 00:00', 'Phòng Xây dựng pháp luật', 'Phòng Xây dựng pháp luật báo cáo hoàn thành (báo cáo cuối cùng)'],
      [9, '2026-07-01 00:00', 'Sở Tư pháp', 'Sở Tư pháp chấp nhận báo cáo, nhiệm vụ hoàn thành (Đạt yêu cầu)'],
    ]);
    expect(entries.map((entry) => entry.description.en)).toEqual([
      'Sở Tư pháp added the task II.3 “Rà soát hệ thống văn bản pháp luật”, led by Phòng Xây dựng pháp luật, supported by Phòng Pháp chế và Phổ biến, giáo dục pháp luật, deadline Q2 2026',
      'Sở Tư pháp assigned the task to Phòng Xây dựng pháp luật, supported by Phòng Pháp chế và Phổ biến, giáo dục pháp luật, deadline Q2 2026',
      'Phòng Xây dựng pháp luật acknowledged the task',
      'Phòng Xây dựng pháp luật reported progress of 40%, period: 6 tháng đầu năm',
      'The task fell overdue (due 2026-07-01 00:00)',
      'Phòng Xây dựng pháp luật submitted the final report',
      'Sở Tư pháp accepted the final report; the task is completed (Đạt yêu cầu)',
    ]);
    expect(entries[2]).toMatchObject({
      streamId: `task-${taskId}`,
      version: 3,
      type: 'task.acknowledged',
      recordedAt: '2026-04-20T01:30:00.000Z',
      timeZone: 'Asia/Ho_Chi_Minh',
      actor: { unitId: XDPL.id, userId: 'nguyen-thi-lan' },
      task: { taskId, ref: 'II.3', title: 'Rà soát hệ thống văn bản pháp luật' },
      text: 'Phòng Xây dựng pháp luật xác nhận đã nhận nhiệm vụ',
    });
  });

  it('gives English text and another time zone on request', async () => {
    const { store, taskId } = await issuedPlan();
    const [added] = await timeline(store, taskId, { locale: 'en', timeZone: 'UTC' });
    expect(added).toMatchObject({ localTime: '2026-04-10 02:00', timeZone: 'UTC', text: expect.stringMatching(/^Sở Tư pháp added the task II\.3/) });
  });

  it('refuses an unknown id with NOT_FOUND naming id, and a bad time zone with VALIDATION', async () => {
    const { store, taskId } = await issuedPlan();
    await expect(timeline(store, 'no-such-id')).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    await expect(timeline(store, taskId, { kind: 'plan' })).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    await expect(timeline(store, taskId, { timeZone: 'Mars/Olympus' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'timeZone' });
  });
});

describe('timeline of a plan', () => {
  it('holds the plan stream and every event of its tasks, in global order, and nothing of other plans', async () => {
    const { engine, store, planId, taskId } = await issuedPlan();
    const other = await engine.draftPlan({ actor: STP, title: 'Kế hoạch khác', issuer: { id: STP.unitId, name: 'Sở Tư pháp' } });
    await engine.addTask({ actor: STP, planId: other.planId, title: 'Việc khác', lead: XDPL });
    const second = await engine.addTask({ actor: STP, planId, ref: 'II.4', title: 'Tuyên truyền', lead: PBGDPL, deadline: { kind: 'date', on: '2026-05-25', before: true } });
    await engine.acknowledgeTask({ actor: LEAD, taskId });

    const entries = await timeline(store, planId);
    const positions = entries.map((entry) => entry.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(entries.map((entry) => entry.streamId))).toEqual(new Set([`plan-${planId}`, `task-${taskId}`, `task-${second.taskId}`]));
    expect(entries.slice(0, 3).map((entry) => entry.text)).toEqual([
      'Sở Tư pháp soạn thảo kế hoạch “Kế hoạch phòng, chống tội phạm năm 2026”',
      expect.stringMatching(/^Sở Tư pháp thêm nhiệm vụ II\.3/),
      'Sở Tư pháp ban hành kế hoạch số 45/KH-STP ngày 15/04/2026',
    ]);
    expect(entries.find((entry) => entry.task?.ref === 'II.4' && entry.type === 'task.added')!.description).toEqual({
      vi: 'Sở Tư pháp thêm nhiệm vụ II.4 “Tuyên truyền”, chủ trì: Phòng Pháp chế và Phổ biến, giáo dục pháp luật, thời hạn: trước ngày 25/05/2026',
      en: 'Sở Tư pháp added the task II.4 “Tuyên truyền”, led by Phòng Pháp chế và Phổ biến, giáo dục pháp luật, deadline before 25 May 2026',
    });
    expect(entries[0]!.task).toBeNull();
  });

  it('describes every event type in both languages', async () => {
    const { engine, clock, store, planId, taskId } = await issuedPlan();
    const { taskId: second } = await engine.addTask({ actor: STP, planId, title: 'Việc thứ hai', lead: PBGDPL, deadline: { kind: 'year', year: 2026 } });
    await engine.acknowledgeTask({ actor: LEAD, taskId });
    await engine.reportTask({ actor: LEAD, taskId, text: 'Xong', final: true });
    await engine.returnReport({ actor: STP, taskId, reason: 'Thiếu số liệu' });
    await engine.extendDeadline({ actor: STP, taskId, deadline: { kind: 'month', year: 2026, month: 8 }, reason: 'Khối lượng lớn' });
    await engine.reassignTask({ actor: STP, taskId, lead: PBGDPL, support: [XDPL], reason: 'Điều chỉnh phân công' });
    await engine.reportTask({ actor: SUPPORT, taskId, text: 'Xong', final: true });
    await engine.acceptReport({ actor: STP, taskId });
    const { requestId } = await engine.requestReport({ actor: STP, planId, units: [PBGDPL], subject: 'Báo cáo nhanh', dueAt: '2026-05-01T01:00:00Z' });
    expect(requestId).toBeTruthy();
    clock.set('2027-01-01T00:00:00Z');
    await engine.tick();
    await engine.cancelTask({ actor: STP, taskId: second, reason: 'Không còn phù hợp' });
    await engine.upgradeRules({ actor: STP, planId, version: 2, note: 'Quyết định của UBND tỉnh' });
    await engine.closePlan({ actor: STP, planId });

    const entries = await timeline(store, planId);
    expect(new Set(entries.map((entry) => entry.type))).toEqual(new Set<EventType>(EVENT_TYPES));
    for (const { description } of entries) {
      for (const text of [description.vi, description.en]) {
        expect(text).not.toMatch(/undefined|null|\[object/);
        expect(text).not.toContain('\n');
      }
    }
    const byType = (type: EventType) => entries.find((entry) => entry.type === type)!.description;
    expect(byType('task.report_returned').vi).toBe('Sở Tư pháp trả lại báo cáo: Thiếu số liệu');
    expect(byType('task.deadline_extended')).toEqual({ vi: 'Sở Tư pháp gia hạn đến tháng 8/2026: Khối lượng lớn', en: 'Sở Tư pháp extended the deadline to August 2026: Khối lượng lớn' });
    expect(byType('task.reassigned').vi).toBe('Sở Tư pháp giao lại cho Phòng Pháp chế và Phổ biến, giáo dục pháp luật chủ trì, phối hợp: Phòng Xây dựng pháp luật: Điều chỉnh phân công');
    expect(byType('report.requested').vi).toBe('Sở Tư pháp yêu cầu Phòng Pháp chế và Phổ biến, giáo dục pháp luật báo cáo đột xuất “Báo cáo nhanh”, hạn: 08:00 ngày 01/05/2026');
    expect(byType('report.overdue')).toEqual({
      vi: 'Phòng Pháp chế và Phổ biến, giáo dục pháp luật quá hạn gửi báo cáo “Báo cáo nhanh” (hạn: 08:00 ngày 01/05/2026)',
      en: 'Phòng Pháp chế và Phổ biến, giáo dục pháp luật missed the report “Báo cáo nhanh” due 2026-05-01 08:00',
    });
    expect(byType('task.cancelled').en).toBe('Sở Tư pháp cancelled the task: Không còn phù hợp');
    expect(byType('plan.closed')).toEqual({ vi: 'Sở Tư pháp kết thúc kế hoạch', en: 'Sở Tư pháp closed the plan' });
    expect(byType('plan.rules_upgraded')).toEqual({
      vi: 'Sở Tư pháp chuyển kế hoạch từ quy tắc phiên bản 1 sang phiên bản 2: Quyết định của UBND tỉnh',
      en: 'Sở Tư pháp moved the plan from rules version 1 to version 2: Quyết định của UBND tỉnh',
    });
  });
});
