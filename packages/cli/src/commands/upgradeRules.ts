import type { Command } from 'commander';
import { PlanlogError } from '@planlog/core';
import { actingCommand } from '../actingCommand.js';
import type { Context } from '../io.js';
import type { Lang } from '../lang.js';
import { requireOption } from '../requireOption.js';

/** `--to`: a rules version, a whole number (whether this planlog carries it is the engine's answer). */
function parseVersion(value: string | undefined, lang: Lang): number {
  const text = requireOption(value, '--to', lang).trim();
  if (!/^\d{1,4}$/.test(text)) {
    throw new PlanlogError('VALIDATION', lang === 'vi' ? `--to: "${text}" không phải số phiên bản quy tắc` : `--to: "${text}" is not a rules version number`, { field: 'version' });
  }
  return Number(text);
}

export function upgradeRulesCommand(program: Command, context: Context): void {
  actingCommand<{ to?: string; note?: string }>(program, context, {
    name: 'upgrade-rules',
    summary: 'move a plan to a later rules version (áp dụng quy tắc mới)',
    description:
      'move a plan to a later version of the rules (the machines that decide its commands; docs/concepts.md, "Rules versions"). ' +
      'Commands decided after it follow the new version; what the log already holds stays as it was',
    arguments: [['<planId>', 'the plan']],
    options: (command) => command.option('--to <version>', 'the rules version to move to (later than the one in force)').option('--note <note>', 'why (a decision, a decree)'),
    example: 'planlog upgrade-rules kh-45-stp --to 2 --note "Quyết định 30/QĐ-UBND" --as so-tu-phap',
    async run({ engine, actor, commandId, lang }, [planId], options) {
      const version = parseVersion(options.to, lang);
      const result = await engine.upgradeRules({ actor, commandId, planId: planId!, version, ...(options.note === undefined ? {} : { note: options.note }) });
      return {
        result,
        done: { vi: `Kế hoạch ${planId} áp dụng quy tắc phiên bản ${version}`, en: `Plan ${planId} now runs under rules version ${version}` },
      };
    },
  });
}
