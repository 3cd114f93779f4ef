// `pnpm bench`: run every bench script of this folder, one after another, each in its own process
// (so one bench's heap, caches and open databases do not disturb the next). Arguments are passed on.
//   node --import tsx test/bench/run.ts [--write-docs] [...]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BENCHES = ['sqlite.ts', 'tick.ts', 'replay.ts', 'postgres.ts', 'postgresCalls.ts', 'peers.ts', 'coldStart.ts', 'provinceScale.ts'];
const root = fileURLToPath(new URL('../../', import.meta.url));
const failed: string[] = [];

for (const name of BENCHES) {
  const script = fileURLToPath(new URL(`./${name}`, import.meta.url));
  if (!existsSync(script)) continue;
  console.log(`\n=== test/bench/${name} ===\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) failed.push(`${name} (${run.status ?? run.signal})`);
}

if (failed.length > 0) {
  console.error(`\nbenches that failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
