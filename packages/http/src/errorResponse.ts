import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isPlanlogError, PlanlogError, type ErrorCode } from '@planlog/core';

/** What every refusal looks like on the wire: `{ error: { code, field, message } }` (field null when none). */
export type ErrorBody = { error: { code: string; field: string | null; message: string } };

/** The HTTP status of each planlog error code (design §3.2). */
export const statusOfCode: Record<ErrorCode, ContentfulStatusCode> = {
  VALIDATION: 400,
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  STORE: 503,
};

export function errorBody(code: string, field: string | null | undefined, message: string): ErrorBody {
  return { error: { code, field: field ?? null, message } };
}

export function errorResponse(c: Context, status: ContentfulStatusCode, code: string, field: string | null | undefined, message: string): Response {
  return c.json(errorBody(code, field, message), status);
}

/**
 * Any error thrown while serving a request as a response: a PlanlogError keeps its code, field and
 * message; anything else is a 500 whose message says nothing of the server's insides.
 */
export function responseOfError(c: Context, error: unknown): Response {
  if (isPlanlogError(error)) {
    return errorResponse(c, statusOfCode[error.code], error.code, error.field, error.message);
  }
  return errorResponse(c, 500, 'INTERNAL', null, 'the server failed to answer this request');
}

/** An engine's error about the command id, as the client sent it: the `Idempotency-Key` header. */
export function namingIdempotencyKey(error: unknown): unknown {
  if (!isPlanlogError(error) || error.field !== 'commandId') return error;
  return new PlanlogError(error.code, error.message.replace(/^commandId\b/, 'Idempotency-Key'), {
    field: 'Idempotency-Key',
    ...(error.details === undefined ? {} : { details: error.details }),
    cause: error,
  });
}
