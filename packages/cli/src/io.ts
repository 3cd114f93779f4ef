import { escapeControl } from './escapeControl.js';

/** Where a command writes: the process's streams, or strings collected by a test. */
export type Output = { write(chunk: string): unknown; isTTY?: boolean; columns?: number };

export type Io = {
  stdout: Output;
  stderr: Output;
  /** Relative paths are taken from here (default: the process's working directory). */
  cwd?: string;
  /** Environment (default: process.env); `PLANLOG_DB` is the default of `--db`. */
  env?: Record<string, string | undefined>;
};

/** What every command gets: its streams, where it runs, and how it sets the exit code. */
export type Context = Io & {
  cwd: string;
  env: Record<string, string | undefined>;
  /** The exit code `run` returns when the command's action ends without throwing (default 0). */
  setExit(code: number): void;
};

/** One line for a reader: control characters in it are escaped (escapeControl), so it stays one line. */
export function writeLine(out: Output, text = ''): void {
  out.write(`${escapeControl(text)}\n`);
}

/** Lines for a reader (a Markdown report): each line escaped as writeLine does, the line breaks kept. */
export function writeText(out: Output, text: string): void {
  out.write(text.split('\n').map(escapeControl).join('\n'));
}

/** JSON for scripts: one document, pretty-printed, on stdout; strings exact (JSON escapes what it must). */
export function writeJson(out: Output, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}
