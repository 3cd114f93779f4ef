import type { Projection } from './Projection.js';
import { overdueRegister } from './overdueRegister.js';
import { planProgress } from './planProgress.js';
import { reportRequests } from './reportRequests.js';
import { taskRegister } from './taskRegister.js';
import { unitWorkload } from './unitWorkload.js';

/** The read models planlog ships. */
export const builtinProjections: readonly Projection[] = [taskRegister, overdueRegister, unitWorkload, planProgress, reportRequests];
