#!/usr/bin/env node
// `pnpm check:packages`: are-the-types-wrong (attw) and publint on every published package, i.e.
// every packages/*/package.json that is not private, as the built package would be packed.
// Build first (the root script does). Prints one line per check, then
// `package checks: N ok, N failing`; exits 1 when a check fails.
//
// attw's profile: a package whose exports offer `require` is checked with the strict profile
// (node10, node16 from CJS and ESM, bundler); a package that is ESM only (no `require` condition,
// e.g. @planlog/cli) with the esm-only profile, which leaves CommonJS resolution out.
// publint runs with --strict (its warnings fail too) and packs with npm.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { publishedPackages, workspaceRoot as root } from './publishedPackages.mjs';


/** A tool installed by the workspace (its node_modules/.bin entry). */
const bin = (name) => join(root, 'node_modules', '.bin', name);

function offersRequire(exports) {
  if (exports === null || typeof exports !== 'object') return false;
  return Object.entries(exports).some(([key, value]) => key === 'require' || offersRequire(value));
}

function main() {
  let ok = 0;
  let failing = 0;
  for (const { path: dir, manifest } of publishedPackages()) {
    const profile = offersRequire(manifest.exports) ? 'strict' : 'esm-only';
    const checks = [
      [`attw (${profile})`, [bin('attw'), '--pack', dir, '--profile', profile, '--format', 'table-flipped', '--no-color']],
      ['publint', [bin('publint'), 'run', dir, '--pack', 'npm', '--strict']],
    ];
    for (const [name, args] of checks) {
      const [command, ...rest] = args;
      const run = spawnSync(command, rest, { cwd: root, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
      if (run.status === 0) {
        ok += 1;
        console.log(`ok      ${manifest.name}: ${name}`);
      } else {
        failing += 1;
        console.log(`FAILING ${manifest.name}: ${name}\n${run.stdout}${run.stderr}`);
      }
    }
  }
  console.log(`package checks: ${ok} ok, ${failing} failing`);
  return failing > 0 ? 1 : 0;
}

if (import.meta.url === new URL(`file://${process.argv[1]}`).href) process.exitCode = main();
