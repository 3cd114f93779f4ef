import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import type { Output } from './io.js';

/** Write a line, waiting for a stream that asks for it (`write` returned false) to drain. */
async function put(out: Output, line: string): Promise<void> {
  if (out.write(`${line}\n`) === false && typeof (out as { once?: unknown }).once === 'function') {
    await once(out as NodeJS.WritableStream, 'drain');
  }
}

/** Copy lines to an output, in order, honouring back-pressure. Resolves to the number of lines. */
export async function writeLinesTo(out: Output, lines: AsyncIterable<string>, onLine?: (count: number) => void): Promise<number> {
  let count = 0;
  for await (const line of lines) {
    await put(out, line);
    onLine?.(++count);
  }
  return count;
}

/**
 * Write lines to a file through a temporary file beside it, renamed into place at the end: a failed
 * export leaves no half-written file under the name asked for.
 */
export async function writeLinesToFile(file: string, lines: AsyncIterable<string>, onLine?: (count: number) => void): Promise<number> {
  const temporary = `${file}.${process.pid}.partial`;
  const stream = createWriteStream(temporary, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  try {
    const count = await Promise.race([writeLinesTo(stream, lines, onLine), failed]);
    stream.end();
    await Promise.race([once(stream, 'finish'), failed]);
    renameSync(temporary, file);
    return count;
  } catch (error) {
    // The stream opens its file asynchronously: wait until it is closed, or the file would appear after its removal.
    const closed = stream.closed ? Promise.resolve() : once(stream, 'close').catch(() => undefined);
    stream.destroy();
    await closed;
    rmSync(temporary, { force: true });
    throw error;
  }
}
