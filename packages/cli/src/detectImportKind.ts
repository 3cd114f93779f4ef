import { closeSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';

/** What `planlog import` was given: an export of a log, or the text of a Kế hoạch. */
export type ImportKind = 'log' | 'plan';

/** The first line of a file (at most 64 KiB of it), without reading the rest. */
function firstLine(file: string): string {
  const buffer = Buffer.alloc(64 * 1024);
  const fd = openSync(file, 'r');
  try {
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, length).toString('utf8').replace(/^\uFEFF/, '');
    return text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  } finally {
    closeSync(fd);
  }
}

/**
 * `.ndjson` or `.jsonl`, or a first line that opens a JSON object (a planlog export's header
 * `{"format":"planlog-events",…}`; no plan text starts with "{"), is a log export; anything else is read as the text of a plan.
 */
export function detectImportKind(file: string): ImportKind {
  if (['.ndjson', '.jsonl'].includes(extname(file).toLowerCase())) return 'log';
  return firstLine(file).trim().startsWith('{') ? 'log' : 'plan';
}
