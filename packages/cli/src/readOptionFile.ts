import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PlanlogError } from '@planlog/core';
import type { Context } from './io.js';

/** A key or anchor file's text, or `NOT_FOUND` naming the option. */
export function readOptionFile(context: Context, path: string, field: string): string {
  try {
    return readFileSync(resolve(context.cwd, path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new PlanlogError('NOT_FOUND', `--${field}: no such file ${path}`, { field, cause: error });
    throw new PlanlogError('VALIDATION', `--${field}: cannot read ${path} (${code ?? (error as Error).message})`, { field, cause: error });
  }
}
