import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The seed documents (`../shared/seeds` beside the repository, or `$PLANLOG_SEEDS`). */
export const seedDir = process.env.PLANLOG_SEEDS ?? fileURLToPath(new URL('../../../../shared/seeds/', import.meta.url));

export const seedNames = readdirSync(seedDir).filter((name) => name.endsWith('.txt')).sort();
export const planSeedNames = seedNames.filter((name) => name.startsWith('ke-hoach-'));

export function readSeed(name: string): string {
  return readFileSync(`${seedDir}/${name}`, 'utf8');
}
