import { readFileSync } from 'node:fs';
import { PlanlogError } from '@planlog/core';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A file's text, refused with VALIDATION (field `file`) when it is not text: a NUL byte, or bytes that
 * are not UTF-8 (a .doc, a .pdf, an image given by mistake). A leading byte order mark is dropped.
 */
export function readTextFile(file: string, shown: string = file): string {
  const bytes = readFileSync(file);
  const nul = bytes.indexOf(0);
  const refuse = (why: string) =>
    new PlanlogError('VALIDATION', `${shown}: not a plain text file (${why}); give the plan as UTF-8 text (.txt)`, { field: 'file', details: { file: shown } });
  if (nul >= 0) throw refuse(`a NUL byte at offset ${nul}`);
  try {
    return utf8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw refuse('its bytes are not UTF-8');
  }
}
