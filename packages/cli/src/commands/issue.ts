import type { IssuePlanCommand } from '@planlog/core';
import type { Command } from 'commander';
import { actingCommand } from '../actingCommand.js';
import type { Context } from '../io.js';
import { requireOption } from '../requireOption.js';

const dateVi = (iso: string) => iso.split('-').reverse().join('/');

export function issueCommand(program: Command, context: Context): void {
  actingCommand<{ number?: string; issuedOn?: string }>(program, context, {
    name: 'issue',
    summary: 'issue a drafted plan (ban hành): its number and date; assigns every task with a lead',
    description: 'issue a drafted plan with its number and date of issue (ban hành); every task that has a lead unit is assigned',
    arguments: [['<planId>', 'the plan']],
    options: (command) =>
      command.option('--number <number>', 'the number and symbol of the issued document, e.g. 45/KH-STP').option('--issued-on <date>', 'the date of issue, YYYY-MM-DD'),
    example: 'planlog issue kh-45-stp --number 45/KH-STP --issued-on 2026-04-15 --as so-tu-phap --db plans.db',
    async run({ engine, actor, commandId, lang }, [planId], { number, issuedOn }) {
      const input: IssuePlanCommand = {
        actor,
        commandId,
        planId: planId!,
        number: requireOption(number, '--number', lang),
        issuedOn: requireOption(issuedOn, '--issued-on', lang),
      };
      const result = await engine.issuePlan(input);
      return {
        result,
        done: { vi: `Đã ban hành kế hoạch ${planId} số ${number} ngày ${dateVi(issuedOn!)}`, en: `Issued plan ${planId} as No. ${number} of ${issuedOn}` },
      };
    },
  });
}
