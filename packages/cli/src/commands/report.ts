import type { Command } from 'commander';
import { writeJson, writeText, type Context } from '../io.js';
import { withStore } from '../openStore.js';
import { asOfOption, dbOption, jsonOption, type CommonOptions } from '../options.js';
import { collectPlanReport } from '../report/collectPlanReport.js';
import { renderPlanReport } from '../report/renderPlanReport.js';
import { planStateAsOf } from './state.js';

export function reportCommand(program: Command, context: Context): void {
  program
    .command('report')
    .summary("a plan's summary report (Vietnamese)")
    .description("a plan's summary report in Vietnamese (Markdown): the 4-way statistics, overdue work by lead unit, adjustments, report requests")
    .argument('<planId>', 'the plan')
    .addOption(asOfOption())
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (planId: string, options: CommonOptions & { asOf?: string }) => {
      await withStore(context, options.db, { create: false, readonly: true }, async ({ store }) => {
        const report = await collectPlanReport(store, await planStateAsOf(store, planId, options.asOf, new Date()));
        if (options.json) writeJson(context.stdout, report);
        else writeText(context.stdout, renderPlanReport(report));
      });
    });
}
