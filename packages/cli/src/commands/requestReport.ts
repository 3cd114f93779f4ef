import { PlanlogError, formatLocalTime, localMidnight } from '@planlog/core';
import type { Command } from 'commander';
import { actingCommand } from '../actingCommand.js';
import type { Context } from '../io.js';
import type { Lang } from '../lang.js';
import { collectUnits, parseUnit } from '../parseUnit.js';
import { requireOption } from '../requireOption.js';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * `--due`: `2026-06-01` (reports due by the end of that day in the plan's time zone),
 * `before:2026-06-01` (due at 00:00 of that day, "trước ngày"), or an ISO instant with its offset.
 */
export function parseDue(value: string, timeZone: string, lang: Lang): string {
  const text = value.trim();
  const date = /^(before:)?(\d{4})-(\d{2})-(\d{2})$/i.exec(text);
  if (date) {
    const [year, month, day] = [Number(date[2]), Number(date[3]), Number(date[4])];
    const check = new Date(Date.UTC(year, month - 1, day));
    if (check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day) {
      return localMidnight(year, month, date[1] ? day : day + 1, timeZone).toISOString();
    }
  } else if (INSTANT.test(text) && !Number.isNaN(Date.parse(text))) return text;
  const forms = '2026-06-01, before:2026-06-01, 2026-06-01T17:00:00+07:00';
  const message = lang === 'vi' ? `--due: không đọc được hạn "${value}"; viết theo dạng ${forms}` : `--due: cannot read the due time "${value}"; write ${forms}`;
  throw new PlanlogError('VALIDATION', message, { field: 'due' });
}

export function requestReportCommand(program: Command, context: Context): void {
  actingCommand<{ unit?: string[]; subject?: string; due?: string; requestId?: string }>(program, context, {
    name: 'request-report',
    summary: 'ask units for an ad-hoc report (báo cáo đột xuất) by a due time',
    description: 'ask units of a plan for an ad-hoc report (yêu cầu báo cáo đột xuất) on a subject, due by a time',
    arguments: [['<planId>', 'the plan']],
    options: (command) =>
      command
        .option('--unit <unit>', 'a unit asked to report: "Unit name", or unit-id="Unit name" (repeat for several)', collectUnits)
        .option('--subject <subject>', 'what the report is about')
        .option('--due <when>', "2026-06-01 (end of that day, the plan's time zone), before:2026-06-01 (00:00 of that day) or an ISO instant with offset")
        .option('--request-id <id>', 'the id of the request (default: one is made)'),
    example: 'planlog request-report kh-45-stp --unit "Phòng Xây dựng pháp luật" --subject "Báo cáo nhanh" --due before:2026-06-01 --as so-tu-phap',
    async run({ engine, actor, commandId, lang }, [planId], options) {
      if (!options.unit || options.unit.length === 0) requireOption(undefined, '--unit', lang);
      const units = options.unit!.map((unit) => parseUnit(unit, '--unit', lang));
      const subject = requireOption(options.subject, '--subject', lang);
      const due = requireOption(options.due, '--due', lang);
      const { timeZone } = await engine.getPlan(planId!);
      const dueAt = parseDue(due, timeZone, lang);
      const result = await engine.requestReport({ actor, commandId, planId: planId!, units, subject, dueAt, ...(options.requestId ? { requestId: options.requestId } : {}) });
      const when = formatLocalTime(dueAt, timeZone);
      return {
        result,
        done: {
          vi: `Đã yêu cầu báo cáo ${result.requestId} (${units.map((unit) => unit.name).join(', ')}), hạn ${when}`,
          en: `Requested report ${result.requestId} (${units.map((unit) => unit.name).join(', ')}), due ${when}`,
        },
      };
    },
  });
}
