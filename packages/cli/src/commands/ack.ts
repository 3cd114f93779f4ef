import type { Command } from 'commander';
import { actingCommand } from '../actingCommand.js';
import type { Context } from '../io.js';

export function ackCommand(program: Command, context: Context): void {
  actingCommand(program, context, {
    name: 'ack',
    summary: 'acknowledge a task (tiếp nhận), by its lead unit',
    description: 'acknowledge an assigned task (tiếp nhận nhiệm vụ): the lead unit says it has taken the task on',
    arguments: [['<taskId>', 'the task']],
    example: 'planlog ack kh-45-stp/II.1 --as phong-xay-dung-phap-luat',
    async run({ engine, actor, commandId }, [taskId]) {
      const result = await engine.acknowledgeTask({ actor, commandId, taskId: taskId! });
      return { result, done: { vi: `${actor.unitId} đã tiếp nhận nhiệm vụ ${taskId}`, en: `${actor.unitId} acknowledged task ${taskId}` } };
    },
  });
}
