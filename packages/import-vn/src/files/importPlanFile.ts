import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { PlanlogError } from '@planlog/core';
import { importPlan } from '../importPlan.js';
import type { ImportOptions, ImportResult } from '../types.js';
import { readPlanBytes } from './readPlanBytes.js';

/** `importPlan` over the bytes of a plan file (.docx, .pdf with a text layer, .txt, .md); `fileName` tells which. */
export async function importPlanBytes(bytes: Uint8Array, options: ImportOptions & { fileName: string }): Promise<ImportResult> {
  if (!(bytes instanceof Uint8Array)) throw new PlanlogError('VALIDATION', 'bytes: a Uint8Array (or Buffer) is expected', { field: 'bytes' });
  if (typeof options?.fileName !== 'string' || options.fileName.length === 0) throw new PlanlogError('VALIDATION', 'fileName: the name of the file is expected (its extension tells how to read it)', { field: 'fileName' });
  const { fileName, ...rest } = options;
  return importPlan(await readPlanBytes(bytes, fileName), rest);
}

/** `importPlan` over a plan file (.docx, .pdf with a text layer, .txt, .md). */
export async function importPlanFile(path: string, options: ImportOptions = {}): Promise<ImportResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PlanlogError(code === 'ENOENT' ? 'NOT_FOUND' : 'VALIDATION', `${path}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(error)})`}`, { field: 'file' });
  }
  return importPlanBytes(bytes, { ...options, fileName: basename(path) });
}
