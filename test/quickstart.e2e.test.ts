import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('README example', () => {
  it('is the quickstart file, verbatim', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const example = readFileSync(`${root}examples/quickstart/main.ts`, 'utf8');
    expect(readme).toContain('```ts\n' + example + '```');
    expect(example.trim().split('\n').length).toBeLessThanOrEqual(22);
  });

  it('runs as a user would run it, against the built package', () => {
    const output = execFileSync(process.execPath, ['--import', 'tsx', 'examples/quickstart/main.ts'], { cwd: root, encoding: 'utf8' });
    expect(output).toContain("[ 'task.overdue' ]");
    expect(output).toContain('completedLate: 1');
  });
});
