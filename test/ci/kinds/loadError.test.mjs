import { expect, it } from 'vitest';
import { missing } from './doesNotExist.mjs';
it('never runs', () => expect(missing).toBe(1));
