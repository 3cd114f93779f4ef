import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './fixtures/cli.js';
import { runDemoYear } from './fixtures/demoYear.js';
import { HASH, runSessions } from './fixtures/docSessions.js';

// docs/audit.md shows real output of `planlog` on the demo log. This test replays every console
// session of the page, from the root of a clone whose demo log the demo itself has just written,
// and checks that each command prints what the page says (hashes, which depend on random event
// ids, compared as hashes). When the demo changes, `npx tsx packages/cli/scripts/updateAuditDoc.ts`
// writes the new output into the page; its prose may then need a look.

const page = readFileSync(fileURLToPath(new URL('../../../docs/audit.md', import.meta.url)), 'utf8');
const temp = tempDir();

beforeAll(() => runDemoYear(temp.dir));
afterAll(() => temp.remove());

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;
const masked = (lines: string[]) => lines.map((line) => line.replace(HASH, '<hash>').replace(/\b[0-9a-f]{12}…/g, '<hash>…').replace(UUID, '<uuid>'));

describe('docs/audit.md', () => {
  it('every console session on the page prints what the page shows', async () => {
    const { ran } = await runSessions(page, temp.dir);
    expect(ran.filter((step) => step.command.startsWith('planlog ')).length).toBeGreaterThan(10);
    for (const step of ran) {
      if (step.command.startsWith('planlog ') || step.command.startsWith('python3 ') || step.command === 'echo $?') expect(masked(step.printed), step.command).toEqual(masked(step.output));
    }
  });
});
