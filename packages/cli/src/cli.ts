#!/usr/bin/env node
// The `planlog` command: everything is in run(); this file only hands it the process.
import { run } from './run.js';

// A reader that stops early (`planlog timeline … | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// Under `pnpm planlog …` the script runs at the workspace root; paths are the caller's (INIT_CWD).
process.exitCode = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.env.INIT_CWD ?? process.cwd() });
