import { importPlan, type ImportResult } from '@planlog/import-vn';
import { describe, expect, it } from 'vitest';
import { readSample } from './samples.js';

// The lines of the sample plans whose removal or swap the importer once passed over in silence
// (found by the fuzz tests' exhaustive runs): each now ends in a warning naming its line.

type Edit = { remove?: number[]; swap?: [number, number] };

function edited(sample: string, { remove = [], swap }: Edit): string {
  const lines = readSample(sample).split('\n');
  if (swap) [lines[swap[0] - 1], lines[swap[1] - 1]] = [lines[swap[1] - 1]!, lines[swap[0] - 1]!];
  return lines.filter((_, i) => !remove.includes(i + 1)).join('\n');
}

/** The warnings of the edited text that the sample itself does not give. */
function newWarnings(sample: string, edit: Edit): ImportResult['warnings'] {
  const before = new Set(importPlan(readSample(sample)).warnings.map((warning) => warning.message));
  return importPlan(edited(sample, edit)).warnings.filter((warning) => !before.has(warning.message));
}

describe('no silent loss: lines the importer once lost without a word', () => {
  it('items of a "Tổ chức thực hiện" whose heading is gone, standing in the reporting section, are named', () => {
    // 45/KH-SNgV without "IV. TỔ CHỨC THỰC HIỆN": its three items follow "III. CHẾ ĐỘ BÁO CÁO".
    const warnings = newWarnings('ke-hoach-sngv-doi-ngoai-2026.txt', { remove: [91] });
    expect(warnings.map((warning) => warning.line)).toEqual([92, 94, 96]);
    expect(warnings[1]!.message).toContain('work for "Văn phòng Sở" in the reporting section');
  });

  it("a task's line run into the reporting paragraph is named", () => {
    // "- Tổng hợp kết quả …" moved to the blank line between "III. CHẾ ĐỘ BÁO CÁO" and its paragraph.
    const warnings = newWarnings('ke-hoach-sngv-doi-ngoai-2026.txt', { swap: [39, 88] });
    expect(warnings.some((warning) => warning.line === 88 && warning.message.includes('says nothing of reports') && warning.message.includes('Tổng hợp kết quả'))).toBe(true);
  });

  it("a second lead and a second deadline label for one item are named (the item's own line is missing)", () => {
    // 61/KH-UBND without "c) Triển khai thanh toán …": its labels follow b)'s.
    const warnings = newWarnings('ke-hoach-ubnd-chuyen-doi-so-2026.txt', { remove: [91] });
    // (Lines of the text without line 91: "- Đơn vị chủ trì: Sở Tài chính." and "- Thời gian thực hiện: năm 2026.")
    expect(warnings.map((warning) => [warning.line, warning.message.replace(/ for one item.*$/u, '')])).toEqual([
      [92, 'II.2.b: a second lead label'],
      [96, 'II.2.b: a second deadline label'],
    ]);
  });

  it('a line under a label that has its value is named', () => {
    // A task bullet moved right under "c) Thời gian thực hiện: Quý II/2026.".
    const warnings = newWarnings('ke-hoach-ubnd-chuyen-doi-so-2026.txt', { swap: [48, 129] });
    expect(warnings.some((warning) => warning.line === 48 && warning.message.includes('which has its value, is not read'))).toBe(true);
  });

  it("a plan's bullet among a decision's grounds is named", () => {
    const warnings = newWarnings('quyet-dinh-ubnd-ke-hoach-phong-chong-mua-ban-nguoi-2026.txt', { swap: [24, 104] });
    expect(warnings.some((warning) => warning.line === 24 && warning.message.startsWith('in the decision, before the attached plan: not read: "Chủ trì biên soạn'))).toBe(true);
  });

  it('the place-date line stays a line of its own, so an item before it is not taken into the date', () => {
    // "d) Tổ chức Ngày Pháp luật …" moved to the blank line between "Số: 52/KH-STP" and the date.
    const { plan, warnings } = importPlan(edited('ke-hoach-stp-pbgdpl-2026.txt', { swap: [10, 45] }));
    expect(plan.issuedOn).toBe('2026-04-06');
    expect(warnings.some((warning) => warning.line === 10 && warning.message.startsWith('not read: "Tổ chức Ngày Pháp luật'))).toBe(true);
  });

  it('an item that reads as a task of its own but has a sub-item under it is named', () => {
    // An objective's bullet moved right under "c) Cập nhật, số hóa … (Văn phòng Sở chủ trì …)."
    const warnings = newWarnings('ke-hoach-stp-pbgdpl-2026.txt', { swap: [23, 42] });
    expect(warnings.some((warning) => warning.line === 41 && warning.message.startsWith('II.1.c reads as a task of "Văn phòng Sở" but has sub-items'))).toBe(true);
  });
});
