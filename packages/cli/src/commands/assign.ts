import { describeDeadline } from '@planlog/core';
import type { Command } from 'commander';
import { actingCommand } from '../actingCommand.js';
import type { Context } from '../io.js';
import { parseDeadline } from '../parseDeadline.js';
import { collectUnits, parseUnit } from '../parseUnit.js';
import { requireOption } from '../requireOption.js';

export function assignCommand(program: Command, context: Context): void {
  actingCommand<{ lead?: string; support?: string[]; deadline?: string }>(program, context, {
    name: 'assign',
    summary: 'assign a task (giao nhiệm vụ): lead unit, support units, deadline',
    description: 'assign a task to a lead unit (chủ trì), with support units (phối hợp) and a deadline (thời hạn)',
    arguments: [['<taskId>', 'the task']],
    options: (command) =>
      command
        .option('--lead <unit>', 'the lead unit: "Unit name", or unit-id="Unit name"')
        .option('--support <unit>', 'a support unit (repeat for several)', collectUnits)
        .option('--deadline <deadline>', 'the deadline: 2026-Q2, 2026-06, 2026-H1, 2026, 2026-05-25, before:2026-05-25 or ongoing'),
    example: 'planlog assign kh-45-stp/II.1 --lead "Phòng Xây dựng pháp luật" --deadline 2026-Q2 --as so-tu-phap',
    async run({ engine, actor, commandId, lang }, [taskId], options) {
      const lead = parseUnit(requireOption(options.lead, '--lead', lang), '--lead', lang);
      const deadline = parseDeadline(requireOption(options.deadline, '--deadline', lang), '--deadline', lang);
      const support = (options.support ?? []).map((unit) => parseUnit(unit, '--support', lang));
      const result = await engine.assignTask({ actor, commandId, taskId: taskId!, lead, support, deadline });
      const due = describeDeadline(deadline);
      return { result, done: { vi: `Đã giao nhiệm vụ ${taskId} cho ${lead.name}, thời hạn ${due.vi}`, en: `Assigned task ${taskId} to ${lead.name}, due ${due.en}` } };
    },
  });
}
