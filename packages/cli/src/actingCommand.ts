import { randomUUID } from 'node:crypto';
import { PlanlogError, createEngine, systemClock, type Actor, type CommandResult, type Engine, type EventStore } from '@planlog/core';
import { Option, type Command } from 'commander';
import { writeJson, writeLine, type Context } from './io.js';
import { langOption, type Lang, type Said } from './lang.js';
import { withStore } from './openStore.js';
import { dbOption, jsonOption } from './options.js';

/** The options every command that acts on a plan takes. */
export type ActingOptions = { db?: string; json?: boolean; as?: string; user?: string; commandId?: string; lang: Lang };

/** What a command's `run` gets: an engine on the opened store, who acts, the command id, the language. */
export type Acting = { engine: Engine; store: EventStore; actor: Actor; commandId: string; lang: Lang };

export type ActingSpec<O> = {
  name: string;
  summary: string;
  description: string;
  /** Positional arguments: [`<taskId>`, description]. */
  arguments: readonly (readonly [string, string])[];
  /** The command's own options. */
  options?: (command: Command) => void;
  /** Lines shown under "Example:" in its help. */
  example: string;
  /** Call the engine's command; resolve to its result and what was done, in both languages. */
  run(acting: Acting, args: string[], options: O & ActingOptions): Promise<{ result: CommandResult; done: Said }>;
};

/** "(3 sự kiện được ghi vào nhật ký, đến vị trí 12)". */
function appendedText(count: number, position: number): Said {
  return {
    vi: `${count} sự kiện được ghi vào nhật ký, đến vị trí ${position}`,
    en: `${count} event${count === 1 ? '' : 's'} appended to the log, up to position ${position}`,
  };
}

/** How many events of the log after `from` carry this command id: what the command appended. */
async function appendedBy(store: EventStore, from: number, commandId: string): Promise<number> {
  let count = 0;
  for await (const event of store.readAll({ fromPosition: from + 1 })) if (event.commandId === commandId) count++;
  return count;
}

/** `--as` (required, said in the user's language), with `--user`: the actor of the command. */
function actorOf(options: ActingOptions): Actor {
  const unitId = options.as?.trim();
  if (!unitId) {
    const message = options.lang === 'vi' ? '--as: cho biết đơn vị thực hiện lệnh (--as <mã đơn vị>)' : '--as: say which unit acts (--as <unitId>)';
    throw new PlanlogError('VALIDATION', message, { field: 'as' });
  }
  return options.user === undefined ? { unitId } : { unitId, userId: options.user };
}

/**
 * Add a command that runs one engine command on the log: it opens the store for writing (never
 * creating a log: a missing file or schema is NOT_FOUND), asks the engine — whose machines and
 * policy decide — and says what was appended. With --command-id a repeated run gives the same
 * result and appends nothing (the engine's rule). Refusals keep the engine's type; run() says them
 * in the chosen language and ends with the exit code of their kind (exitCodes.ts).
 */
export function actingCommand<O>(program: Command, context: Context, spec: ActingSpec<O>): void {
  const command = program.command(spec.name).summary(spec.summary).description(spec.description);
  for (const [name, description] of spec.arguments) command.argument(name, description);
  spec.options?.(command);
  command
    .addOption(new Option('--as <unitId>', 'the unit that acts (its id, as the plan names it); required'))
    .option('--user <userId>', 'the person acting for the unit (kept in the log with the unit)')
    .option('--command-id <id>', 'an id for this command: running it again with the same id appends nothing and prints the same result (safe to retry)')
    .addOption(langOption())
    .addOption(dbOption())
    .addOption(jsonOption())
    .addHelpText('after', `\nExample:\n  ${spec.example}\n\n--as is who acts, not a login: whoever can write the log file (or the database) can act as any unit; the\nplan's policy decides what that unit may do. See docs/cli.md.`)
    .action(async (...received: unknown[]) => {
      const args = received.slice(0, spec.arguments.length) as string[]; // then commander's options and command
      const options = command.opts() as O & ActingOptions;
      const lang = options.lang;
      const actor = actorOf(options);
      const commandId = options.commandId ?? `cli:${randomUUID()}`;
      await withStore(context, options.db, { create: false }, async ({ store, location }) => {
        const engine = createEngine({ store, clock: systemClock() });
        const before = await store.headPosition();
        const { result, done } = await spec.run({ engine, store, actor, commandId, lang }, args, options);
        const appended = await appendedBy(store, before, commandId);
        if (options.json) return writeJson(context.stdout, { command: spec.name, db: location, commandId, result, appended, replayed: appended === 0 });
        if (appended > 0) return writeLine(context.stdout, `${done[lang]} (${appendedText(appended, result.position)[lang]}).`);
        const again: Said = {
          vi: `lệnh ${commandId} đã được thực hiện trước đó, không ghi thêm gì`,
          en: `command ${commandId} had already run, nothing appended`,
        };
        writeLine(context.stdout, `${done[lang]} (${again[lang]}).`);
      });
    });
}
