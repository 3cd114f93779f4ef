import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The README's `npx -y pnpm@10 web` is `pnpm build && pnpm --filter @planlog/example-web run start`
// (package.json). `pnpm test` has built the packages already, so this runs the second half as the
// script does, on a database of its own (`--db`; the year is simulated into it, as on a fresh clone)
// and a free port (PORT=0), and reads the page a browser opens first.

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'planlog-web-'));
let child: ChildProcess | undefined;

afterAll(() => {
  if (child?.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

/** The URL the dashboard prints once it listens (or the output so far, when it exits first). */
function dashboardUrl(process_: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const url = /the dashboard on .* at (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve(url.replace('localhost', '127.0.0.1'));
    };
    process_.stdout!.on('data', read);
    process_.stderr!.on('data', read);
    process_.once('exit', (code) => reject(new Error(`pnpm web exited (${code}) before listening:\n${output}`)));
  });
}

describe('pnpm web (README)', () => {
  it('serves the dashboard on the demo year: the sign-in page, in Vietnamese, lists the demo units', async () => {
    child = spawn('npx', ['-y', 'pnpm@10', '--filter', '@planlog/example-web', 'run', 'start', '--db', join(dir, 'demo.db')], {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await dashboardUrl(child);
    const signIn = await fetch(`${url}/`, { redirect: 'follow' });
    expect(signIn.status).toBe(200);
    const page = await signIn.text();
    expect(page).toContain('<html lang="vi"');
    expect(page).toContain('Sở Tư pháp');
  }, 180_000);
});
