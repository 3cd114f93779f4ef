import type { Command } from 'commander';
import { actingCommand } from '../actingCommand.js';
import type { Context } from '../io.js';
import { requireOption } from '../requireOption.js';

export function returnCommand(program: Command, context: Context): void {
  actingCommand<{ reason?: string }>(program, context, {
    name: 'return',
    summary: 'return a final report (trả lại), with a reason',
    description: "send a task's final report back (trả lại báo cáo) with a reason: the task is in progress again",
    arguments: [['<taskId>', 'the task']],
    options: (command) => command.option('--reason <reason>', 'why the report goes back'),
    example: 'planlog return kh-45-stp/II.1 --reason "Thiếu số liệu quý II" --as so-tu-phap',
    async run({ engine, actor, commandId, lang }, [taskId], { reason }) {
      const result = await engine.returnReport({ actor, commandId, taskId: taskId!, reason: requireOption(reason, '--reason', lang) });
      return { result, done: { vi: `Đã trả lại báo cáo nhiệm vụ ${taskId}`, en: `Returned the report on task ${taskId}` } };
    },
  });
}
