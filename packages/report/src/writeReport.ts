import { PlanlogError } from '@planlog/core';
import type { ReportDocument } from './ReportDocument.js';
import { renderDocx } from './renderDocx.js';
import { renderHtml } from './renderHtml.js';
import { renderMarkdown } from './renderMarkdown.js';
import { renderPdf, type ChromiumOptions } from './renderPdf.js';

export const REPORT_FORMATS = ['docx', 'html', 'md', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The document in one format, as the bytes of its file (UTF-8 for HTML and Markdown). */
export async function writeReport(document: ReportDocument, format: ReportFormat, options: ChromiumOptions = {}): Promise<Uint8Array> {
  switch (format) {
    case 'docx':
      return renderDocx(document);
    case 'html':
      return new TextEncoder().encode(renderHtml(document));
    case 'md':
      return new TextEncoder().encode(renderMarkdown(document));
    case 'pdf':
      return renderPdf(renderHtml(document), options);
    default:
      throw new PlanlogError('VALIDATION', `format: "${String(format)}" is not one of ${REPORT_FORMATS.join(', ')}`, { field: 'format' });
  }
}
