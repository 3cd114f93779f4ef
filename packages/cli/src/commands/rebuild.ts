import { PlanlogError, ProjectionRunner, builtinProjections, type EventStore } from '@planlog/core';
import { sqliteReadModels } from '@planlog/sqlite';
import type { Command } from 'commander';
import { EXIT } from '../exitCodes.js';
import { writeJson, writeLine, type Context } from '../io.js';
import { withStore } from '../openStore.js';
import { langOption, type Lang } from '../lang.js';
import { dbOption, jsonOption, type CommonOptions } from '../options.js';
import { progressBar, type Progress } from '../progress.js';

/** The store, reporting each event the runner reads against the head position. */
function reading(store: EventStore, head: number, bar: Progress): EventStore {
  return {
    ...store,
    async *readAll(options) {
      for await (const event of store.readAll(options)) {
        bar.update(event.position, head);
        yield event;
      }
    },
  };
}

export function rebuildCommand(program: Command, context: Context): void {
  program
    .command('rebuild')
    .summary('rebuild the read models in a SQLite file')
    .description('rebuild read models kept in a SQLite log file (task register, overdue register, …) from position 0')
    .argument('[projection...]', `projections to rebuild (default: all: ${builtinProjections.map((projection) => projection.name).join(', ')})`)
    .addOption(langOption())
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (names: string[], options: CommonOptions & { lang: Lang }) => {
      const vi = options.lang === 'vi';
      const known = new Map(builtinProjections.map((projection) => [projection.name, projection]));
      const unknown = names.filter((name) => !known.has(name));
      if (unknown.length > 0) throw new PlanlogError('VALIDATION', `projection: no projection ${unknown.join(', ')} (known: ${[...known.keys()].join(', ')})`, { field: 'projection' });
      await withStore(context, options.db, { create: false }, async ({ store, sqlite, location }) => {
        if (!sqlite) throw new PlanlogError('VALIDATION', '--db: rebuild works on read models kept in a SQLite file; PostgreSQL read models are not supported here yet', { field: 'db' });
        const bar = progressBar(context, 'rebuild', options);
        const readModels = sqliteReadModels(sqlite);
        const head = await store.headPosition();
        const runner = new ProjectionRunner({ store: reading(store, head, bar), readModels, projections: builtinProjections });
        const rebuilt: { projection: string; position: number; failed: { position: number; message: string } | null }[] = [];
        try {
          for (const name of names.length > 0 ? names : [...known.keys()]) {
            const { position, failed } = await runner.rebuild(name);
            const failure = failed.find((entry) => entry.projection === name);
            rebuilt.push({ projection: name, position, failed: failure ? { position: failure.position, message: failure.message } : null });
          }
        } finally {
          bar.end();
        }
        if (options.json) writeJson(context.stdout, { db: location, head, rebuilt });
        else for (const entry of rebuilt) {
          const line = entry.failed
            ? vi ? `${entry.projection}: LỖI tại vị trí ${entry.failed.position}: ${entry.failed.message}` : `${entry.projection}: FAILED at position ${entry.failed.position}: ${entry.failed.message}`
            : vi ? `${entry.projection}: đã dựng lại đến vị trí ${entry.position}` : `${entry.projection}: rebuilt up to position ${entry.position}`;
          writeLine(context.stdout, line);
        }
        if (rebuilt.some((entry) => entry.failed)) context.setExit(EXIT.STORE);
      });
    });
}
