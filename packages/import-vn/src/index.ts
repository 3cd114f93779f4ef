// The public surface of @planlog/import-vn.
export { importPlan } from './importPlan.js';
export { importPlanBytes, importPlanFile } from './files/importPlanFile.js';
export { createPlanFromDraft, type CreatePlanOptions, type CreatePlanResult } from './createPlanFromDraft.js';
export { createUnitDirectory, defaultUnitDirectory, type UnitDirectory, type UnitEntry, type UnitMatch, type MatchKind } from './unitDirectory.js';
export { defaultUnits } from './defaultUnits.js';
export { assignUnitIds, isInternalUnitName } from './assignUnitIds.js';
export { parseDeadline, findDeadline, type DeadlineRead, type DeadlineOptions } from './parseDeadline.js';
export { readUnit, readUnitList, type UnitRead } from './parseUnits.js';
export type { PlanDraft, TaskDraft, TaskReasons, ReportingRuleDraft, ImportWarning, ImportOptions, ImportResult } from './types.js';
