import type { Context } from 'hono';
import { PlanlogError } from '@planlog/core';

/** The largest body a command takes (1 MiB); a larger one is 413 before it is parsed. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * How much of a streamed (chunked) body past the limit is read and dropped before the 413 goes out:
 * a client still sending when the answer comes sees its connection cut instead of the answer. Past
 * this the server answers at once and the connection closes.
 */
const DRAIN_BYTES = 8 * MAX_BODY_BYTES;

/** A request refused before it reaches the engine: 400, 413 or 415, in the shape of every error. */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const tooLarge = () => new BodyError(413, 'body', `the body is over ${MAX_BODY_BYTES} bytes`);

/** The body as text, refused with 413 past MAX_BODY_BYTES, whether its length is announced or not. */
async function readText(c: Context): Promise<string> {
  const announced = c.req.header('content-length');
  if (announced !== undefined && c.req.header('transfer-encoding') === undefined) {
    if (Number(announced) > MAX_BODY_BYTES) throw tooLarge();
    return c.req.text(); // the runtime holds a request to its announced length
  }
  const body = c.req.raw.body;
  if (body === null) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size <= MAX_BODY_BYTES) chunks.push(value);
    else if (size > DRAIN_BYTES) {
      await reader.cancel();
      break;
    }
  }
  if (size > MAX_BODY_BYTES) throw tooLarge();
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

function mediaTypeOf(header: string | undefined): string | undefined {
  return header?.split(';')[0]?.trim().toLowerCase() || undefined;
}

/**
 * The JSON object a command's body holds. An empty body without a content type is `{}` (commands such
 * as acknowledge need no body). A body needs `Content-Type: application/json` (415 otherwise); it must
 * be JSON (400) and a JSON object (400). The size limit is the body-limit middleware's (413).
 */
export async function readJsonBody(c: Context): Promise<Record<string, unknown>> {
  const mediaType = mediaTypeOf(c.req.header('content-type'));
  if (mediaType !== undefined && mediaType !== 'application/json') {
    throw new BodyError(415, 'Content-Type', `Content-Type: ${mediaType} is not accepted; send application/json`);
  }
  const text = await readText(c);
  if (text.trim() === '') return {};
  if (mediaType === undefined) throw new BodyError(415, 'Content-Type', 'a body needs Content-Type: application/json');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new BodyError(400, 'body', `the body is not JSON: ${(error as Error).message}`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new BodyError(400, 'body', 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

/**
 * Refuses what a body must not carry: fields the path, the credentials or the Idempotency-Key give,
 * and fields the command does not know (VALIDATION naming the field).
 */
export function checkBodyFields(body: Record<string, unknown>, known: readonly string[], notInBody: Record<string, string>): void {
  for (const key of Object.keys(body)) {
    const from = notInBody[key];
    if (from !== undefined) throw new PlanlogError('VALIDATION', `${key}: comes from ${from}, not from the body`, { field: key });
    if (!known.includes(key)) throw new PlanlogError('VALIDATION', `${key}: unknown field`, { field: key });
  }
}
