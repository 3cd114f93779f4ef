import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { importLog, memoryStore, type EventStore } from '@planlog/core';
import type { Progress } from './progress.js';

export type LogImport = { imported: number; dryRun: boolean };

/** The header's event count, or 0 when the line is not a readable header (importLog says why). */
function countOf(line: string): number {
  try {
    const count = (JSON.parse(line) as { count?: unknown } | null)?.count;
    return typeof count === 'number' ? count : 0;
  } catch {
    return 0;
  }
}

/**
 * Import an export file (`planlog export`) into an empty store with `importLog`: every line is
 * checked before anything is appended. A dry run imports into a scratch memory store instead, which
 * checks the whole file, hash chain included, and changes nothing. The bar shows the bytes read,
 * then the events appended.
 */
export async function importLogFile(file: string, target: EventStore | null, bar: Progress): Promise<LogImport> {
  const size = statSync(file).size;
  let total = 0;
  async function* lines(): AsyncGenerator<string> {
    let read = 0;
    for await (const raw of createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })) {
      // A byte order mark before the header (an editor on Windows saved the file) is not part of it.
      const line = read === 0 ? raw.replace(/^\uFEFF/, '') : raw;
      if (read === 0) total = countOf(line);
      read += Buffer.byteLength(raw) + 1;
      bar.update(Math.min(read, size), size);
      yield line;
    }
  }
  const store = target ?? memoryStore();
  let appended = 0;
  const counting: EventStore = {
    ...store,
    async appendMany(requests) {
      const results = await store.appendMany(requests);
      appended += results.reduce((sum, result) => sum + result.events.length, 0);
      bar.update(appended, total);
      return results;
    },
  };
  const { imported } = await importLog(counting, lines());
  return { imported, dryRun: target === null };
}
