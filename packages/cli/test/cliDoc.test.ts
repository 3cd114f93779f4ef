import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, manualClock } from '@planlog/core';
import { sqliteStore } from '@planlog/sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './fixtures/cli.js';
import { tsxLoader } from './fixtures/demoYear.js';
import { runSessions } from './fixtures/docSessions.js';

// docs/cli.md: every console session runs and prints what the page shows; the commands it schedules
// (the systemd service's ExecStart, the crontab line) run as written against a temporary log.

const root = fileURLToPath(new URL('../../../', import.meta.url));
const page = readFileSync(join(root, 'docs/cli.md'), 'utf8');
const temp = tempDir();
afterAll(() => temp.remove());

/** The fenced blocks of the page with an info string, e.g. ```ini file=/etc/…/planlog-tick.service. */
function blocks(language: string): { file: string | null; body: string }[] {
  return [...page.matchAll(/```(\S+)([^\n]*)\n([\s\S]*?)```/g)]
    .filter((match) => match[1] === language)
    .map((match) => ({ file: /file=(\S+)/.exec(match[2]!)?.[1] ?? null, body: match[3]! }));
}

/** The time tick prints first is the time it ran. */
const unTimed = (line: string) => line.replace(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}: /, '<now>: ');

/** The page's lines match what was printed: `…` alone skips any lines, a line ending in `…` is a prefix. */
function matches(shown: string[], printed: string[]): boolean {
  let at = 0;
  for (const [index, line] of shown.entries()) {
    if (line === '…') {
      const next = shown[index + 1];
      if (next === undefined) return true;
      while (at < printed.length && unTimed(printed[at]!) !== unTimed(next)) at++;
      continue;
    }
    const actual = printed[at++];
    if (actual === undefined) return false;
    if (line.endsWith('…') ? !actual.startsWith(line.slice(0, -1)) : unTimed(actual) !== unTimed(line)) return false;
  }
  return at === printed.length;
}

/** A log with one task past its deadline, for the scheduled commands to tick. */
async function logWithOverdueTask(file: string): Promise<void> {
  const store = sqliteStore({ file });
  const engine = createEngine({ store, clock: manualClock('2026-01-05T08:00:00+07:00') });
  const actor = { unitId: 'so-tu-phap' };
  await engine.draftPlan({ actor, planId: 'kh-1', title: 'Kế hoạch', issuer: { id: 'so-tu-phap', name: 'Sở Tư pháp' } });
  await engine.addTask({ actor, planId: 'kh-1', taskId: 't1', title: 'Việc', lead: { id: 'phong-a', name: 'Phòng A' }, deadline: { kind: 'date', on: '2026-02-01', before: true } });
  await engine.issuePlan({ actor, planId: 'kh-1', number: '1/KH-STP', issuedOn: '2026-01-05' });
  await store.close();
}

/** A `planlog` on PATH that runs the CLI from its sources, as an installed one would. */
function planlogOnPath(): string {
  const bin = temp.path('bin');
  mkdirSync(bin, { recursive: true });
  const script = join(bin, 'planlog');
  writeFileSync(script, `#!/bin/sh\nexec "${process.execPath}" --import "${tsxLoader()}" "${join(root, 'packages/cli/src/cli.ts')}" "$@"\n`);
  chmodSync(script, 0o755);
  return bin;
}

