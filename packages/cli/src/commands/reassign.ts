import type { Command } from 'commander';
import { actingCommand } from '../actingCommand.js';
import type { Context } from '../io.js';
import { collectUnits, parseUnit } from '../parseUnit.js';
import { requireOption } from '../requireOption.js';

export function reassignCommand(program: Command, context: Context): void {
  actingCommand<{ lead?: string; support?: string[]; reason?: string }>(program, context, {
    name: 'reassign',
    summary: 'give a task another lead unit (giao lại), with a reason',
    description: 'give a task another lead unit (giao lại), and optionally other support units, with a reason',
    arguments: [['<taskId>', 'the task']],
    options: (command) =>
      command
        .option('--lead <unit>', 'the new lead unit: "Unit name", or unit-id="Unit name"')
        .option('--support <unit>', 'a support unit (repeat for several; without it the support units stay)', collectUnits)
        .option('--reason <reason>', 'why'),
    example: 'planlog reassign kh-45-stp/II.2 --lead "Văn phòng Sở" --reason "Điều chỉnh phân công" --as so-tu-phap',
    async run({ engine, actor, commandId, lang }, [taskId], options) {
      const lead = parseUnit(requireOption(options.lead, '--lead', lang), '--lead', lang);
      const support = options.support?.map((unit) => parseUnit(unit, '--support', lang));
      const result = await engine.reassignTask({ actor, commandId, taskId: taskId!, lead, ...(support ? { support } : {}), reason: requireOption(options.reason, '--reason', lang) });
      return { result, done: { vi: `Đã giao lại nhiệm vụ ${taskId} cho ${lead.name}`, en: `Reassigned task ${taskId} to ${lead.name}` } };
    },
  });
}
