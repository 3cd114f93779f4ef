// The public surface of @planlog/cli: the command as a function, and the reports it prints (one plan,
// or the plans of a year as the demo writes them), as Markdown or HTML.
export { run, createProgram } from './run.js';
export { EXIT, EXIT_CODES_HELP, exitCodeOf, type ExitCode } from './exitCodes.js';
export type { Io, Output } from './io.js';
export { parseAsOf, type AsOf } from './parseAsOf.js';
export { detectImportKind, type ImportKind } from './detectImportKind.js';
export { planStateAsOf, type PlanState } from './commands/state.js';
export { collectPlanReport, type PlanReport, type TaskLine, type UnitOverdue, type RequestLine, type Adjustment } from './report/collectPlanReport.js';
export { renderPlanReport, HEADINGS } from './report/renderPlanReport.js';
export { collectYearReport, type YearReport } from './report/collectYearReport.js';
export { renderYearReport } from './report/renderYearReport.js';
export type { ReportFormat } from './report/renderBlocks.js';
