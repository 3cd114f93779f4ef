// One of the sample plans (examples/sample-plans/ke-hoach-stp-pbgdpl-2026.txt), encoded by hand as
// data, and a loader that puts it into an engine with the engine's own commands, no importer.
export { unit, unitOf, type HandEncodedPlan, type HandEncodedTask } from './HandEncodedPlan.js';
export { loadPlan, type LoadPlanOptions, type LoadedPlan } from './loadPlan.js';
export { stpLegalEducationPlan2026 } from './stpLegalEducationPlan2026.js';
