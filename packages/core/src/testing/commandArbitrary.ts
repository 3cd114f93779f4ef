import fc from 'fast-check';
import type { CommandInput, CommandName } from '../schemas/commands.js';
import { unitRef } from '../schemas/unitId.js';
import { COMMAND_NAMES, stepArgsArbitrary } from './scenarioArbitrary.js';
import { instantArbitrary, UNIT_NAMES } from './valueArbitraries.js';
import { LATEST_RULES_VERSION } from '../machines/rulesVersions.js';

/** Commands as input objects, for policies: `{ name, input }` with an actor from the unit pool. */
export type CommandArbitraryOptions = { taskIds?: readonly string[]; planIds?: readonly string[] };

/**
 * A single well-formed command (name and input) against given plan and task ids, by any unit of the
 * pool: handy to property-test a custom `policy` (for example "only the issuer may close").
 */
export function commandArbitrary(options: CommandArbitraryOptions = {}): fc.Arbitrary<{ [C in CommandName]: { name: C; input: CommandInput<C> } }[CommandName]> {
  const taskIds = options.taskIds ?? ['nv-1'];
  const planIds = options.planIds ?? ['kh-1'];
  return fc
    .record({
      name: fc.constantFrom(...COMMAND_NAMES),
      unit: fc.constantFrom(...UNIT_NAMES).map(unitRef),
      taskId: fc.constantFrom(...taskIds),
      planId: fc.constantFrom(...planIds),
      args: stepArgsArbitrary,
      at: instantArbitrary(),
    })
    .map(({ name, unit, taskId, planId, args, at }) => {
      const actor = { unitId: unit.id };
      const inputs: Record<CommandName, Record<string, unknown>> = {
        draftPlan: { actor, title: args.text, planId, issuer: unit },
        addTask: { actor, planId, title: args.text, lead: args.lead, support: args.support, deadline: args.deadline },
        issuePlan: { actor, planId, number: '88/KH-UBND', issuedOn: '2026-02-25' },
        assignTask: { actor, taskId, lead: args.lead, support: args.support, deadline: args.deadline },
        acknowledgeTask: { actor, taskId },
        reportTask: { actor, taskId, text: args.text, final: args.final, ...(args.progress === undefined ? {} : { progress: args.progress }) },
        acceptReport: { actor, taskId },
        returnReport: { actor, taskId, reason: args.text },
        extendDeadline: { actor, taskId, deadline: args.deadline, reason: args.text },
        reassignTask: { actor, taskId, lead: args.lead, reason: args.text },
        cancelTask: { actor, taskId, reason: args.text },
        requestReport: { actor, planId, units: [args.lead], subject: args.text, dueAt: at },
        closePlan: { actor, planId },
        upgradeRules: { actor, planId, version: args.final ? LATEST_RULES_VERSION : 1 },
      };
      return { name, input: inputs[name] } as never;
    });
}
