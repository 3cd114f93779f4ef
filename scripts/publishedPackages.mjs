// The published packages of the workspace: every packages/*/package.json that is not private,
// sorted by name. Used by scripts/checkPackages.mjs and by the packaging tests; a new package is
// found without a list to update.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const workspaceRoot = fileURLToPath(new URL('..', import.meta.url));

export function publishedPackages() {
  const packages = join(workspaceRoot, 'packages');
  return readdirSync(packages)
    .filter((dir) => existsSync(join(packages, dir, 'package.json')))
    .map((dir) => ({ dir, path: join(packages, dir), manifest: JSON.parse(readFileSync(join(packages, dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map((entry) => ({ ...entry, name: entry.manifest.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
