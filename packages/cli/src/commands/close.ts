import type { Command } from 'commander';
import { actingCommand } from '../actingCommand.js';
import type { Context } from '../io.js';

export function closeCommand(program: Command, context: Context): void {
  actingCommand<{ note?: string }>(program, context, {
    name: 'close',
    summary: 'close a plan (kết thúc)',
    description: 'close an issued plan (kết thúc kế hoạch), with an optional note',
    arguments: [['<planId>', 'the plan']],
    options: (command) => command.option('--note <note>', 'a note kept with the closing'),
    example: 'planlog close kh-45-stp --note "Tổng kết năm 2026" --as so-tu-phap',
    async run({ engine, actor, commandId }, [planId], { note }) {
      const result = await engine.closePlan({ actor, commandId, planId: planId!, ...(note === undefined ? {} : { note }) });
      return { result, done: { vi: `Đã kết thúc kế hoạch ${planId}`, en: `Closed plan ${planId}` } };
    },
  });
}
