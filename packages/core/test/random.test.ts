import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@planlog/core/testing';

describe('mulberry32', () => {
  it('draws the same numbers as before it moved to core, for the seeds of the replay bench and the crash test', () => {
    // The replay bench's log (seed 2026) and the crash test's runs (seed 20260410) stay what they were.
    expect(Array.from({ length: 4 }, mulberry32(2026).next)).toEqual([0.45540769933722913, 0.30849614599719644, 0.6611574492417276, 0.6184752183035016]);
    expect(Array.from({ length: 4 }, mulberry32(20260410).next)).toEqual([0.8772205410059541, 0.9075805472675711, 0.19064718554727733, 0.12179208337329328]);
  });

  it('keeps int within its bounds, and shuffle a permutation', () => {
    const random = mulberry32(7);
    const ints = Array.from({ length: 1000 }, () => random.int(-2, 3));
    expect(new Set(ints)).toEqual(new Set([-2, -1, 0, 1, 2, 3]));
    expect(random.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(() => random.pick([])).toThrow('pick from an empty list');
  });
});
