import { readSample, samplePlans } from '../../../examples/sample-plans/index.js';

/** The project's sample plans (examples/sample-plans), by file name. */
export const sampleNames = samplePlans.map((plan) => plan.file);

export { readSample };
