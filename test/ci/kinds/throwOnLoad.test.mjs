import { expect, it } from 'vitest';
throw new Error('broken at the top of the file');
it('never runs', () => expect(1).toBe(1));
