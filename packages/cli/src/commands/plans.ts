import { createEngine, MAX_PAGE_LIMIT } from '@planlog/core';
import type { Command } from 'commander';
import { writeJson, writeLine, type Context } from '../io.js';
import { withStore } from '../openStore.js';
import { langOption, type Lang } from '../lang.js';
import { dbOption, jsonOption, type CommonOptions } from '../options.js';
import { formatTable } from '../table.js';

export type PlanListing = { planId: string; number: string | null; issuedOn: string | null; state: string; tasks: number; issuer: string | null; title: string };

export function plansCommand(program: Command, context: Context): void {
  program
    .command('plans')
    .summary('the plans in the log, with their ids')
    .description('the plans in the log: id, number, state, number of tasks, issuer and title (to find the ids other commands take)')
    .addOption(langOption())
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (options: CommonOptions & { lang: Lang }) => {
      const vi = options.lang === 'vi';
      await withStore(context, options.db, { create: false, readonly: true }, async ({ store }) => {
        const engine = createEngine({ store });
        const listing: PlanListing[] = [];
        for (let cursor: string | undefined, more = true; more; ) {
          const page = await engine.listPlans({ limit: MAX_PAGE_LIMIT, ...(cursor === undefined ? {} : { cursor }) });
          for (const plan of page.items) {
            listing.push({ planId: plan.planId, number: plan.number, issuedOn: plan.issuedOn, state: plan.state, tasks: plan.taskCount, issuer: plan.issuer?.name ?? null, title: plan.title });
          }
          cursor = page.nextCursor ?? undefined;
          more = page.nextCursor !== null;
        }
        if (options.json) return writeJson(context.stdout, listing);
        if (listing.length === 0) return writeLine(context.stdout, vi ? 'Nhật ký chưa có kế hoạch nào.' : 'No plans in this log.');
        const rows = listing.map((plan) => [plan.planId, plan.number ?? (vi ? '(dự thảo)' : '(draft)'), plan.state, String(plan.tasks), plan.issuer ?? '', plan.title]);
        const heading = vi ? ['kế hoạch', 'số', 'trạng thái', 'nhiệm vụ', 'cơ quan ban hành', 'tên'] : ['plan', 'number', 'state', 'tasks', 'issuer', 'title'];
        for (const line of formatTable([heading, ...rows], '')) writeLine(context.stdout, line);
      });
    });
}