/** Run a command line with `sh -c`, the log's paths moved into the temporary directory. */
function shell(command: string, paths: Record<string, string>): { code: number; stdout: string; stderr: string } {
  let line = command;
  for (const [from, to] of Object.entries(paths)) line = line.replaceAll(from, to);
  const result = spawnSync('sh', ['-c', line], {
    cwd: temp.dir,
    env: { PATH: `${planlogOnPath()}:/usr/bin:/bin`, TSX_TSCONFIG_PATH: join(root, 'tsconfig.json') },
    encoding: 'utf8',
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('docs/cli.md', () => {
  it('every console session prints what the page shows', async () => {
    const [text] = blocks('text').filter((block) => block.file === 'ke-hoach.txt');
    writeFileSync(temp.path('ke-hoach.txt'), text!.body);
    const { ran } = await runSessions(page, temp.dir);
    expect(ran.filter((step) => step.command.startsWith('planlog ')).length).toBeGreaterThan(15);
    for (const step of ran) {
      expect(matches(step.output, step.printed), `${step.command}\nprinted:\n${step.printed.join('\n')}`).toBe(true);
      if (step.command.startsWith('planlog ') && !step.output.some((line) => line.startsWith('planlog: '))) expect(step.code, step.command).toBe(0);
    }
  });

  it('shows every command that runs a plan, with an example that names it', async () => {
    const commands = ['issue', 'assign', 'ack', 'report-task', 'accept', 'return', 'extend', 'reassign', 'cancel', 'request-report', 'close', 'upgrade-rules', 'tick'];
    for (const command of commands) {
      expect(page, command).toMatch(new RegExp(`\\| \`${command}[ \`][^|]*\\|[^|]*\\|[^|]*\\| \`planlog ${command} `));
      expect(page, command).toMatch(new RegExp(`\\$ planlog ${command} `));
      expect((await cli([command, '--help'])).stdout, command).toContain('Example:');
    }
  });

  const paths = { '/var/lib/planlog/plans.db': temp.path('scheduled.db'), '/var/log/planlog/tick.log': temp.path('tick.log') };

  it("the systemd service's ExecStart ticks the log; run again, it appends nothing", async () => {
    await logWithOverdueTask(paths['/var/lib/planlog/plans.db']);
    const service = blocks('ini').find((block) => block.file?.endsWith('planlog-tick.service'))!.body;
    expect(service).toMatch(/^Type=oneshot$/m);
    const execStart = /^ExecStart=(.+)$/m.exec(service)![1]!;
    const first = shell(execStart, paths);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/: 1 sự kiện được ghi:\n {2}#5 {2}t1 {2}Nhiệm vụ quá hạn/);
    const second = shell(execStart, paths);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/: không có gì đến hạn, không ghi thêm sự kiện nào\.\n$/);
  });

  it('the crontab line is a valid schedule whose command ticks the log and writes what it did to its log file', () => {
    const [crontab] = blocks('crontab');
    const fields = crontab!.body.trim().split(/\s+/);
    const schedule = fields.slice(0, 5);
    for (const field of schedule) expect(field).toMatch(/^(\*|\d+(-\d+)?)(\/\d+)?(,(\*|\d+(-\d+)?)(\/\d+)?)*$/);
    expect(existsSync(paths['/var/lib/planlog/plans.db'])).toBe(true); // ticked by the service above: nothing new is due
    const result = shell(fields.slice(5).join(' '), paths);
    expect(result.code).toBe(0);
    expect(readFileSync(paths['/var/log/planlog/tick.log'], 'utf8')).toMatch(/: không có gì đến hạn, không ghi thêm sự kiện nào\.\n$/);
  });

  it.skipIf(spawnSync('systemd-analyze', ['--version']).status !== 0)('systemd-analyze accepts the timer\'s calendar and both units', () => {
    const timer = blocks('ini').find((block) => block.file?.endsWith('planlog-tick.timer'))!.body;
    expect(timer).toMatch(/^Persistent=true$/m);
    const calendar = /^OnCalendar=(.+)$/m.exec(timer)![1]!;
    expect(execFileSync('systemd-analyze', ['calendar', calendar], { encoding: 'utf8' })).toContain('Normalized form:');
    const units = temp.path('units');
    mkdirSync(units, { recursive: true });
    for (const block of blocks('ini')) writeFileSync(join(units, block.file!.split('/').at(-1)!), block.body);
    const verified = spawnSync('systemd-analyze', ['verify', join(units, 'planlog-tick.timer'), join(units, 'planlog-tick.service')], { encoding: 'utf8' });
    expect(verified.stderr.split('\n').filter((line) => line.includes('planlog-tick') && !/user|group/i.test(line))).toEqual([]);
  });
});
