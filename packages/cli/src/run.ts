import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { isPlanlogError } from '@planlog/core';
import { anchorCommand } from './commands/anchor.js';
import { exportCommand } from './commands/export.js';
import { importCommand } from './commands/import.js';
import { plansCommand } from './commands/plans.js';
import { rebuildCommand } from './commands/rebuild.js';
import { reportCommand } from './commands/report.js';
import { stateCommand } from './commands/state.js';
import { timelineCommand } from './commands/timeline.js';
import { verifyCommand } from './commands/verify.js';
import { acceptCommand } from './commands/accept.js';
import { ackCommand } from './commands/ack.js';
import { assignCommand } from './commands/assign.js';
import { cancelCommand } from './commands/cancel.js';
import { closeCommand } from './commands/close.js';
import { extendCommand } from './commands/extend.js';
import { issueCommand } from './commands/issue.js';
import { reassignCommand } from './commands/reassign.js';
import { reportTaskCommand } from './commands/reportTask.js';
import { requestReportCommand } from './commands/requestReport.js';
import { returnCommand } from './commands/return.js';
import { tickCommand } from './commands/tick.js';
import { upgradeRulesCommand } from './commands/upgradeRules.js';
import { EXIT, EXIT_CODES_HELP, exitCodeOf } from './exitCodes.js';
import { writeJson, writeLine, writeText, type Context, type Io } from './io.js';
import { langOf } from './lang.js';
import { localizeError } from './localizeError.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

const COMMANDS = [verifyCommand, anchorCommand, plansCommand, timelineCommand, stateCommand, reportCommand, exportCommand, importCommand, rebuildCommand];

/** The commands that run a plan (each calls one engine command; tick is the one to schedule). */
const ACTING_COMMANDS = [
  issueCommand,
  assignCommand,
  ackCommand,
  reportTaskCommand,
  acceptCommand,
  returnCommand,
  extendCommand,
  reassignCommand,
  cancelCommand,
  requestReportCommand,
  closeCommand,
  upgradeRulesCommand,
  tickCommand,
];

/** The `planlog` program, its commands writing to `context`. */
export function createProgram(context: Context): Command {
  const program = new Command('planlog')
    .description('Audit and run planlog logs: verify the hash chain, read histories, replay a plan as of a date, export, import, report.')
    .version(version, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => writeText(context.stdout, text),
      writeErr: (text) => writeText(context.stderr, text),
      outputError: (text, write) => write(`planlog: ${text.replace(/^error: /, '')}`),
    })
    .showHelpAfterError('(planlog <command> --help shows the usage)')
    .addHelpText(
      'after',
      `\nEvery command takes --db <file|url> (a SQLite file or a postgres:// URL; default $PLANLOG_DB or plans.db),\n--json (one JSON document on stdout, for scripts) and --lang vi|en (messages; Vietnamese by default;\nnot on report, whose document is in Vietnamese).\nThe commands that run a plan take --as <unitId> (who acts: not a login) and --command-id <id> (a retry\nappends nothing); see docs/cli.md. Read commands never write to the log.\n\n${EXIT_CODES_HELP}\n`,
    );
  for (const add of COMMANDS) add(program, context);
  for (const add of ACTING_COMMANDS) add(program, context);
  return program;
}

/**
 * Run `planlog` with the arguments after the program name (`process.argv.slice(2)`), writing to
 * `io`; resolves to the exit code. Never throws: bad input ends in one line on stderr (and, with
 * `--json`, `{ "error": { code, message, field } }` on stdout).
 */
export async function run(args: readonly string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let exitCode: number = EXIT.OK;
  const context: Context = {
    ...io,
    cwd: io.cwd ?? process.cwd(),
    env: io.env ?? process.env,
    setExit(code) {
      exitCode = code;
    },
  };
  try {
    await createProgram(context).parseAsync([...args], { from: 'user' });
    return exitCode;
  } catch (error) {
    // Commander has already said what was wrong with the usage (or printed the help or version).
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    // A refusal is said in the user's language (Vietnamese unless --lang en), its kind first.
    error = localizeError(error, langOf(args));
    const code = exitCodeOf(error);
    const message = error instanceof Error ? error.message : String(error);
    writeLine(context.stderr, `planlog: ${message.split('\n')[0]}`);
    if (!isPlanlogError(error) && context.env.PLANLOG_DEBUG && error instanceof Error && error.stack) writeText(context.stderr, `${error.stack}\n`);
    if (args.includes('--json')) {
      const planlog = isPlanlogError(error) ? { code: error.code, field: error.field ?? null, details: error.details ?? null } : { code: null };
      writeJson(context.stdout, { error: { message, ...planlog }, exitCode: code });
    }
    return code;
  }
}
