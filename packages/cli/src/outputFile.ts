import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { PlanlogError } from '@planlog/core';

/** Whether two paths name one file (same device and inode: a symlink or hard link counts). */
function sameFile(a: string, b: string): boolean {
  if (!existsSync(a) || !existsSync(b)) return resolve(a) === resolve(b);
  const [x, y] = [statSync(a), statSync(b)];
  return x.dev === y.dev && x.ino === y.ino;
}

/**
 * Where `--out` may write: never over the log being read (its file, or its -wal/-shm, whatever
 * --force says), and over an existing file only with --force. Refusals are VALIDATION on `out`.
 */
export function checkOutputFile(out: string, shown: string, options: { force?: boolean; dbFile?: string | null }): void {
  const db = options.dbFile;
  if (db && [db, `${db}-wal`, `${db}-shm`].some((file) => sameFile(out, file))) {
    throw new PlanlogError('VALIDATION', `--out: ${shown} is the log being read (--db); give another file`, { field: 'out' });
  }
  if (!existsSync(out)) return;
  if (statSync(out).isDirectory()) throw new PlanlogError('VALIDATION', `--out: ${shown} is a directory`, { field: 'out' });
  if (!options.force) throw new PlanlogError('VALIDATION', `--out: ${shown} exists; give --force to replace it`, { field: 'out' });
}
