import { PlanlogError } from '@planlog/core';
import type { Command } from 'commander';
import { actingCommand } from '../actingCommand.js';
import type { Context } from '../io.js';
import type { Lang } from '../lang.js';
import { requireOption } from '../requireOption.js';

/** `--progress`: a whole or decimal percentage 0–100. */
function parseProgress(value: string | undefined, lang: Lang): number | undefined {
  if (value === undefined) return undefined;
  const progress = Number(value.trim().replace(/%$/, ''));
  if (value.trim() === '' || !Number.isFinite(progress) || progress < 0 || progress > 100) {
    throw new PlanlogError('VALIDATION', lang === 'vi' ? `--progress: "${value}" không phải tỉ lệ phần trăm từ 0 đến 100` : `--progress: "${value}" is not a percentage from 0 to 100`, { field: 'progress' });
  }
  return progress;
}

export function reportTaskCommand(program: Command, context: Context): void {
  actingCommand<{ text?: string; final?: boolean; period?: string; progress?: string; request?: string }>(program, context, {
    name: 'report-task',
    summary: "report on a task (báo cáo): progress, or the final report (by the lead unit)",
    description: "report on a task (báo cáo kết quả): a progress report, or with --final the final report the issuer accepts or returns (a support unit may report progress only). Not to be confused with `planlog report`, which prints a plan's summary report",
    arguments: [['<taskId>', 'the task']],
    options: (command) =>
      command
        .option('--text <text>', 'what was done')
        .option('--final', 'the final report: the task is submitted for acceptance')
        .option('--period <period>', 'the reporting period it covers, e.g. "6 tháng đầu năm 2026"')
        .option('--progress <percent>', 'progress, 0 to 100')
        .option('--request <requestId>', 'the ad-hoc report request (report-request) it answers'),
    example: 'planlog report-task kh-45-stp/II.1 --text "Đã rà soát 12 văn bản" --final --as phong-xay-dung-phap-luat',
    async run({ engine, actor, commandId, lang }, [taskId], options) {
      const progress = parseProgress(options.progress, lang);
      const result = await engine.reportTask({
        actor,
        commandId,
        taskId: taskId!,
        text: requireOption(options.text, '--text', lang),
        final: options.final === true,
        ...(options.period === undefined ? {} : { period: options.period }),
        ...(progress === undefined ? {} : { progress }),
        ...(options.request === undefined ? {} : { requestId: options.request }),
      });
      return options.final
        ? { result, done: { vi: `${actor.unitId} đã gửi báo cáo hoàn thành nhiệm vụ ${taskId}`, en: `${actor.unitId} submitted the final report on task ${taskId}` } }
        : { result, done: { vi: `${actor.unitId} đã báo cáo tiến độ nhiệm vụ ${taskId}`, en: `${actor.unitId} reported progress on task ${taskId}` } };
    },
  });
}
