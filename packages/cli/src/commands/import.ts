import { existsSync, rmSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { PlanlogError } from '@planlog/core';
import { Option, type Command } from 'commander';
import { detectImportKind, type ImportKind } from '../detectImportKind.js';
import { importLogFile, readLogFile } from '../importLogFile.js';
import { createPlan, formatPlanImport, issueOf, readPlanText } from '../importPlanText.js';
import { formatPlanReview, reviewPlanDraft } from '../planReview.js';
import { writeJson, writeLine, type Context } from '../io.js';
import { dbOf, isPostgresUrl, redactUrl, withStore } from '../openStore.js';
import { langOption, type Lang } from '../lang.js';
import { dbOption, jsonOption, type CommonOptions } from '../options.js';
import { progressBar } from '../progress.js';

type ImportOptions = CommonOptions & { dryRun?: boolean; as?: ImportKind; actor?: string; planId?: string; issue?: boolean; review?: boolean; lang: Lang };

const HELP = `
Two kinds of file, told apart by their content:

  a log export (NDJSON)  a .ndjson or .jsonl file, or one whose first line is a JSON object (the
                         header {"format":"planlog-events",...} that \`planlog export\` writes).
                         Imported into an EMPTY store with every id, position and hash kept; every
                         line is checked first, and a broken file or a non-empty store appends nothing.
                         --dry-run checks the whole file (hash chain included) without writing.

  a plan text (Kế hoạch) anything else: the plain text of a plan, read with @planlog/import-vn.
                         Shows the draft (tasks, lead units, deadlines, reporting) and every warning
                         with its line number, then creates the plan (plan.drafted and task.added
                         events) unless --dry-run. Re-importing the same text appends nothing.

--as log|plan overrides the guess.

Examples:
  planlog import plans.ndjson --db copy.db
  planlog import ke-hoach.txt --dry-run
  planlog import ke-hoach.txt --db plans.db --issue
`;

export function importCommand(program: Command, context: Context): void {
  program
    .command('import')
    .summary('import an NDJSON export, or a Kế hoạch text as a plan')
    .description('import a log export (NDJSON) into an empty store, or a Kế hoạch text as a new plan')
    .argument('<file>', 'an export from `planlog export`, or the plain text of a plan')
    .option('--dry-run', 'check and show, write nothing')
    .addOption(new Option('--as <kind>', 'what the file is, instead of guessing from its content').choices(['log', 'plan']))
    .option('--actor <unitId>', 'plan text: the unit that drafts the plan (default: the issuer the text names)')
    .option('--plan-id <id>', 'plan text: the id of the new plan (default: derived from the text, stable across re-runs)')
    .option('--issue', 'plan text: also issue the plan with the number and date the text gives')
    .option('--review', 'plan text (.txt, .md, .docx, .pdf): one row per task (ref, lead, supports, deadline, source lines, warnings) to check against the document; writes nothing')
    .addOption(langOption())
    .addOption(dbOption())
    .addOption(jsonOption())
    .addHelpText('after', HELP)
    .action(async (fileArg: string, options: ImportOptions) => {
      const file = isAbsolute(fileArg) ? fileArg : resolve(context.cwd, fileArg);
      if (!existsSync(file)) throw new PlanlogError('NOT_FOUND', `${fileArg}: no such file`, { field: 'file' });
      if (!statSync(file).isFile()) throw new PlanlogError('VALIDATION', `${fileArg}: not a file`, { field: 'file' });
      const kind = options.as ?? detectImportKind(file);

      if (kind === 'plan') {
        const read = await readPlanText(file);
        if (options.review) {
          if (options.json) writeJson(context.stdout, { kind, file: fileArg, ...reviewPlanDraft(read.draft, read.warnings) });
          else for (const line of formatPlanReview(read.draft, read.warnings, options.lang)) writeLine(context.stdout, line);
          return;
        }
        issueOf(read.draft, options); // refused before the store is opened: nothing appended, no file created
        const created = options.dryRun ? null : await withStore(context, options.db, { create: true }, ({ store }) => createPlan(store, read.draft, options));
        const result = { ...read, created };
        if (options.json) writeJson(context.stdout, { kind, file: fileArg, dryRun: Boolean(options.dryRun), ...result });
        else for (const line of formatPlanImport(result, options.lang)) writeLine(context.stdout, line);
        return;
      }

      const db = dbOf(context, options.db);
      const where = isPostgresUrl(db) ? redactUrl(db) : db;
      const target = isPostgresUrl(db) ? null : resolve(context.cwd, db);
      const createdFile = target !== null && !options.dryRun && !existsSync(target);
      const bar = progressBar(context, 'import', options);
      try {
        // The whole file is checked before the store is opened: a refused file touches no database.
        const checked = await readLogFile(file, bar);
        const result = options.dryRun
          ? await importLogFile(checked, null, bar)
          : await withStore(context, options.db, { create: true }, ({ store }) => importLogFile(checked, store, bar));
        bar.end();
        if (options.json) writeJson(context.stdout, { kind, file: fileArg, db: options.dryRun ? null : where, ...result });
        else if (options.lang === 'vi') {
          writeLine(context.stdout, result.dryRun ? `Chạy thử: ${fileArg} là bản xuất hợp lệ gồm ${result.imported} sự kiện; không ghi gì.` : `Đã nhập ${result.imported} sự kiện từ ${fileArg} vào ${where}.`);
        } else if (result.dryRun) writeLine(context.stdout, `Dry run: ${fileArg} is a valid export of ${result.imported} events; nothing was written.`);
        else writeLine(context.stdout, `Imported ${result.imported} events from ${fileArg} into ${where}.`);
      } catch (error) {
        bar.end();
        // A refused import leaves no new empty database behind.
        if (createdFile) for (const suffix of ['', '-wal', '-shm']) rmSync(target + suffix, { force: true });
        throw error;
      }
    });
}
