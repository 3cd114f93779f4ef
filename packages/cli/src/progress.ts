import type { Io } from './io.js';

export type Progress = {
  /** `done` of `total` units of work so far (total 0: unknown). */
  update(done: number, total: number): void;
  /** Clear the bar. */
  end(): void;
};

const SILENT: Progress = { update() {}, end() {} };
const WIDTH = 24;

/**
 * A one-line progress bar on stderr, drawn only when stdout is a terminal (so pipes, files and
 * `--json` get nothing) and redrawn at most every 100 ms.
 */
export function progressBar(io: Io, label: string, options: { json?: boolean } = {}): Progress {
  if (!io.stdout.isTTY || options.json) return SILENT;
  let last = 0;
  let drawn = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const ratio = total > 0 ? Math.min(1, done / total) : 0;
      const filled = Math.round(ratio * WIDTH);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
      const count = total > 0 ? `${done}/${total}` : String(done);
      io.stderr.write(`\r${label} ${bar} ${Math.round(ratio * 100)}% ${count}\x1b[K`);
      drawn = true;
    },
    end() {
      if (drawn) io.stderr.write('\r\x1b[K');
      drawn = false;
    },
  };
}
