import { PlanlogError, taskStream, timeline, type TimelineEntry } from '@planlog/core';
import { Option, type Command } from 'commander';
import { writeJson, writeLine, type Context } from '../io.js';
import { withStore } from '../openStore.js';
import { dbOption, jsonOption, type CommonOptions } from '../options.js';

type TimelineOptions = CommonOptions & { lang: 'vi' | 'en'; kind?: 'plan' | 'task'; tz?: string; from?: string; to?: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `--from`/`--to`: a local date (YYYY-MM-DD), compared with the entries' local times. */
function dateOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new PlanlogError('VALIDATION', `--${name}: "${value}" is not a date (YYYY-MM-DD, local to the plan)`, { field: name });
  }
  return value;
}

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
    .option('--from <date>', 'only events on or after this local date (YYYY-MM-DD)')
    .option('--to <date>', 'only events on or before this local date (YYYY-MM-DD)')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (id: string, options: TimelineOptions) => {
      const from = dateOption('from', options.from);
      const to = dateOption('to', options.to);
      await withStore(context, options.db, { create: false, readonly: true }, async ({ store }) => {
        const all = await timeline(store, id, {
          locale: options.lang,
          ...(options.kind ? { kind: options.kind } : {}),
          ...(options.tz ? { timeZone: options.tz } : {}),
        });
        const entries = all.filter((entry) => (from === undefined || entry.localTime.slice(0, 10) >= from) && (to === undefined || entry.localTime.slice(0, 10) <= to));
        if (options.json) return writeJson(context.stdout, entries);
        const isTask = all.length > 0 && all.every((entry) => entry.streamId === taskStream(id));
        const task = isTask ? all[0]!.task : null;
        const zone = all[0]?.timeZone ?? '';
        const heading =
          options.lang === 'en'
            ? task ? `History of task ${task.ref ?? id}: ${task.title}` : `History of plan ${id}`
            : task ? `Diễn biến nhiệm vụ ${task.ref ?? id}: ${task.title}` : `Diễn biến kế hoạch ${id}`;
        const range = from || to ? `, ${from ?? '…'} – ${to ?? '…'}` : '';
        const count = entries.length === all.length ? String(all.length) : `${entries.length}/${all.length}`;
        writeLine(context.stdout, `${heading} (${count} ${options.lang === 'en' ? 'events' : 'sự kiện'}${range}, ${zone})`);
        for (const line of formatTimeline(entries, !isTask)) writeLine(context.stdout, line);
      });
    });
}
