import { createEngine, manualClock, memoryStore } from '@planlog/core';
import { createPlanFromDraft, importPlan, parseDeadline, type ImportOptions } from '@planlog/import-vn';
import { describe, expect, it } from 'vitest';

/** A small plan whose section III states `regime` (one paragraph). */
function regimeOf(regime: string, options: ImportOptions = {}) {
  const text = [
    'SỞ TƯ PHÁP',
    'Số: 12/KH-STP',
    'Hà Tĩnh, ngày 10 tháng 01 năm 2026',
    'KẾ HOẠCH',
    'Phổ biến pháp luật năm 2026',
    'I. MỤC ĐÍCH, YÊU CẦU',
    '1. Mục đích: nâng cao nhận thức.',
    'II. NHIỆM VỤ',
    '1. Tuyên truyền pháp luật. Thời hạn: Quý II/2026.',
    'III. CHẾ ĐỘ BÁO CÁO',
    regime,
  ].join('\n\n');
  return importPlan(text, options);
}

describe('reading the dues of a reporting regime (issue 21)', () => {
  it('1. keeps "năm sau": the year\'s report is due in the next year', () => {
    const { plan, warnings } = regimeOf('Các đơn vị báo cáo năm trước ngày 05 tháng 01 năm sau về Sở Tư pháp.');
    expect(plan.reporting).toEqual([{ period: 'year', due: { month: 1, day: 5, before: true, nextYear: true }, to: expect.objectContaining({ id: 'so-tu-phap' }) }]);
    expect(warnings.filter((warning) => warning.message.includes('data window'))).toEqual([]);
  });

  it('1. pairs listed dues with listed periods in order ("6 tháng và hằng năm trước ngày 05/7 và ngày 05/01 năm sau")', () => {
    const { plan } = regimeOf('Định kỳ báo cáo 6 tháng và hằng năm trước ngày 05 tháng 7 và ngày 05 tháng 01 năm sau.');
    expect(plan.reporting.map(({ period, due }) => ({ period, due }))).toEqual([
      { period: 'half', due: { month: 7, day: 5, before: true } },
      { period: 'year', due: { month: 1, day: 5, before: true, nextYear: true } },
    ]);
  });

  it('a due written before its period, in the next year ("trước ngày 05 tháng 01 năm sau (đối với báo cáo năm)"): the period after it takes it', () => {
    const { plan, warnings } = regimeOf('Các đơn vị gửi báo cáo về Sở Tư pháp trước ngày 05 tháng 01 năm sau (đối với báo cáo năm).');
    expect(plan.reporting).toEqual([{ period: 'year', due: { month: 1, day: 5, before: true, nextYear: true }, to: expect.objectContaining({ id: 'so-tu-phap' }) }]);
    expect(warnings.filter((warning) => warning.message.includes('data window'))).toEqual([]);
  });

  it('two dues before "hằng năm" ("trước ngày 15/6 và 15/12 hằng năm") are the half-year\'s and the year\'s, both after their windows close', () => {
    const { plan, warnings } = regimeOf('Định kỳ trước ngày 15/6 và 15/12 hằng năm, các đơn vị báo cáo kết quả về Sở Tư pháp.');
    expect(plan.reporting.map(({ period, due, allowEarlyDue }) => ({ period, due, allowEarlyDue }))).toEqual([
      { period: 'year', due: { month: 12, day: 15, before: true }, allowEarlyDue: undefined },
      { period: 'half', due: { month: 6, day: 15, before: true }, allowEarlyDue: undefined },
    ]);
    expect(warnings.filter((warning) => warning.message.includes('data window'))).toEqual([]);
  });

  it('2. reads "6 tháng cuối năm" as the second half', () => {
    const { plan } = regimeOf('Định kỳ báo cáo 6 tháng cuối năm trước ngày 15/12.');
    expect(plan.reporting).toEqual([{ period: 'half', half: 2, due: { month: 12, day: 15, before: true } }]);
    expect(regimeOf('Định kỳ báo cáo 6 tháng đầu năm trước ngày 20/6.').plan.reporting).toEqual([{ period: 'half', due: { month: 6, day: 20, before: true } }]);
  });

  it('5. reads dues relative to the period', () => {
    expect(regimeOf('Định kỳ báo cáo kết quả trước ngày 20 hằng tháng.').plan.reporting).toEqual([{ period: 'month', due: { day: 20, before: true, monthsAfterCutOff: 0 } }]);
    expect(regimeOf('Báo cáo định kỳ hằng quý trước ngày 18 của tháng cuối quý.').plan.reporting).toEqual([
      { period: 'quarter', due: { day: 18, before: true, monthsAfterCutOff: 0 } },
    ]);
    expect(regimeOf('Báo cáo định kỳ hằng quý chậm nhất 02 ngày làm việc sau ngày chốt số liệu.').plan.reporting).toEqual([
      { period: 'quarter', due: { daysAfterCutOff: 2, working: true } },
    ]);
    expect(regimeOf('Báo cáo định kỳ hằng quý vào ngày 05 tháng đầu quý sau.').plan.reporting).toEqual([
      { period: 'quarter', due: { day: 5, before: false, monthsAfterCutOff: 1 } },
    ]);
  });

  it('7. warns for a due before the data window closes, keeps it as the plan says, and the engine then accepts it', async () => {
    const { plan, warnings } = regimeOf('Định kỳ báo cáo 6 tháng trước ngày 25 tháng 5 và hằng năm (trước ngày 15 tháng 11) về Sở Tư pháp.');
    expect(plan.reporting.map(({ period, due, allowEarlyDue }) => ({ period, due, allowEarlyDue }))).toEqual([
      { period: 'half', due: { month: 5, day: 25, before: true }, allowEarlyDue: true },
      { period: 'year', due: { month: 11, day: 15, before: true }, allowEarlyDue: true },
    ]);
    expect(warnings.filter((warning) => warning.message.includes('before its data window closes')).map((warning) => warning.message)).toEqual([
      expect.stringContaining('"6 tháng đầu năm 2026"'),
      expect.stringContaining('"Năm 2026"'),
    ]);
    const engine = createEngine({ store: memoryStore(), clock: manualClock('2026-01-12T00:00:00Z') });
    const { planId } = await createPlanFromDraft(engine, plan, { actor: { unitId: 'so-tu-phap' }, workingDays: true });
    expect(await engine.getPlan(planId)).toMatchObject({ workingDays: true, reporting: [{ allowEarlyDue: true }, { allowEarlyDue: true }] });
    const { allowEarlyDue: _, ...strict } = plan.reporting[0]!;
    await expect(engine.draftPlan({ actor: { unitId: 'so-tu-phap' }, title: 'x', reporting: [strict] })).rejects.toMatchObject({ code: 'VALIDATION', field: 'reporting.0.due' });
  });

  it('reads "trước ngày" as the day itself late, and as "by that day" behind one option', () => {
    expect(regimeOf('Định kỳ báo cáo 6 tháng trước ngày 20/6.').plan.reporting[0]!.due).toEqual({ month: 6, day: 20, before: true });
    expect(regimeOf('Định kỳ báo cáo 6 tháng trước ngày 20/6.', { beforeDate: 'inclusive' }).plan.reporting[0]!.due).toEqual({ month: 6, day: 20, before: false });
    expect(regimeOf('Định kỳ báo cáo 6 tháng chậm nhất ngày 20/6.').plan.reporting[0]!.due).toEqual({ month: 6, day: 20, before: false });
    expect(parseDeadline('trước ngày 25/5/2026', { beforeDate: 'inclusive' })).toEqual({ kind: 'date', on: '2026-05-25' });
  });

  it('8. keeps the report date of ongoing work: "thường xuyên; báo cáo trước ngày 15/12/2026"', () => {
    expect(parseDeadline('Thực hiện thường xuyên; báo cáo trước ngày 15/12/2026')).toEqual({ kind: 'ongoing', reportBy: { on: '2026-12-15', before: true } });
    expect(parseDeadline('thường xuyên, báo cáo kết quả ngày 30/11', { year: 2026 })).toEqual({ kind: 'ongoing', reportBy: { on: '2026-11-30' } });
    expect(parseDeadline('Thực hiện thường xuyên.')).toEqual({ kind: 'ongoing' });
    const { plan } = importPlan(
      ['UBND TỈNH', 'Số: 3/KH-UBND', 'Hà Tĩnh, ngày 10 tháng 01 năm 2026', 'KẾ HOẠCH', 'Tiêu đề', 'I. NHIỆM VỤ', '1. Tuyên truyền pháp luật.', 'Thời hạn: thường xuyên; báo cáo trước ngày 15/12/2026.'].join('\n\n'),
    );
    expect(plan.tasks[0]!.deadline).toEqual({ kind: 'ongoing', reportBy: { on: '2026-12-15', before: true } });
  });
});
