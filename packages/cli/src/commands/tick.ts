import { DEFAULT_TIME_ZONE, createEngine, describeEvent, formatLocalTime, idOfStream, systemClock, type Engine, type StoredEvent } from '@planlog/core';
import type { Command } from 'commander';
import { writeJson, writeLine, type Context } from '../io.js';
import { langOption, type Lang } from '../lang.js';
import { withStore } from '../openStore.js';
import { dbOption, jsonOption, type CommonOptions } from '../options.js';

/** The time zone of the plan an event belongs to (a plan stream, or a task's plan), for the times shown. */
async function timeZoneOf(engine: Engine, event: StoredEvent, zones: Map<string, string>): Promise<string> {
  if (!zones.has(event.streamId)) {
    const id = idOfStream(event.streamId);
    const planId = event.streamId.startsWith('task-') ? (await engine.getTask(id)).planId : id;
    zones.set(event.streamId, (await engine.getPlan(planId).catch(() => null))?.timeZone ?? DEFAULT_TIME_ZONE);
  }
  return zones.get(event.streamId)!;
}

/** One line per appended event: its position, the local time it is about, and what it says. */
async function describeAppended(engine: Engine, events: readonly StoredEvent[], lang: Lang): Promise<string[]> {
  const zones = new Map<string, string>();
  const lines: string[] = [];
  for (const event of events) {
    const timeZone = await timeZoneOf(engine, event, zones);
    const text = describeEvent(event, { unitName: (unitId) => unitId, timeZone })[lang];
    lines.push(`  #${event.position}  ${idOfStream(event.streamId)}  ${text}`);
  }
  return lines;
}

export function tickCommand(program: Command, context: Context): void {
  program
    .command('tick')
    .summary('append what has fallen due now (overdue tasks and reports, periodic report requests); the command to schedule')
    .description(
      'append what has fallen due at this moment: task.overdue for tasks past their deadline, report.overdue for unanswered report requests, and the report.requested of periodic reporting that has opened. Each is appended once, however often tick runs and on however many machines: schedule it (systemd timer, cron; see docs/cli.md)',
    )
    .addOption(langOption())
    .addOption(dbOption())
    .addOption(jsonOption())
    .addHelpText('after', '\nExample:\n  planlog tick --db /var/lib/planlog/plans.db\n\nExit code 0 whether or not something fell due; the events appended are listed.')
    .action(async (options: CommonOptions & { lang: Lang }) => {
      await withStore(context, options.db, { create: false }, async ({ store, location }) => {
        const engine = createEngine({ store, clock: systemClock() });
        const appended = await engine.tick();
        if (options.json) return writeJson(context.stdout, { command: 'tick', db: location, appended });
        const now = formatLocalTime(new Date(), DEFAULT_TIME_ZONE);
        if (appended.length === 0) {
          return writeLine(context.stdout, options.lang === 'vi' ? `${now}: không có gì đến hạn, không ghi thêm sự kiện nào.` : `${now}: nothing has fallen due, no event appended.`);
        }
        const count = options.lang === 'vi' ? `${appended.length} sự kiện được ghi:` : `${appended.length} event${appended.length === 1 ? '' : 's'} appended:`;
        writeLine(context.stdout, `${now}: ${count}`);
        for (const line of await describeAppended(engine, appended, options.lang)) writeLine(context.stdout, line);
      });
    });
}
