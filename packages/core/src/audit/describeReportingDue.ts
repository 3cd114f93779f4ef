import type { ReportingDue } from '../schemas/reportingDue.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** A reporting rule's due date as plans write it ("trước ngày 05/01 năm sau", "trước ngày 20 hằng tháng") and in English. */
export function describeReportingDue(due: ReportingDue): { vi: string; en: string } {
  if ('daysAfterCutOff' in due) {
    const unit = due.working ? { vi: 'ngày làm việc', en: 'working days' } : { vi: 'ngày', en: 'days' };
    return {
      vi: `chậm nhất ${pad(due.daysAfterCutOff)} ${unit.vi} sau ngày chốt số liệu`,
      en: `${due.daysAfterCutOff} ${unit.en} after the data cut-off`,
    };
  }
  const word = { vi: due.before ? 'trước ngày' : 'ngày', en: due.before ? 'before day' : 'by the end of day' };
  if ('monthsAfterCutOff' in due) {
    const month = ['tháng chốt số liệu', 'tháng sau tháng chốt số liệu'][due.monthsAfterCutOff] ?? `${due.monthsAfterCutOff} tháng sau tháng chốt số liệu`;
    return {
      vi: `${word.vi} ${pad(due.day)} của ${month}`,
      en: `${word.en} ${due.day} of the ${due.monthsAfterCutOff === 0 ? 'cut-off month' : `${due.monthsAfterCutOff}. month after the cut-off`}`,
    };
  }
  return {
    vi: `${word.vi} ${pad(due.day)}/${pad(due.month)}${due.nextYear ? ' năm sau' : ''}`,
    en: `${due.before ? 'before' : 'by the end of'} ${due.day}/${due.month}${due.nextYear ? ' of the next year' : ''}`,
  };
}
