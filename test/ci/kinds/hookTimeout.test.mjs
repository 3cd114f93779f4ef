import { beforeAll, expect, it } from 'vitest';
beforeAll(() => new Promise(() => {}));
it('reads', () => expect(1).toBe(1));
it('writes', () => expect(1).toBe(1));
