import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '@planlog/core';
import { collectReport, composeReport, renderMarkdown, type ReportData } from '@planlog/report';
import { BG, buildScenario, HT, LS, SNGV, TT, VP } from './fixtures/scenario.js';

// The hand-counted table of the scenario (fixtures/scenario.ts) as of the end of Quý III/2026
// (14/09/2026 23:59:59.999, UTC+7), counted by reading the scenario's commands, not the code:
//
// | lead unit             | total | on time | late | in term | overdue | rate        |
// | Phòng Biên giới       |   1   |    1    |  0   |    0    |    0    | 100,0%      | A8
// | Phòng Hợp tác quốc tế |   2   |    0    |  1   |    1    |    0    | 100,0%      | A2 late, A3 extended
// | Phòng Lãnh sự         |   2   |    0    |  1   |    1    |    0    | 100,0%      | A1 late, A4 ongoing
// | Thanh tra Sở          |   2   |    2    |  0   |    0    |    0    | 100,0%      | A6, B2
// | Văn phòng Sở          |   2   |    0    |  0   |    1    |    1    | 0,0%        | A5 overdue, B1; A9 cancelled
// | total                 |   9   |    3    |  2   |    3    |    1    | 5/6 = 83,3% | + 1 cancelled
//
// Quý II/2026 (to 14/06): 10 tasks, 1 on time (B2), 9 in term; 1/1 = 100,0%.
// In Q3: 4 completed (A6, A8 on time; A1, A2 late), 11 unit reports, 1 returned (A2), 1 extended (A3).
// Requests due in Q3: the ad-hoc one (due 15/07): on time LS, late HT (chased 15/07, answered 20/07),
// missing VP; the Q3 obligation (due 15/09): on time LS and BG (BG's task done since, so it no
// longer owes it, yet answered), missing HT and VP, Thanh tra Sở not owing (its task done, never chased).
// Due in Quý IV (to 14/12): A3 (15/10), B1 (31/10).
const PARTICULARS = { number: '125', place: 'Hà Tĩnh', date: '2026-09-16', superior: 'UBND tỉnh Hà Tĩnh', signer: { authority: 'KT. GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'Nguyễn Văn An' } };

let engine: Engine;
let data: ReportData;
beforeAll(async () => {
  ({ engine } = await buildScenario());
  data = await collectReport({ engine, unit: SNGV, period: '2026-Q3', particulars: PARTICULARS });
});

const row = (s: ReportData['summary']) => [s.total, s.completedOnTime, s.completedLate, s.inTerm, s.overdueUnfinished, s.cancelled, s.fallenDue];
const names = (units: { name: string }[]) => units.map((unit) => unit.name).sort();

describe('the figures of a Báo cáo, against a hand-counted scenario', () => {
  it('reports only the plans the sending agency issued (not another agency’s, not a draft)', () => {
    expect(data.plans.map((plan) => plan.planId)).toEqual(['sngv-a', 'sngv-b']);
    expect(data.tasks.every((task) => task.planId !== 'stp-c')).toBe(true);
  });

  it('counts the four headings as of the period’s end, and the previous period’s', () => {
    expect(row(data.summary)).toEqual([9, 3, 2, 3, 1, 1, 6]);
    expect(data.summary.completionRate).toBeCloseTo(5 / 6);
    expect(data.ongoingInTerm).toBe(1);
    expect(row(data.previousSummary)).toEqual([10, 1, 0, 9, 0, 0, 1]);
    expect(data.previous.label).toBe('Quý II/2026');
  });

  it('by lead unit', () => {
    expect(data.byUnit.map(({ unit, summary }) => [unit.name, ...row(summary).slice(0, 5), summary.completionRate])).toEqual([
      [BG.name, 1, 1, 0, 0, 0, 1],
      [HT.name, 2, 0, 1, 1, 0, 1],
      [LS.name, 2, 0, 1, 1, 0, 1],
      [TT.name, 2, 2, 0, 0, 0, 1],
      [VP.name, 2, 0, 0, 1, 1, 0],
    ]);
  });

  it('what happened inside the period', () => {
    expect(data.completedInPeriod.map((task) => [task.ref, task.heading])).toEqual([
      ['II.1', 'completedLate'],
      ['II.2.a', 'completedLate'],
      ['III.2', 'completedOnTime'],
      ['III.4', 'completedOnTime'],
    ]);
    const kinds = data.changes.map((change) => change.kind).sort();
    expect(kinds).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'extended', 'returned']);
    const reports = data.tasks.flatMap((task) => task.reports).filter((report) => Date.parse(report.at) >= data.period.opensAt.getTime());
    expect(reports).toHaveLength(11);
    expect(data.dueNext.map((task) => task.ref)).toEqual(['II.2.b', 'II.1']);
  });

  it('report requests: on time, late after being chased, missing, and not owing', () => {
    // The scenario places its answers around the Q3 obligation's due instant: its engine asks for no
    // lag after the cut-off (reportDueLagDays: 0), so the report is due at the end of the period's last
    // day. If that due moves, this is the line that says so; move the scenario's answers with it.
    const due = data.plans[0]!.requests.find((request) => request.requestId === 'periodic-2026-Q3')?.dueAt;
    expect(due, "the scenario's due of a quarterly report").toBe('2026-09-14T17:00:00.000Z');
    const [adHoc, q3] = data.requests;
    expect(adHoc!.subject).toBe('Báo cáo nhanh công tác bảo hộ công dân');
    expect([names(adHoc!.onTime.map((a) => a.unit)), names(adHoc!.late.map((a) => a.unit)), names(adHoc!.missing), names(adHoc!.notOwing)]).toEqual([[LS.name], [HT.name], [VP.name], []]);
    expect(q3!.requestId).toBe('periodic-2026-Q3');
    expect([names(q3!.onTime.map((a) => a.unit)), names(q3!.late.map((a) => a.unit)), names(q3!.missing), names(q3!.notOwing)]).toEqual([[BG.name, LS.name], [], [HT.name, VP.name], [TT.name]]);
  });

  // Regression: the old report (planlog report in the CLI) listed every unit named in a request and
  // not answered as "chưa báo cáo", although the engine no longer expected Thanh tra Sở's answer.
  it('a unit the engine no longer expects an answer from is not "chưa báo cáo"', async () => {
    const q3 = data.requests.find((request) => request.periodic)!;
    expect(q3.missing.map((unit) => unit.id)).not.toContain(TT.id);
    // The engine agrees: after the Q3 obligation fell due it chased HT and VP, never Thanh tra Sở.
    const plan = (await engine.replay()).plans.find((p) => p.planId === 'sngv-a')!;
    expect(plan.requests.find((request) => request.requestId === 'periodic-2026-Q3')!.overdueUnits.sort()).toEqual([HT.id, VP.id].sort());
    const markdown = renderMarkdown(composeReport(data));
    expect(markdown).toContain('| 2 | Báo cáo Quý III/2026 | 15/09/2026 | 4 | 2 | 0 | 2: Phòng Hợp tác quốc tế, Văn phòng Sở |');
    expect(markdown).toContain('Không tính các đơn vị không còn phải báo cáo (không còn nhiệm vụ đang thực hiện): Thanh tra Sở (Báo cáo Quý III/2026).');
  });

  it('writes the figures in Vietnamese with vi-VN rates', () => {
    const markdown = renderMarkdown(composeReport(data));
    expect(markdown).toContain('Tính đến hết ngày 14/09/2026, 2 kế hoạch có tổng số 9 nhiệm vụ (không kể 1 nhiệm vụ đã hủy), trong đó:');
    expect(markdown).toContain('- Hoàn thành đúng hạn: 3 nhiệm vụ (33,3%);');
    expect(markdown).toContain('- Chưa hoàn thành, còn trong hạn: 3 nhiệm vụ (33,3%), trong đó 1 nhiệm vụ thực hiện thường xuyên;');
    expect(markdown).toContain('Tỷ lệ hoàn thành trên số nhiệm vụ đã đến hạn đạt 83,3% (5/6 nhiệm vụ).');
    expect(markdown).toContain('So với Quý II/2026: số nhiệm vụ hoàn thành tăng 4 (từ 1 lên 5); tỷ lệ hoàn thành từ 100,0% xuống 83,3%; số nhiệm vụ quá hạn chưa hoàn thành tăng 1.');
    expect(markdown).toContain('|  | **Tổng cộng** | **9** | **3** | **2** | **3** | **1** | **83,3%** |');
    expect(markdown).toContain('| 5 | Văn phòng Sở | 2 | 0 | 0 | 1 | 1 | 0,0% |');
    // Overdue work named with its unit; next period's work; the requests to units.
    expect(markdown).toContain('- Còn 1 nhiệm vụ quá hạn chưa hoàn thành: Văn phòng Sở: III.1 (Tổ chức tập huấn nghiệp vụ đối ngoại cho cán bộ cấp huyện), hạn 31/08/2026.');
    expect(markdown).toContain('+ II.2.b (Xây dựng cơ sở dữ liệu về người Việt Nam ở nước ngoài quê Hà Tĩnh): Phòng Hợp tác quốc tế chủ trì, hạn 15/10/2026;');
    expect(markdown).toContain('- Đề nghị Văn phòng Sở khẩn trương hoàn thành nhiệm vụ III.1 đã quá hạn và báo cáo kết quả trong Quý IV/2026.');
    expect(markdown).toContain('- Nhiệm vụ II.2.b đã được gia hạn (hạn 15/10/2026; lý do: Chờ bố trí kinh phí)');
  });

  it('tells results from the units’ own reports, attributed and shortened at a sentence boundary', () => {
    const markdown = renderMarkdown(composeReport(data));
    // The latest report of the period for each unit; the quantities kept.
    expect(markdown).toContain('Phòng Lãnh sự báo cáo: phối hợp xử lý 02 vụ việc công dân gặp nạn ở nước ngoài (tiến độ 75%).');
    expect(markdown).toContain('Phòng Hợp tác quốc tế báo cáo: đã thu thập thông tin của 1.250 người; chưa được bố trí kinh phí xây dựng phần mềm (tiến độ 30%).');
    expect(markdown).toContain('Nhiệm vụ đã hoàn thành (quá hạn), báo cáo kết quả được chấp nhận ngày 12/07/2026.');
    // Grouped by the plan's own sections, in its order.
    expect(markdown.indexOf('a) Các nhiệm vụ tại mục II của Kế hoạch')).toBeLessThan(markdown.indexOf('b) Các nhiệm vụ tại mục III của Kế hoạch'));
    expect(markdown).toContain('- Chưa nhận được báo cáo kết quả trong kỳ đối với 1 nhiệm vụ: II.1 (Văn phòng Sở).');
    // Nothing internal in the body: no log position, no ids of plans or requests.
    const body = markdown.slice(markdown.indexOf('-->'));
    for (const internal of ['vị trí', 'planlog', 'sngv-a', 'periodic-', 'nhật ký']) expect(body, internal).not.toContain(internal);
  });

  it('a long report is cut at a sentence boundary', async () => {
    const long = `${'Đã tổ chức 5 hội nghị tuyên truyền cho 1.200 lượt người tại các xã biên giới. '.repeat(6)}Câu cuối cùng không còn chỗ.`;
    await engine.reportTask({ actor: { unitId: LS.id }, taskId: 'a4', text: long, progress: 80 });
    const year = await collectReport({ engine, unit: SNGV, period: '2026' });
    const line = renderMarkdown(composeReport(year)).split('\n').find((text) => text.includes('(II.3)'))!;
    expect(line).toContain('Phòng Lãnh sự báo cáo: đã tổ chức 5 hội nghị tuyên truyền cho 1.200 lượt người');
    expect(line.length).toBeLessThan(600);
    expect(line).not.toContain('Câu cuối cùng');
    expect(line).toMatch(/xã biên giới \(tiến độ 80%\)\./);
  });

  it('refuses an agency with no plan and a period it cannot read', async () => {
    await expect(collectReport({ engine, unit: 'so-khong-co', period: '2026-Q3' })).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'unit' });
    await expect(collectReport({ engine, unit: SNGV, period: '2026-Q5' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'period' });
    await expect(collectReport({ engine, unit: SNGV, period: '2025-Q4' })).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'unit' });
    await expect(collectReport({ engine, unit: SNGV, period: '2026-Q3', particulars: { signer: { authority: 'Giám đốc', title: 'GIÁM ĐỐC' } } })).rejects.toMatchObject({ code: 'VALIDATION', field: 'particulars.signer.authority' });
  });
});
