// The public surface of @planlog/cli: the command as a function. The Báo cáo is @planlog/report's.
export { run, createProgram } from './run.js';
export { EXIT, EXIT_CODES_HELP, exitCodeOf, type ExitCode } from './exitCodes.js';
export type { Io, Output } from './io.js';
export { parseAsOf, type AsOf } from './parseAsOf.js';
export { detectImportKind, type ImportKind } from './detectImportKind.js';
export { planAsOf, type PlanAsOf } from './commands/state.js';
