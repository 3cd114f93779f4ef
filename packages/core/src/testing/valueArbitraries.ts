import fc from 'fast-check';
import type { Deadline } from '../schemas/primitives.js';
import { unitRef } from '../schemas/unitId.js';

// Values the scenarios and machine events are built from: units, texts, deadlines, instants.

/** Units of a provincial administration, as written in the plans (NFC). */
export const UNIT_NAMES: readonly string[] = [
  'Sở Tư pháp',
  'Sở Ngoại vụ',
  'Công an tỉnh',
  'Sở Kế hoạch và Đầu tư',
  'Sở Lao động - Thương binh và Xã hội',
  'Sở Y tế',
  'Sở Giáo dục và Đào tạo',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Bộ Chỉ huy Bộ đội Biên phòng tỉnh',
  'Đài Phát thanh - Truyền hình tỉnh',
  'Hội Liên hiệp Phụ nữ tỉnh',
  'UBND huyện Đức Cơ',
];

const TEXTS: readonly string[] = [
  'Rà soát hệ thống văn bản quy phạm pháp luật',
  'Tuyên truyền, phổ biến giáo dục pháp luật',
  'Đôn đốc, kiểm tra việc thực hiện',
  'Tổng hợp báo cáo kết quả 6 tháng đầu năm',
  'Tập huấn nghiệp vụ cho cán bộ cơ sở',
  'Hoàn thành, gửi báo cáo về Sở Tư pháp',
  'Chưa đạt yêu cầu, đề nghị bổ sung số liệu',
  'Điều chỉnh thời hạn theo chỉ đạo của UBND tỉnh',
];

/** A Vietnamese text (titles, report texts, reasons). */
export const textArbitrary: fc.Arbitrary<string> = fc.constantFrom(...TEXTS);

/** A unit name from the pool, sometimes written in NFD (decomposed) as copied from another document. */
export const unitNameArbitrary: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...UNIT_NAMES), fc.integer({ min: 0, max: 3 }))
  .map(([name, form]) => (form === 0 ? name.normalize('NFD') : name));

/** A unit reference: sometimes only its name (the id is derived), sometimes id and name. */
export const unitRefArbitrary: fc.Arbitrary<{ id?: string; name: string }> = fc
  .tuple(unitNameArbitrary, fc.boolean())
  .map(([name, withId]) => (withId ? unitRef(name) : { name }));

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** A calendar date (YYYY-MM-DD) between `from` and `to` (inclusive, UTC calendar). */
export function isoDateArbitrary(from = '2025-10-01', to = '2027-03-31'): fc.Arbitrary<string> {
  const min = Math.floor(Date.parse(from) / DAY);
  const max = Math.floor(Date.parse(to) / DAY);
  return fc.integer({ min, max }).map((day) => {
    const date = new Date(day * DAY);
    return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  });
}

/** Every kind of `Deadline`, around 2026 (years 2025 to 2027). */
export const deadlineArbitrary: fc.Arbitrary<Deadline> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(isoDateArbitrary(), fc.constantFrom(undefined, true, false)).map(([on, before]): Deadline => (before === undefined ? { kind: 'date', on } : { kind: 'date', on, before })) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('month' as const), year: fc.integer({ min: 2025, max: 2027 }), month: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('quarter' as const), year: fc.integer({ min: 2025, max: 2027 }), quarter: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('half' as const), year: fc.integer({ min: 2025, max: 2027 }), half: fc.constantFrom(1 as const, 2 as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('year' as const), year: fc.integer({ min: 2025, max: 2027 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'ongoing' as const }) },
);

/** An instant (ISO, UTC) between `from` and `to`. */
export function instantArbitrary(from = '2025-12-01T00:00:00Z', to = '2026-09-30T00:00:00Z'): fc.Arbitrary<string> {
  return fc.integer({ min: Date.parse(from), max: Date.parse(to) }).map((ms) => new Date(ms).toISOString());
}

const MINUTE = 60_000;
/** How far a clock moves in one go: minutes, hours, days or months. */
export const clockAdvanceArbitrary: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 1, max: 180 }).map((n) => n * MINUTE),
  fc.integer({ min: 1, max: 48 }).map((n) => n * 60 * MINUTE),
  fc.integer({ min: 1, max: 30 }).map((n) => n * DAY),
  fc.integer({ min: 1, max: 4 }).map((n) => n * 30 * DAY),
);
