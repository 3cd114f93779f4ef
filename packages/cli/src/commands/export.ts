import { resolve } from 'node:path';
import { exportLog, type ExportHeader } from '@planlog/core';
import type { Command } from 'commander';
import { writeJson, writeLine, type Context } from '../io.js';
import { dbOf, isPostgresUrl, withStore } from '../openStore.js';
import { checkOutputFile } from '../outputFile.js';
import { langOption, type Lang } from '../lang.js';
import { dbOption, jsonOption, type CommonOptions } from '../options.js';
import { progressBar, type Progress } from '../progress.js';
import { writeLinesTo, writeLinesToFile } from '../writeLines.js';

/** The export's lines, reporting progress against the count its header announces. */
async function* counted(lines: AsyncIterable<string>, bar: Progress, header: { value?: ExportHeader }): AsyncGenerator<string> {
  let done = -1;
  for await (const line of lines) {
    if (done < 0) header.value = JSON.parse(line) as ExportHeader;
    else bar.update(done + 1, header.value!.count);
    done++;
    yield line;
  }
}

export function exportCommand(program: Command, context: Context): void {
  program
    .command('export')
    .summary('export the log or one plan as NDJSON')
    .description('the log (or one plan and its tasks) as NDJSON: a header line, then every event exactly as stored, hash and all')
    .option('--plan <planId>', "only this plan's stream and its tasks' streams")
    .option('--out <file>', 'write to this file (default: stdout), through a temporary file renamed into place at the end')
    .option('--force', 'replace the --out file if it exists (never the --db file)')
    .addOption(langOption())
    .addOption(dbOption())
    .addOption(jsonOption())
    .addHelpText('after', '\nThe output reads back with `planlog import <file>` into an empty store. With --out and --json, a\nsummary { out, planId, count } is printed; without --out the NDJSON itself goes to stdout.')
    .action(async (options: CommonOptions & { plan?: string; out?: string; force?: boolean; lang: Lang }) => {
      const db = dbOf(context, options.db);
      const out = options.out === undefined ? null : resolve(context.cwd, options.out);
      if (out !== null) checkOutputFile(out, options.out!, { force: options.force, dbFile: isPostgresUrl(db) ? null : resolve(context.cwd, db) });
      await withStore(context, options.db, { create: false, readonly: true }, async ({ store, location }) => {
        // NDJSON on a terminal is not mixed with a bar: the bar shows only while writing a file.
        const bar = progressBar(context, 'export', { json: options.json || options.out === undefined });
        const header: { value?: ExportHeader } = {};
        const lines = counted(exportLog(store, options.plan === undefined ? {} : { planId: options.plan }), bar, header);
        try {
          if (options.out === undefined) return void (await writeLinesTo(context.stdout, lines));
          await writeLinesToFile(out!, lines);
        } finally {
          bar.end();
        }
        const count = header.value?.count ?? 0;
        if (options.json) writeJson(context.stdout, { db: location, out: options.out, planId: options.plan ?? null, count });
        else if (options.lang === 'vi') writeLine(context.stdout, `Đã xuất ${count} sự kiện${options.plan ? ` của kế hoạch ${options.plan}` : ''} từ ${location} ra ${options.out}.`);
        else writeLine(context.stdout, `Exported ${count} events${options.plan ? ` of plan ${options.plan}` : ''} from ${location} to ${options.out}.`);
      });
    });
}
