import { annexTables } from './annexTables.js';
import type { ReportData } from './collectReport.js';
import { formatDocumentDate } from './reportDates.js';
import { MOTTO, NATION, type ReportDocument } from './ReportDocument.js';
import { sectionAssessment } from './sectionAssessment.js';
import { sectionPriorities } from './sectionPriorities.js';
import { closingSentences, sectionProposals } from './sectionProposals.js';
import { sectionResults } from './sectionResults.js';
import { joinVi, periodPhrase, wording } from './wording.js';

/** Capitals as the header writes an agency ("Sở Ngoại vụ" → "SỞ NGOẠI VỤ"). */
const upper = (text: string) => text.toLocaleUpperCase('vi');

/** The Báo cáo in Vietnamese, section by section, in the form of Decree 30/2020/NĐ-CP. */
export function composeReport(data: ReportData): ReportDocument {
  const words = wording(data.period.timeZone);
  const { particulars, period, sender } = data;
  const plans = data.plans.map(words.plan);
  const subject = particulars.subject ?? `Kết quả thực hiện ${data.plans.length > 1 ? 'các kế hoạch' : 'kế hoạch'} của ${sender.name} ${periodPhrase(period.label)}`;
  const number = `Số: ${particulars.number}`;
  const opening = `Thực hiện ${joinVi(plans)} của ${sender.name}, ${sender.name} báo cáo kết quả thực hiện ${periodPhrase(period.label)} (số liệu từ ngày ${words.date(period.opensAt.getTime())} đến hết ngày ${words.date(period.asOf.getTime())}) như sau:`;
  const reference = `(Kèm theo Báo cáo số ${particulars.number} ${formatDocumentDate(particulars.date)} của ${sender.name})`;
  return {
    header: {
      superior: particulars.superior === null ? null : upper(particulars.superior),
      agency: upper(sender.name),
      number,
      nation: NATION,
      motto: MOTTO,
      placeDate: `${particulars.place}, ${formatDocumentDate(particulars.date)}`,
    },
    kind: 'BÁO CÁO',
    subject,
    body: [{ kind: 'paragraph', parts: [opening] }, ...sectionResults(data), ...sectionAssessment(data), ...sectionPriorities(data), ...sectionProposals(data)],
    closing: closingSentences(data),
    recipients: particulars.recipients.map((line, i, all) => `- ${line}${i === all.length - 1 ? '.' : ';'}`),
    signature: particulars.signer,
    annex: { title: 'PHỤ LỤC', subtitle: `SỐ LIỆU THỰC HIỆN NHIỆM VỤ ${upper(periodPhrase(period.label))}`, reference, blocks: annexTables(data) },
    properties: {
      title: `Báo cáo ${subject.charAt(0).toLowerCase()}${subject.slice(1)}`,
      subject,
      creator: sender.name,
      keywords: `báo cáo; ${period.key}; ${data.metadata.planIds.join('; ')}`,
      description: `planlog: số liệu tính đến ${data.metadata.asOf} (nhật ký đến vị trí ${data.metadata.position}); tạo lúc ${data.metadata.generatedAt}; kế hoạch ${data.metadata.planIds.join(', ')}`,
    },
  };
}
