// Records the saved vitest JSON reports in ../reports (and vitest's exit code for each, in
// exitCodes.json) by running the workspace's vitest on each
// deliberately broken file here (and once on all of them), in a temporary copy of this folder so
// the workspace's own vitest config plays no part. Run again after a vitest upgrade:
//   node test/ci/kinds/record.mjs [outDir]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const reports = process.argv[2] ?? fileURLToPath(new URL('../reports/', import.meta.url));
const manifest = createRequire(import.meta.url).resolve('vitest/package.json');
const vitest = join(dirname(manifest), JSON.parse(readFileSync(manifest, 'utf8')).bin.vitest);
const work = mkdtempSync(join(tmpdir(), 'planlog-vitest-kinds-'));
try {
  cpSync(here, work, { recursive: true });
  writeFileSync(join(work, 'package.json'), '{ "type": "module", "private": true }\n');
  const files = readdirSync(work).filter((name) => name.endsWith('.test.mjs')).sort();
  const exitCodes = {};
  const runs = [...files.map((file) => [file.replace('.test.mjs', ''), [file]]), ['all', files]];
  for (const [kind, args] of runs) {
    const out = join(work, `${kind}.json`);
    const run = spawnSync(process.execPath, [vitest, 'run', ...args, '--reporter=json', `--outputFile=${out}`], { cwd: work, encoding: 'utf8' });
    // Pretty-printed so a reader can see what vitest says about each kind of failure.
    const report = JSON.parse(readFileSync(out, 'utf8'));
    writeFileSync(join(reports, `${kind}.json`), JSON.stringify(report, null, 2) + '\n');
    exitCodes[kind] = run.status;
    console.log(`${kind}: vitest exited ${run.status}`);
  }
  // vitest's exit code is part of what .ci/run reads (an unhandled error shows in nothing else).
  writeFileSync(join(reports, 'exitCodes.json'), JSON.stringify(exitCodes, null, 2) + '\n');
} finally {
  rmSync(work, { recursive: true, force: true });
}
