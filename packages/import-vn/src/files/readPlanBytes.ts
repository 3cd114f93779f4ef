import { PlanlogError } from '@planlog/core';
import { readDocx } from './readDocx.js';
import { readPdf } from './readPdf.js';
import { readTextBytes } from './readTextBytes.js';

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((byte, i) => bytes[i] === byte);

/** What a file's first bytes say it is, whatever its name says. */
function kindOf(bytes: Uint8Array): 'zip' | 'pdf' | 'ole' | 'image' | undefined {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return 'ole';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff]) || startsWith(bytes, [0x47, 0x49, 0x46]) || startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'image';
  return undefined;
}

/**
 * The plain text of a plan file: `.docx` (mammoth), `.pdf` with a text layer (pdfjs-dist), `.txt` or
 * `.md` (UTF-8, or UTF-16 with a BOM). Anything else is refused with a VALIDATION error that says why.
 */
export async function readPlanBytes(bytes: Uint8Array, fileName: string): Promise<string> {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const kind = kindOf(bytes);
  const refuse = (why: string) => {
    throw new PlanlogError('VALIDATION', `${fileName}: ${why}; planlog reads plans as .docx, .pdf (with a text layer), .txt or .md`, { field: 'file' });
  };
  if (kind === 'ole' || extension === 'doc') refuse('a Word 97-2003 .doc file, which cannot be read: save it as .docx');
  if (kind === 'image' || ['png', 'jpg', 'jpeg', 'gif', 'tif', 'tiff', 'bmp', 'webp', 'heic'].includes(extension)) refuse('an image, not a document: a scanned page has no text to read');
  if (extension === 'docx' || (kind === 'zip' && extension !== 'zip')) {
    if (kind !== 'zip') refuse('named .docx but not a Word document');
    return readDocx(bytes, fileName);
  }
  if (kind === 'zip') refuse('a zip archive, not a plan: unpack it and import the plan inside');
  if (extension === 'pdf' || kind === 'pdf') {
    if (kind !== 'pdf') refuse('named .pdf but not a PDF file');
    return readPdf(bytes, fileName);
  }
  if (['txt', 'md', 'markdown', 'text', ''].includes(extension)) return readTextBytes(bytes, fileName);
  return refuse(`a .${extension} file`);
}
