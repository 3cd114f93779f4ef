import { describe, expect, it } from 'vitest';
it('passes', () => expect(1).toBe(1));
describe('a suite whose body throws', () => {
  it('is collected', () => expect(1).toBe(1));
  throw new Error('suite body threw');
});
