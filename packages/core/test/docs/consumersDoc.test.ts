import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runTsBlock, tsBlocks } from '../../../../test/packages/readmeBlocks.js';

const doc = readFileSync(new URL('../../../../docs/consumers.md', import.meta.url), 'utf8');

describe('docs/consumers.md', () => {
  it('runs its example and prints what the page says it prints', () => {
    const [example] = tsBlocks(doc);
    const printed = /It prints:\n\n```\n([\s\S]*?)```/.exec(doc)![1]!;
    expect(runTsBlock(example!)).toBe(printed);
  });
});
