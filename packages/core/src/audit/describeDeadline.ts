import type { Deadline } from '../schemas/primitives.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ROMAN = ['I', 'II', 'III', 'IV'];

/** A calendar date (YYYY-MM-DD) as Vietnamese documents write it: `25/05/2026`. */
export function dateVi(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}/${month}/${year}`;
}

/** A calendar date (YYYY-MM-DD) in English: `25 May 2026`. */
export function dateEn(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** A deadline as the plans write it (`Quý II/2026`, `trước ngày 25/05/2026`, `thường xuyên`) and in English. */
export function describeDeadline(deadline: Deadline): { vi: string; en: string } {
  switch (deadline.kind) {
    case 'date':
      return deadline.before
        ? { vi: `trước ngày ${dateVi(deadline.on)}`, en: `before ${dateEn(deadline.on)}` }
        : { vi: `ngày ${dateVi(deadline.on)}`, en: dateEn(deadline.on) };
    case 'month':
      return { vi: `tháng ${deadline.month}/${deadline.year}`, en: `${MONTHS[deadline.month - 1]} ${deadline.year}` };
    case 'quarter':
      return { vi: `Quý ${ROMAN[deadline.quarter - 1]}/${deadline.year}`, en: `Q${deadline.quarter} ${deadline.year}` };
    case 'half':
      return deadline.half === 1
        ? { vi: `6 tháng đầu năm ${deadline.year}`, en: `first half of ${deadline.year}` }
        : { vi: `6 tháng cuối năm ${deadline.year}`, en: `second half of ${deadline.year}` };
    case 'year':
      return { vi: `năm ${deadline.year}`, en: `the year ${deadline.year}` };
    case 'ongoing': {
      if (!deadline.reportBy) return { vi: 'thực hiện thường xuyên', en: 'ongoing' };
      const report = describeDeadline({ kind: 'date', ...deadline.reportBy });
      return { vi: `thực hiện thường xuyên; báo cáo ${report.vi}`, en: `ongoing; report ${deadline.reportBy.before ? '' : 'by '}${report.en}` };
    }
  }
}
