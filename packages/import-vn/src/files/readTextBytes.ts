import { PlanlogError } from '@planlog/core';

/** The text of a `.txt`/`.md` file: UTF-8 (with or without a BOM), or UTF-16 with a BOM. */
export function readTextBytes(bytes: Uint8Array, fileName: string): string {
  let text: string;
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    else text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new PlanlogError('VALIDATION', `${fileName}: not text in UTF-8 (or UTF-16 with a byte order mark); save the plan as UTF-8 text, .docx or .pdf`, { field: 'file' });
  }
  if (text.includes('\u0000')) {
    throw new PlanlogError('VALIDATION', `${fileName}: holds NUL characters, so it is not a text file; give the plan as UTF-8 text, .docx or .pdf`, { field: 'file' });
  }
  return text;
}
