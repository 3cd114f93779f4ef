import type { Command } from 'commander';
import { actingCommand } from '../actingCommand.js';
import type { Context } from '../io.js';
import { requireOption } from '../requireOption.js';

export function cancelCommand(program: Command, context: Context): void {
  actingCommand<{ reason?: string }>(program, context, {
    name: 'cancel',
    summary: 'cancel a task (hủy), with a reason',
    description: 'cancel a task that is not completed (hủy nhiệm vụ), with a reason: it is no longer counted in the summary',
    arguments: [['<taskId>', 'the task']],
    options: (command) => command.option('--reason <reason>', 'why'),
    example: 'planlog cancel kh-45-stp/II.3 --reason "Không còn phù hợp" --as so-tu-phap',
    async run({ engine, actor, commandId, lang }, [taskId], { reason }) {
      const result = await engine.cancelTask({ actor, commandId, taskId: taskId!, reason: requireOption(reason, '--reason', lang) });
      return { result, done: { vi: `Đã hủy nhiệm vụ ${taskId}`, en: `Cancelled task ${taskId}` } };
    },
  });
}
