import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { checkExport, importLog, memoryStore, type CheckedExport, type EventStore } from '@planlog/core';
import type { Progress } from './progress.js';

export type LogImport = { imported: number; dryRun: boolean };

/**
 * Read an export file (`planlog export`) and check it whole with core's `checkExport` — every line,
 * on the exact bytes a store will keep — before any store is opened: a refused file touches no
 * database (a foreign SQLite file gains no planlog tables). The bar shows the bytes read.
 */
export async function readLogFile(file: string, bar: Progress): Promise<CheckedExport> {
  const size = statSync(file).size;
  async function* lines(): AsyncGenerator<string> {
    let read = 0;
    for await (const line of createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })) {
      read += Buffer.byteLength(line) + 1;
      bar.update(Math.min(read, size), size);
      yield line;
    }
  }
  return checkExport(lines());
}

/**
 * Import a checked export into an empty store with `importLog`. A dry run imports into a scratch
 * memory store instead, which also proves that a store reproduces every hash, and changes nothing.
 * The bar shows the events appended.
 */
export async function importLogFile(checked: CheckedExport, target: EventStore | null, bar: Progress): Promise<LogImport> {
  const store = target ?? memoryStore();
  const total = checked.events.length;
  let appended = 0;
  const counting: EventStore = {
    ...store,
    async appendMany(appends) {
      const results = await store.appendMany(appends);
      appended += results.reduce((sum, result) => sum + result.events.length, 0);
      bar.update(appended, total);
      return results;
    },
  };
  const { imported } = await importLog(counting, checked);
  return { imported, dryRun: target === null };
}
