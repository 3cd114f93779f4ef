import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sqliteStore } from '@planlog/sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { reports } from './events.js';
import { tempDirs } from './tempDir.js';

// A write-protected copy in a write-protected directory (a file 0444 in a directory 0555, as an
// auditor receives one) opens with readonly: true although SQLite cannot create the -shm file that
// WAL mode reads through: the file is read from memory. Under root, whom permission bits do not
// stop, the store is opened by `nobody` in a child process.

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tempDir = tempDirs();
const protectedDirs: string[] = [];
afterAll(() => protectedDirs.forEach((dir) => chmodSync(dir, 0o755)));

function tsxLoader(): string {
  const require = createRequire(join(root, 'package.json'));
  const manifest = require.resolve('tsx/package.json');
  const entry = (require(manifest) as { exports: { '.': string | { import?: string } } }).exports['.'];
  return pathToFileURL(join(manifest, '..', typeof entry === 'string' ? entry : entry.import!)).href;
}

/** Open `file` read-only in a child process, as `nobody` when we are root. */
function openAsReader(file: string): { events?: number; head?: number; error?: { code: string; message: string } } {
  const node = [process.execPath, '--import', tsxLoader(), fileURLToPath(new URL('./readHeadOnly.ts', import.meta.url)), file];
  const [command, ...args] = userInfo().uid === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...node] : node;
  const child = spawnSync(command!, args, { encoding: 'utf8', env: { PATH: process.env.PATH, TSX_TSCONFIG_PATH: join(root, 'tsconfig.json') } });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout);
}

/** A log of 5 events, copied (with the side files named) into a directory that is then write-protected. */
async function protectedCopy(sideFiles: Record<string, Buffer> = {}): Promise<{ dir: string; file: string }> {
  const source = join(tempDir(), 'log.db');
  const store = sqliteStore({ file: source });
  await store.append('task-1', reports(5), { expectedVersion: 'no_stream' });
  await store.close();
  const base = tempDir();
  chmodSync(base, 0o755);
  const dir = join(base, 'ro');
  mkdirSync(dir);
  const file = join(dir, 'log.db');
  copyFileSync(source, file);
  for (const [suffix, bytes] of Object.entries(sideFiles)) writeFileSync(file + suffix, bytes);
  chmodSync(file, 0o444);
  chmodSync(dir, 0o555);
  protectedDirs.push(dir);
  return { dir, file };
}

describe('sqliteStore({ readonly: true }) on a copy in a write-protected directory', () => {
  it('reads every event, and writes nothing: not the file, no side file', async () => {
    const { dir, file } = await protectedCopy();
    const bytes = readFileSync(file);
    expect(openAsReader(file)).toEqual({ events: 5, head: 5 });
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(readdirSync(dir)).toEqual(['log.db']);
  });

  it('a -wal file beside it that cannot be read in place is refused (it may hold events the file does not)', async () => {
    const { file } = await protectedCopy({ '-wal': Buffer.alloc(0) });
    expect(openAsReader(file).error).toMatchObject({ code: 'STORE', message: expect.stringContaining(file) });
  });
});
