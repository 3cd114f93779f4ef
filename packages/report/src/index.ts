// The public surface of @planlog/report: the Báo cáo of one sending unit for one period, gathered
// from the log, written in Vietnamese in the form of Decree 30/2020/NĐ-CP, and rendered.
export { collectReport, sectionOf, type CollectReportOptions, type ReportData, type ReportTask, type TaskResult, type PlanResults, type UnitStatistics } from './collectReport.js';
export { composeReport } from './composeReport.js';
export { reportPeriod, previousPeriod, nextPeriod, type ReportPeriod, type PeriodInput } from './reportPeriod.js';
export { requestCompliance, type RequestCompliance, type RequestAnswer } from './requestCompliance.js';
export type { TaskChange } from './taskHistory.js';
export type { Particulars, Signer, ResolvedParticulars } from './particulars.js';
export type { ReportDocument, Block, Inline, TableColumn } from './ReportDocument.js';
export { renderDocx } from './renderDocx.js';
export { renderHtml } from './renderHtml.js';
export { renderMarkdown } from './renderMarkdown.js';
export { renderPdf, launchChromium, ChromiumMissingError, CHROMIUM_ARGS, DEFAULT_CHROMIUM, type ChromiumOptions } from './renderPdf.js';
export { PAGE } from './pageLayout.js';
export { HEADINGS } from './wording.js';
export { formatPercent, formatDocumentDate } from './reportDates.js';
export { shortenText, shortTitle } from './shortenText.js';
export { writeReport, REPORT_FORMATS, type ReportFormat } from './writeReport.js';
export { writeReportFiles, type WriteReportFilesOptions } from './writeReportFiles.js';
