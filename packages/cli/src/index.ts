// The public surface of @planlog/cli: the command as a function, and the plan report it prints.
export { run, createProgram } from './run.js';
export { EXIT, EXIT_CODES_HELP, exitCodeOf, type ExitCode } from './exitCodes.js';
export type { Io, Output } from './io.js';
export { parseAsOf, type AsOf } from './parseAsOf.js';
export { detectImportKind, type ImportKind } from './detectImportKind.js';
export { planStateAsOf, type PlanState } from './commands/state.js';
export { collectPlanReport, type PlanReport, type TaskLine, type UnitOverdue, type RequestLine, type Adjustment } from './report/collectPlanReport.js';
export { renderPlanReport, HEADINGS } from './report/renderPlanReport.js';
