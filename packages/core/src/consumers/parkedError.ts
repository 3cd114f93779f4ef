/** How a handler's error is kept with a parked event: `name: message`, well-formed text without NUL, at most 2,000 characters. */
export function parkedError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/\u0000/g, '\uFFFD')
    .slice(0, 2_000)
    .replace(/[\uD800-\uDBFF]$/, '');
}
