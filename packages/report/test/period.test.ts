import { describe, expect, it } from 'vitest';
import { createEngine, manualClock, memoryStore } from '@planlog/core';
import { collectReport, nextPeriod, previousPeriod, reportPeriod } from '@planlog/report';

const iso = (date: Date) => date.toISOString();

describe('report periods (Decree 09/2019 cut-off dates, Asia/Ho_Chi_Minh)', () => {
  it('a quarter runs from the 15th of the month before it to the 14th of its last month', () => {
    const q3 = reportPeriod('2026-Q3');
    expect([q3.label, q3.from, q3.to]).toEqual(['Quý III/2026', '2026-06-15', '2026-09-14']);
    expect(iso(q3.opensAt)).toBe('2026-06-14T17:00:00.000Z');
    expect(iso(q3.closesAt)).toBe('2026-09-14T17:00:00.000Z');
    expect(iso(q3.asOf)).toBe('2026-09-14T16:59:59.999Z');
    const q1 = reportPeriod('2026-Q1');
    expect([q1.from, q1.to]).toEqual(['2025-12-15', '2026-03-14']);
  });

  it('six months, nine months and a year open on 15 December of the year before', () => {
    expect([reportPeriod('2026-H1').from, reportPeriod('2026-H1').to, reportPeriod('2026-H1').label]).toEqual(['2025-12-15', '2026-06-14', '6 tháng đầu năm 2026']);
    expect([reportPeriod('2026-9M').from, reportPeriod('2026-9M').to, reportPeriod('2026-9M').label]).toEqual(['2025-12-15', '2026-09-14', '9 tháng năm 2026']);
    expect([reportPeriod('2026').from, reportPeriod('2026').to, reportPeriod('2026').label]).toEqual(['2025-12-15', '2026-12-14', 'năm 2026']);
  });

  it('an explicit range, and the periods before and after', () => {
    const range = reportPeriod({ from: '2026-04-01', to: '2026-04-30' });
    expect(range.label).toBe('từ ngày 01/04/2026 đến ngày 30/04/2026');
    expect([previousPeriod(range).from, previousPeriod(range).to]).toEqual(['2026-03-02', '2026-03-31']);
    expect([nextPeriod(range).from, nextPeriod(range).to]).toEqual(['2026-05-01', '2026-05-30']);
    expect(previousPeriod(reportPeriod('2026-Q1')).key).toBe('2025-Q4');
    expect(nextPeriod(reportPeriod('2026-Q4')).key).toBe('2027-Q1');
    expect([previousPeriod(reportPeriod('2026-H1')).from, previousPeriod(reportPeriod('2026-H1')).to]).toEqual(['2025-06-15', '2025-12-14']);
    expect(nextPeriod(reportPeriod('2026-H1')).label).toBe('6 tháng cuối năm 2026');
    expect(nextPeriod(reportPeriod('2026-9M')).key).toBe('2026-Q4');
    expect(previousPeriod(reportPeriod('2026')).key).toBe('2025');
  });

  it('refuses what it cannot read', () => {
    for (const bad of ['2026-Q0', '2026-Q5', 'Q3/2026', '26-Q3', '2026-H3', '1800', '']) expect(() => reportPeriod(bad), bad).toThrow(expect.objectContaining({ code: 'VALIDATION', field: 'period' }));
    expect(() => reportPeriod({ from: '2026-02-30', to: '2026-03-01' })).toThrow(expect.objectContaining({ code: 'VALIDATION', field: 'from' }));
    expect(() => reportPeriod({ from: '2026-03-02', to: '2026-03-01' })).toThrow(expect.objectContaining({ code: 'VALIDATION', field: 'to' }));
  });
});

describe('period boundaries: one second before and after a cut-off', () => {
  // Two tasks finished around the end of Quý II (14/06/2026 24:00 local): one a second before, one a
  // second after; and two reports around its opening (15/03/2026 00:00 local).
  async function scenario() {
    const clock = manualClock('2026-03-01T08:00:00+07:00');
    const engine = createEngine({ store: memoryStore(), clock });
    const owner = { unitId: 'so-ngoai-vu' };
    const unit = { id: 'van-phong-so', name: 'Văn phòng Sở' };
    await engine.draftPlan({ actor: owner, planId: 'p', title: 'Kế hoạch thử', issuer: { id: 'so-ngoai-vu', name: 'Sở Ngoại vụ' } });
    for (const id of ['before', 'after', 'open']) await engine.addTask({ actor: owner, planId: 'p', taskId: id, ref: `II.${id}`, title: `Nhiệm vụ ${id}`, lead: unit, deadline: { kind: 'year', year: 2026 } });
    await engine.issuePlan({ actor: owner, planId: 'p', number: '1/KH-SNgV', issuedOn: '2026-03-01' });
    const as = { unitId: unit.id };
    clock.set('2026-03-14T23:59:59+07:00');
    await engine.reportTask({ actor: as, taskId: 'open', text: 'Báo cáo trước khi mở kỳ.', progress: 10 });
    clock.set('2026-03-15T00:00:00+07:00');
    await engine.reportTask({ actor: as, taskId: 'open', text: 'Báo cáo lúc mở kỳ.', progress: 20 });
    clock.set('2026-06-14T23:59:58+07:00');
    await engine.reportTask({ actor: as, taskId: 'before', text: 'Xong.', final: true });
    clock.set('2026-06-14T23:59:59+07:00');
    await engine.acceptReport({ actor: owner, taskId: 'before' });
    clock.set('2026-06-15T00:00:00+07:00');
    await engine.reportTask({ actor: as, taskId: 'after', text: 'Xong.', final: true });
    clock.set('2026-06-15T00:00:01+07:00');
    await engine.acceptReport({ actor: owner, taskId: 'after' });
    return engine;
  }

  it('counts what was recorded up to the last second of the period, and nothing after', async () => {
    const engine = await scenario();
    const q2 = await collectReport({ engine, unit: 'so-ngoai-vu', period: '2026-Q2' });
    expect(q2.completedInPeriod.map((task) => task.taskId)).toEqual(['before']);
    expect(q2.summary.completedOnTime).toBe(1);
    expect(q2.tasks.find((task) => task.taskId === 'after')!.state).toBe('assigned');
    const q3 = await collectReport({ engine, unit: 'so-ngoai-vu', period: '2026-Q3' });
    expect(q3.completedInPeriod.map((task) => task.taskId)).toEqual(['after']);
    expect(q3.previousSummary.completedOnTime).toBe(1);
    expect(q3.summary.completedOnTime).toBe(2);
  });

  it('takes the reports recorded from the first second of the period', async () => {
    const engine = await scenario();
    const q2 = await collectReport({ engine, unit: 'so-ngoai-vu', period: '2026-Q2' });
    const open = q2.results[0]!.sections.flatMap((section) => section.results).find((result) => result.task.taskId === 'open')!;
    expect(open.reports.map((report) => report.text)).toEqual(['Báo cáo lúc mở kỳ.']);
    const q1 = await collectReport({ engine, unit: 'so-ngoai-vu', period: '2026-Q1' });
    const before = q1.results[0]!.sections.flatMap((section) => section.results).find((result) => result.task.taskId === 'open')!;
    expect(before.reports.map((report) => report.text)).toEqual(['Báo cáo trước khi mở kỳ.']);
  });
});
