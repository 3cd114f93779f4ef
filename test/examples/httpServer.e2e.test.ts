import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../examples/http-server/src/demoServer.js';

// examples/http-server's README, run as its reader would: the demo year simulated into a fresh file,
// served on a free port of 127.0.0.1, and each ```sh block of the README run with bash (curl), in
// order, its output checked against the block's `# expect:` comment. (e2e tier: it runs curl.)

const readme = readFileSync(new URL('../../examples/http-server/README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);

/** Runs a block with bash, without blocking this process (the server answers from it). */
function runBlock(block: string, env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', block], { env: { ...process.env, ...env }, timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

let dir: string;
let server: DemoServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'planlog-http-server-'));
  server = await startDemoServer({ file: join(dir, 'planlog-demo.db'), port: 0 });
}, 120_000);
afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('examples/http-server README', () => {
  it('has curl calls with what they should print', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(10);
    expect(blocks.filter((block) => block.includes('curl')).every((block) => /^# expect: /m.test(block))).toBe(true);
  });

  it('runs every call against the served demo year', async () => {
    const before = await server.engine.store.headPosition();
    for (const block of blocks) {
      const run = await runBlock(block, { PLANLOG_URL: server.url });
      expect({ block, status: run.status, stderr: run.stderr }).toEqual({ block, status: 0, stderr: '' });
      for (const [, expected] of block.matchAll(/^# expect: (.+)$/gm)) expect(run.stdout, block).toContain(expected);
    }
    // The report sent twice under one Idempotency-Key was appended once; nothing else was.
    expect(await server.engine.store.headPosition()).toBe(before + 1);
    const task = await server.engine.getTask('stp-pbgdpl-2026/III.2');
    expect(task.reports.at(-1)).toMatchObject({ text: 'Đã bố trí 80% kinh phí', progress: 80 });
  });
});
