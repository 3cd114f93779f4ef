import { taskStream, timeline, type TimelineEntry } from '@planlog/core';
import { Option, type Command } from 'commander';
import { writeJson, writeLine, type Context } from '../io.js';
import { withStore } from '../openStore.js';
import { dbOption, jsonOption, type CommonOptions } from '../options.js';

type TimelineOptions = CommonOptions & { lang: 'vi' | 'en'; kind?: 'plan' | 'task'; tz?: string };

/** One line per event: position, local time, task ref (in a plan's timeline), and what changed (its text names the actor). */
export function formatTimeline(entries: readonly TimelineEntry[], withTask: boolean): string[] {
  const positions = Math.max(...entries.map((entry) => String(entry.position).length));
  const refs = withTask ? Math.max(0, ...entries.map((entry) => (entry.task?.ref ?? entry.task?.taskId ?? '').length)) : 0;
  return entries.map((entry) => {
    const ref = withTask ? `${(entry.task?.ref ?? entry.task?.taskId ?? '').padEnd(refs)}  ` : '';
    return `${`#${entry.position}`.padStart(positions + 1)}  ${entry.localTime}  ${ref}${entry.text}`;
  });
}

export function timelineCommand(program: Command, context: Context): void {
  program
    .command('timeline')
    .summary("a task's or a plan's history")
    .description("a task's or a plan's history: every event in order, with local time, actor and what changed")
    .argument('<id>', 'a task id or a plan id')
    .addOption(new Option('--lang <lang>', 'language of the descriptions').choices(['vi', 'en']).default('vi'))
    .addOption(new Option('--kind <kind>', 'say whether <id> is a plan or a task (only needed when one id names both)').choices(['plan', 'task']))
    .option('--tz <zone>', "IANA time zone of the times shown (default: the plan's own)")
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (id: string, options: TimelineOptions) => {
      await withStore(context, options.db, { create: false }, async ({ store }) => {
        const entries = await timeline(store, id, {
          locale: options.lang,
          ...(options.kind ? { kind: options.kind } : {}),
          ...(options.tz ? { timeZone: options.tz } : {}),
        });
        if (options.json) return writeJson(context.stdout, entries);
        const isTask = entries.length > 0 && entries.every((entry) => entry.streamId === taskStream(id));
        const task = isTask ? entries[0]!.task : null;
        const zone = entries[0]?.timeZone ?? '';
        const heading =
          options.lang === 'en'
            ? task ? `History of task ${task.ref ?? id}: ${task.title}` : `History of plan ${id}`
            : task ? `Diễn biến nhiệm vụ ${task.ref ?? id}: ${task.title}` : `Diễn biến kế hoạch ${id}`;
        writeLine(context.stdout, `${heading} (${entries.length} ${options.lang === 'en' ? 'events' : 'sự kiện'}, ${zone})`);
        for (const line of formatTimeline(entries, !isTask)) writeLine(context.stdout, line);
      });
    });
}
