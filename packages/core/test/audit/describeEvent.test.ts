import { describe, expect, it } from 'vitest';
import { describeDeadline, describeEvent, formatLocalTime, type StoredEvent } from '@planlog/core';

const envelope = {
  id: '0190b6a2-7c41-7d3e-9a51-3f2b8c6d1e04',
  streamId: 'plan-p1',
  version: 5,
  position: 42,
  schemaVersion: 1,
  commandId: 'c1',
  causationId: null,
  correlationId: 'c1',
  recordedAt: '2026-07-01T01:00:00.000Z',
  hash: '0'.repeat(64),
};
const names: Record<string, string> = { 'so-tu-phap': 'Sở Tư pháp', 'phong-xay-dung-phap-luat': 'Phòng Xây dựng pháp luật' };
const context = {
  unitName: (id: string) => names[id] ?? id,
  timeZone: 'Asia/Ho_Chi_Minh',
  requestSubject: (id: string) => (id === 'periodic-2026-H1' ? 'Báo cáo 6 tháng đầu năm 2026' : undefined),
};
const XDPL = { id: 'phong-xay-dung-phap-luat', name: 'Phòng Xây dựng pháp luật' };

describe('describeEvent', () => {
  it('tells a periodic obligation opened by tick from an ad-hoc request', () => {
    const periodic = {
      ...envelope,
      type: 'report.requested',
      actor: { unitId: 'planlog', userId: 'tick' },
      data: { requestId: 'periodic-2026-H1', units: [XDPL], subject: 'Báo cáo 6 tháng đầu năm 2026', dueAt: '2026-06-14T17:00:00.000Z', period: '2026-H1' },
    } as StoredEvent;
    expect(describeEvent(periodic, context)).toEqual({
      vi: 'Đến kỳ báo cáo 2026-H1: Phòng Xây dựng pháp luật gửi “Báo cáo 6 tháng đầu năm 2026”, hạn: 00:00 ngày 15/06/2026',
      en: 'Reporting period 2026-H1 opened: Phòng Xây dựng pháp luật to send “Báo cáo 6 tháng đầu năm 2026”, due 2026-06-15 00:00',
    });
  });

  it('names the request a report answers, when it is known', () => {
    const report = (requestId: string) =>
      ({
        ...envelope,
        type: 'task.reported',
        actor: { unitId: XDPL.id },
        data: { text: 'Kết quả 6 tháng', final: false, period: null, progress: 50, requestId },
      }) as StoredEvent;
    expect(describeEvent(report('periodic-2026-H1'), context).vi).toBe('Phòng Xây dựng pháp luật báo cáo tiến độ 50%, trả lời yêu cầu “Báo cáo 6 tháng đầu năm 2026”');
    expect(describeEvent(report('unknown'), context).en).toBe('Phòng Xây dựng pháp luật reported progress of 50%, answering a report request');
  });

  it('falls back to the unit id for a unit no event names', () => {
    const event = { ...envelope, type: 'task.acknowledged', actor: { unitId: 'phong-khac' }, data: {} } as StoredEvent;
    expect(describeEvent(event, context)).toEqual({ vi: 'phong-khac xác nhận đã nhận nhiệm vụ', en: 'phong-khac acknowledged the task' });
  });
});

describe('describeDeadline', () => {
  it('writes each kind as the plans do', () => {
    expect(
      [
        { kind: 'date', on: '2026-05-25', before: true },
        { kind: 'date', on: '2026-12-15' },
        { kind: 'month', year: 2026, month: 6 },
        { kind: 'quarter', year: 2026, quarter: 2 },
        { kind: 'half', year: 2026, half: 1 },
        { kind: 'half', year: 2026, half: 2 },
        { kind: 'year', year: 2026 },
        { kind: 'ongoing' },
      ].map((deadline) => describeDeadline(deadline as never)),
    ).toEqual([
      { vi: 'trước ngày 25/05/2026', en: 'before 25 May 2026' },
      { vi: 'ngày 15/12/2026', en: '15 December 2026' },
      { vi: 'tháng 6/2026', en: 'June 2026' },
      { vi: 'Quý II/2026', en: 'Q2 2026' },
      { vi: '6 tháng đầu năm 2026', en: 'first half of 2026' },
      { vi: '6 tháng cuối năm 2026', en: 'second half of 2026' },
      { vi: 'năm 2026', en: 'the year 2026' },
      { vi: 'thực hiện thường xuyên', en: 'ongoing' },
    ]);
  });
});

describe('formatLocalTime', () => {
  it('gives local wall time in the zone', () => {
    expect(formatLocalTime('2026-06-30T17:00:00Z', 'Asia/Ho_Chi_Minh')).toBe('2026-07-01 00:00');
    expect(formatLocalTime('2026-06-30T17:00:00Z', 'UTC')).toBe('2026-06-30 17:00');
  });
});
