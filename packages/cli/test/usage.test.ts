import { describe, expect, it } from 'vitest';
import { cli } from './fixtures/cli.js';

describe('planlog usage', () => {
  it('--help lists the commands and the exit codes (exit 0)', async () => {
    const result = await cli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['verify', 'timeline', 'state', 'report', 'export', 'import', 'rebuild']) expect(result.stdout).toMatch(new RegExp(`\\n  ${command} `));
    expect(result.stdout).toContain('3  verification failed');
  });

  it('import --help says how a log export and a plan text are told apart', async () => {
    const result = await cli(['import', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('a .ndjson or .jsonl file, or one whose first line is a JSON object');
    expect(result.stdout).toContain('a plan text (Kế hoạch) anything else');
    expect(result.stdout).toContain('--dry-run');
  });

  it('an unknown command or option, or a missing argument, is exit 1 with a one-line reason', async () => {
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.split('\n')[0]).toBe("planlog: unknown command 'frobnicate'");
    const option = await cli(['verify', '--nope']);
    expect(option.code).toBe(1);
    expect(option.stderr.split('\n')[0]).toBe("planlog: unknown option '--nope'");
    const missing = await cli(['state']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.split('\n')[0]).toBe("planlog: missing required argument 'planId'");
  });

  it('--version prints the version', async () => {
    const result = await cli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
