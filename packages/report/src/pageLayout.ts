/**
 * The page of an administrative document (Decree 30/2020/NĐ-CP, Appendix I): A4, margins top and
 * bottom 20–25 mm, left 30–35 mm, right 15–20 mm; Times New Roman, body 13–14 pt. planlog takes
 * the narrow end of each range and a 13 pt body; tables are set at 12 pt.
 */
export const PAGE = {
  widthMm: 210,
  heightMm: 297,
  marginMm: { top: 20, bottom: 20, left: 30, right: 15 },
  font: 'Times New Roman',
  bodyPt: 13,
  tablePt: 12,
  /** Nơi nhận's lines. */
  smallPt: 11,
} as const;
