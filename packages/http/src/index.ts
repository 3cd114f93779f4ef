// The public surface of @planlog/http.
export { createPlanlogApp, type Authenticate, type EngineFor, type PlanlogAppOptions, type PlanlogEnv, type Principal } from './createPlanlogApp.js';
export { tenantEngines, tenantSchema, type TenantEngines, type TenantEnginesOptions, type TenantStorage } from './tenantEngines.js';
export { checkTenantId, TENANT_ID_MAX } from './tenantId.js';
export { openApiDocument } from './openApiDocument.js';
export { commandRoutes, type CommandRoute } from './commandRoutes.js';
export { queryRoutes, type QueryRoute } from './queryRoutes.js';
export { statusOfCode, type ErrorBody } from './errorResponse.js';
export { MAX_BODY_BYTES } from './readJsonBody.js';
