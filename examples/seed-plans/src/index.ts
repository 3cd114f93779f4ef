// The three seed Kế hoạch of ../shared/seeds/, hand-encoded as data, and a loader for an engine.
export { unit, unitOf, type SeedPlan, type SeedTask } from './SeedPlan.js';
export { loadPlan, type LoadPlanOptions, type LoadedPlan } from './loadPlan.js';
export { stpTraffickingPlan2026 } from './stpTraffickingPlan2026.js';
export { sngvCrimePreventionPlan2026 } from './sngvCrimePreventionPlan2026.js';
export { sngvStateSecretsPlan2026 } from './sngvStateSecretsPlan2026.js';

import { sngvCrimePreventionPlan2026 } from './sngvCrimePreventionPlan2026.js';
import { sngvStateSecretsPlan2026 } from './sngvStateSecretsPlan2026.js';
import { stpTraffickingPlan2026 } from './stpTraffickingPlan2026.js';

/** All three, in the order their drafts are dated. */
export const seedPlans = [sngvCrimePreventionPlan2026, stpTraffickingPlan2026, sngvStateSecretsPlan2026] as const;
