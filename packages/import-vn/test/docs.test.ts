import { readFileSync } from 'node:fs';
import { importPlan } from '@planlog/import-vn';
import { describe, expect, it } from 'vitest';
import { readSample } from './samples.js';

const doc = readFileSync(new URL('../../../docs/import.md', import.meta.url), 'utf8');
const block = (name: string) => doc.slice(doc.indexOf(`<!-- ${name}:begin -->`), doc.indexOf(`<!-- ${name}:end -->`));

describe('docs/import.md shows a real import', () => {
  const { plan, warnings } = importPlan(readSample('ke-hoach-sngv-doi-ngoai-2026.txt'));

  it('lists the warnings the code gives', () => {
    for (const warning of warnings) expect(block('warnings')).toContain(`line ${String(warning.line).padStart(2)}: ${warning.message}`);
    expect(block('warnings').match(/^line /gm)?.length).toBe(warnings.length);
  });

  it('lists the tasks the code gives', () => {
    for (const task of plan.tasks) {
      expect(block('tasks')).toContain(`| ${task.ref} | ${task.lead?.name ?? '—'} | ${task.support.map((unit) => unit.name).join('; ') || '—'} |`);
    }
    expect(block('tasks').match(/^\| [IV]/gm)?.length).toBe(plan.tasks.length);
  });
});
