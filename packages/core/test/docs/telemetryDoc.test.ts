import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTsBlock, tsBlocks } from '../../../../test/packages/readmeBlocks.js';

const doc = readFileSync(new URL('../../../../docs/telemetry.md', import.meta.url), 'utf8');
// The example imports OpenTelemetry's SDK: core's devDependencies.
const modules = fileURLToPath(new URL('../../node_modules', import.meta.url));

describe('docs/telemetry.md', () => {
  it('runs its example, which prints what the doc says', () => {
    const [code, ...more] = tsBlocks(doc);
    expect(more).toEqual([]);
    const printed = /<!-- printed:begin -->\n```\n([\s\S]*?)```\n<!-- printed:end -->/.exec(doc)?.[1];
    expect(printed).toBeDefined();
    expect(runTsBlock(code!, {}, { modules })).toBe(printed);
  });
});
