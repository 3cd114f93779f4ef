import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const PATH = new URL('../../docs/performance.md', import.meta.url);
const NEW_FILE = '# Performance\n\nMeasured numbers, with the machine they ran on. Re-run the benches to refresh them.\n';

/**
 * Put a bench's section (text starting with its `## ` heading line) into docs/performance.md: in place
 * of the section with that heading, up to the next `## ` section or, with `keepSubsections`, up to its
 * first `### ` heading (notes written by hand, which stay); before the `before` section, or at the end,
 * when the file has no such section yet.
 */
export function writePerformanceSection(section: string, options: { keepSubsections?: boolean; before?: string } = {}): void {
  const heading = section.slice(0, section.indexOf('\n'));
  if (!heading.startsWith('## ')) throw new Error(`a section starts with its "## " heading, got ${JSON.stringify(heading)}`);
  const current = existsSync(PATH) ? readFileSync(PATH, 'utf8') : NEW_FILE;
  const text = `${section.trimEnd()}\n`;
  const start = current.indexOf(`\n${heading}\n`);
  if (start === -1) {
    const next = options.before === undefined ? -1 : current.indexOf(`\n${options.before}\n`);
    return writeFileSync(PATH, next === -1 ? `${current.trimEnd()}\n\n${text}` : `${current.slice(0, next + 1)}${text}\n${current.slice(next + 1)}`);
  }
  const ends = [current.indexOf('\n## ', start + 1), options.keepSubsections ? current.indexOf('\n### ', start + 1) : -1].filter((at) => at !== -1);
  const end = ends.length > 0 ? Math.min(...ends) : current.length;
  writeFileSync(PATH, `${current.slice(0, start + 1)}${text}${current.slice(end)}`);
}
