import type { Command } from 'commander';
import { actingCommand } from '../actingCommand.js';
import type { Context } from '../io.js';

export function acceptCommand(program: Command, context: Context): void {
  actingCommand<{ note?: string }>(program, context, {
    name: 'accept',
    summary: 'accept a final report (chấp nhận): the task is completed',
    description: "accept a task's final report (chấp nhận báo cáo): the task is completed, on time or late against the deadline in force when it was submitted",
    arguments: [['<taskId>', 'the task']],
    options: (command) => command.option('--note <note>', 'a note kept with the acceptance'),
    example: 'planlog accept kh-45-stp/II.1 --as so-tu-phap',
    async run({ engine, actor, commandId }, [taskId], { note }) {
      const result = await engine.acceptReport({ actor, commandId, taskId: taskId!, ...(note === undefined ? {} : { note }) });
      return { result, done: { vi: `Đã chấp nhận báo cáo, nhiệm vụ ${taskId} hoàn thành`, en: `Accepted the final report: task ${taskId} is completed` } };
    },
  });
}
