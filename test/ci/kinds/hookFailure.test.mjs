import { beforeAll, describe, expect, it } from 'vitest';
describe('needs a database', () => {
  beforeAll(() => { throw new Error('database did not start'); });
  it('reads', () => expect(1).toBe(1));
  it('writes', () => expect(1).toBe(1));
});
