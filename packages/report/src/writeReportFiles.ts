import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectReport, type CollectReportOptions, type ReportData } from './collectReport.js';
import { composeReport } from './composeReport.js';
import type { ChromiumOptions } from './renderPdf.js';
import { writeReport, type ReportFormat } from './writeReport.js';

export type WriteReportFilesOptions = CollectReportOptions & {
  /** The folder the files go to (made if missing). */
  dir: string;
  /** Default: docx, html and pdf. */
  formats?: readonly ReportFormat[];
  /** The files' name before the extension (default "report"). */
  baseName?: string;
  chromium?: ChromiumOptions;
};

/**
 * Collect the Báo cáo of one agency for one period and write it in each format (`report.docx`,
 * `report.html`, `report.pdf` …) into `dir`. Resolves to the paths written and the report's data.
 * The PDF needs Chromium: without it, ChromiumMissingError after the other formats are written.
 */
export async function writeReportFiles(options: WriteReportFilesOptions): Promise<{ files: string[]; data: ReportData }> {
  const data = await collectReport(options);
  const document = composeReport(data);
  mkdirSync(options.dir, { recursive: true });
  const formats = [...(options.formats ?? ['docx', 'html', 'pdf'])].sort((a, b) => Number(a === 'pdf') - Number(b === 'pdf'));
  const files: string[] = [];
  for (const format of formats) {
    const file = join(options.dir, `${options.baseName ?? 'report'}.${format}`);
    writeFileSync(file, await writeReport(document, format, options.chromium));
    files.push(file);
  }
  return { files, data };
}
