import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PlanlogError } from '@planlog/core';
import { collectReport, composeReport, formatPercent, REPORT_FORMATS, writeReport, type Particulars, type PeriodInput, type ReportFormat } from '@planlog/report';
import { Option, type Command } from 'commander';
import { writeJson, writeLine, writeText, type Context } from '../io.js';
import { langOption, type Lang } from '../lang.js';
import { withStore } from '../openStore.js';
import { dbOption, jsonOption, type CommonOptions } from '../options.js';

type ReportOptions = CommonOptions & {
  lang: Lang;
  unit: string;
  period?: string;
  from?: string;
  to?: string;
  format?: string;
  out?: string;
  number?: string;
  signer?: string;
  place?: string;
  date?: string;
  superior?: string;
};

/**
 * "KT. GIÁM ĐỐC/PHÓ GIÁM ĐỐC/Nguyễn Văn An", "KT. GIÁM ĐỐC/PHÓ GIÁM ĐỐC", "GIÁM ĐỐC/Nguyễn Văn An" or
 * "GIÁM ĐỐC": a first part starting with TM., KT., TL., TUQ. or Q. is the authority line.
 */
export function parseSigner(text: string): NonNullable<Particulars['signer']> {
  const parts = text.split('/').map((part) => part.trim());
  const withAuthority = /^(TM|KT|TL|TUQ|Q)\.\s/.test(parts[0] ?? '');
  if (parts.some((part) => part.length === 0) || parts.length > (withAuthority ? 3 : 2) || (withAuthority && parts.length < 2)) {
    throw new PlanlogError('VALIDATION', '--signer: give "TITLE/Name" or "KT. GIÁM ĐỐC/PHÓ GIÁM ĐỐC/Name" (authority, title, name, separated by /)', { field: 'signer' });
  }
  const [first, second, third] = parts as [string, string?, string?];
  if (withAuthority) return { authority: first, title: second!, ...(third === undefined ? {} : { name: third }) };
  return { title: first, ...(second === undefined ? {} : { name: second }) };
}

function periodOf(options: ReportOptions): PeriodInput {
  if (options.from !== undefined || options.to !== undefined) {
    if (options.period !== undefined) throw new PlanlogError('VALIDATION', '--period: give a period or --from/--to, not both', { field: 'period' });
    if (options.from === undefined || options.to === undefined) throw new PlanlogError('VALIDATION', '--from and --to: give both days of the range', { field: options.from === undefined ? 'from' : 'to' });
    return { from: options.from, to: options.to };
  }
  if (options.period === undefined) throw new PlanlogError('VALIDATION', '--period: give 2026-Q3, 2026-H1, 2026-9M or 2026 (or --from and --to)', { field: 'period' });
  return options.period;
}

function formatOf(options: ReportOptions): ReportFormat {
  const format = options.format ?? (options.out ? /\.(docx|html|md|pdf)$/i.exec(options.out)?.[1]?.toLowerCase() : undefined) ?? 'md';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new PlanlogError('VALIDATION', `--format: "${format}" is not one of ${REPORT_FORMATS.join(', ')}`, { field: 'format' });
  if ((format === 'docx' || format === 'pdf') && options.out === undefined) throw new PlanlogError('VALIDATION', `--out: a ${format} report is written to a file; give --out FILE`, { field: 'out' });
  return format as ReportFormat;
}

export function reportCommand(program: Command, context: Context): void {
  program
    .command('report')
    .summary('the Báo cáo of one sending unit for one period (.docx, HTML, Markdown, PDF)')
    .description(
      "the Báo cáo of one sending agency for one period, in the form of Decree 30/2020/NĐ-CP: results from the units' reports, the 4-way figures against the previous period, next period's priorities, requests, and the annex. Reads the log only.",
    )
    .requiredOption('--unit <unit>', 'the sending agency (its unit id or name): only the plans it issued are reported')
    .option('--period <period>', '2026-Q3, 2026-H1, 2026-9M or 2026 (Decree 09/2019 cut-off dates)')
    .option('--from <date>', 'first day of an explicit range (YYYY-MM-DD), with --to')
    .option('--to <date>', 'last day of an explicit range (YYYY-MM-DD), with --from')
    .addOption(new Option('--format <format>', 'docx, html, md or pdf (default: from --out, else md)').choices([...REPORT_FORMATS]))
    .option('--out <file>', 'the file to write (default for md and html: standard output)')
    .option('--number <number>', 'the number ("125" or "125/BC-SNgV"); default: left blank for the clerk')
    .option('--signer <signer>', '"KT. GIÁM ĐỐC/PHÓ GIÁM ĐỐC/Nguyễn Văn An" (authority/title/name)')
    .option('--place <place>', 'the place of the date line ("Sông Hậu")')
    .option('--date <date>', "the report's date (YYYY-MM-DD; default: today)")
    .option('--superior <body>', 'the superior body above the agency in the header ("UBND tỉnh Sông Hậu")')
    .addOption(langOption())
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (options: ReportOptions) => {
      const period = periodOf(options);
      const format = formatOf(options);
      const particulars: Particulars = {
        ...(options.number === undefined ? {} : { number: options.number }),
        ...(options.signer === undefined ? {} : { signer: parseSigner(options.signer) }),
        ...(options.place === undefined ? {} : { place: options.place }),
        ...(options.date === undefined ? {} : { date: options.date }),
        ...(options.superior === undefined ? {} : { superior: options.superior }),
      };
      const { data, bytes } = await withStore(context, options.db, { create: false, readonly: true }, async ({ store }) => {
        const data = await collectReport({ store, unit: options.unit, period, particulars, now: new Date() });
        return { data, bytes: await writeReport(composeReport(data), format) };
      });
      // The document itself is always Vietnamese; --lang is the language of this summary line.
      const vi = options.lang === 'vi';
      const done = `${data.summary.completedOnTime + data.summary.completedLate}/${data.summary.fallenDue}`;
      const rate =
        data.summary.completionRate === null
          ? vi ? 'chưa có nhiệm vụ đến hạn' : 'nothing fallen due'
          : vi ? `${done} hoàn thành (${formatPercent(data.summary.completionRate)})` : `${done} completed (${formatPercent(data.summary.completionRate)})`;
      const said = vi
        ? `${data.period.label}, ${data.sender.name}: ${data.plans.length} kế hoạch, ${data.summary.total} nhiệm vụ, ${rate}`
        : `${data.period.label}, ${data.sender.name}: ${data.plans.length} plan(s), ${data.summary.total} tasks, ${rate}`;
      if (options.out !== undefined) writeFileSync(resolve(context.cwd, options.out), bytes);
      if (options.json) writeJson(context.stdout, { out: options.out ?? null, format, period: { key: data.period.key, label: data.period.label, from: data.period.from, to: data.period.to }, summary: data.summary, previousSummary: data.previousSummary, requests: data.requests });
      else if (options.out !== undefined) writeLine(context.stdout, vi ? `đã ghi ${options.out} (${format}): ${said}` : `wrote ${options.out} (${format}): ${said}`);
      else writeText(context.stdout, new TextDecoder().decode(bytes));
    });
}
