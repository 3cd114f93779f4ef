import { describeDeadline } from '@planlog/core';
import type { Command } from 'commander';
import { actingCommand } from '../actingCommand.js';
import type { Context } from '../io.js';
import { parseDeadline } from '../parseDeadline.js';
import { requireOption } from '../requireOption.js';

export function extendCommand(program: Command, context: Context): void {
  actingCommand<{ deadline?: string; reason?: string }>(program, context, {
    name: 'extend',
    summary: 'extend a task’s deadline (gia hạn), with a reason',
    description: "give a task a new deadline (gia hạn) with a reason: an overdue flag is cleared, the new deadline can fall due again",
    arguments: [['<taskId>', 'the task']],
    options: (command) =>
      command
        .option('--deadline <deadline>', 'the new deadline: 2026-Q3, 2026-09, 2026-H2, 2026, 2026-09-30, before:2026-09-30 or ongoing')
        .option('--reason <reason>', 'why'),
    example: 'planlog extend kh-45-stp/II.2 --deadline 2026-Q3 --reason "Chờ tài liệu của Bộ" --as so-tu-phap',
    async run({ engine, actor, commandId, lang }, [taskId], options) {
      const deadline = parseDeadline(requireOption(options.deadline, '--deadline', lang), '--deadline', lang);
      const result = await engine.extendDeadline({ actor, commandId, taskId: taskId!, deadline, reason: requireOption(options.reason, '--reason', lang) });
      const due = describeDeadline(deadline);
      return { result, done: { vi: `Đã gia hạn nhiệm vụ ${taskId} đến ${due.vi}`, en: `Extended task ${taskId} to ${due.en}` } };
    },
  });
}
