import { compileMachine } from './compileMachine.js';
import { planMachine } from './planMachine.js';
import { taskMachine } from './taskMachine.js';

/**
 * The step functions compiled from the machines, once, at start-up (proven equal to XState's
 * `transition()` by property tests); compiling refuses a machine it cannot derive. Live state,
 * replay and snapshot loading all fold through these.
 */
export const compiledTask = compileMachine(taskMachine);
export const compiledPlan = compileMachine(planMachine);
