// @planlog/core/testing: helpers for testing stores, engines and policies (imports vitest and fast-check).
export { describeEventStore } from './testing/describeEventStore.js';
export {
  clockAdvanceArbitrary,
  deadlineArbitrary,
  instantArbitrary,
  isoDateArbitrary,
  textArbitrary,
  UNIT_NAMES,
  unitNameArbitrary,
  unitRefArbitrary,
} from './testing/valueArbitraries.js';
export {
  COMMAND_NAMES,
  commandStepArbitrary,
  planSpecArbitrary,
  scenarioArbitrary,
  stepArbitrary,
  stepArgsArbitrary,
  taskSpecArbitrary,
  type ActorPick,
  type BadInput,
  type CommandStep,
  type PlanSpec,
  type Scenario,
  type ScenarioStep,
  type StepArgs,
  type TaskSpec,
} from './testing/scenarioArbitrary.js';
export { runScenario, type RunScenarioOptions, type ScenarioRun, type SentCommand, type StepRecord } from './testing/runScenario.js';
export { machineEventArbitrary } from './testing/machineEventArbitrary.js';
export { commandArbitrary, type CommandArbitraryOptions } from './testing/commandArbitrary.js';
export { given, type Given, type GivenEvent, type GivenOptions, type When, type WhenCommand, type Outcome } from './testing/givenWhenThen.js';
export { describeReadModels, type ReadModelsFixture } from './testing/describeReadModels.js';
export { describeSnapshotStore, type SnapshotStoreFixture } from './testing/describeSnapshotStore.js';
export { issueSamplePlan, writeSampleLog, SAMPLE_LEAD } from './testing/samplePlan.js';
export { mulberry32, type Random } from './base/random.js';
export { hostileCallArbitrary, runHostileCall, normalizeOutcome, READ_NAMES, type HostileCall, type HostileCallOptions, type HostileOutcome, type ReadName } from './testing/hostileCalls.js';
export { NASTY_STRINGS, NASTY_VALUES } from './testing/nastyValues.js';
export { hostileRunSetUp, runHostileCalls, HOSTILE_RUN_CALLS, type HostileRunReport } from './testing/runHostileCalls.js';
export { describeStoredVerbatim, VERBATIM_TEXTS, VERBATIM_IDS, type VerbatimFixture } from './testing/describeStoredVerbatim.js';
export { manualTimers, type ManualTimers } from './testing/manualTimers.js';
export { describeSubscriptions, type SubscriptionsFixture } from './testing/describeSubscriptions.js';
export { countingStore, type CountingStore } from './testing/countingStore.js';
export { describeConsumers, type ConsumersFixture } from './testing/describeConsumers.js';
export { describeLiveCheckpoints, type LiveCheckpointsFixture } from './testing/describeLiveCheckpoints.js';
