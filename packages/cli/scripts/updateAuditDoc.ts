// Write into docs/audit.md what its console sessions print today, on a demo log the demo has just
// written: `npx tsx packages/cli/scripts/updateAuditDoc.ts` from the root of the clone. The prose
// around the sessions (positions, dates, names it quotes) is left to the writer to check.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../test/fixtures/cli.js';
import { runDemoYear } from '../test/fixtures/demoYear.js';
import { runSessions } from '../test/fixtures/docSessions.js';

const file = fileURLToPath(new URL('../../../docs/audit.md', import.meta.url));
const page = readFileSync(file, 'utf8');
const temp = tempDir();
try {
  runDemoYear(temp.dir);
  const { ran, hashes } = await runSessions(page, temp.dir);
  let index = 0;
  let updated = page.replace(/```console\n([\s\S]*?)```/g, (_block, body: string) => {
    const lines: string[] = [];
    for (const line of body.trimEnd().split('\n')) {
      if (!line.startsWith('$ ')) continue;
      const step = ran[index++]!;
      lines.push(line, ...step.printed.filter((printed, i) => printed !== '' || i > 0 || step.printed.length > 1));
    }
    return `\`\`\`console\n${lines.join('\n')}\n\`\`\``;
  });
  // Anchors (position:hash) before bare hashes, so an anchor is replaced whole.
  for (const old of [...hashes.keys()].sort((a, b) => b.length - a.length)) updated = updated.replaceAll(old, hashes.get(old)!);
  writeFileSync(file, updated);
  console.log(`docs/audit.md: ${ran.length} commands run, ${updated === page ? 'nothing changed' : 'output updated'}`);
} finally {
  temp.remove();
}
