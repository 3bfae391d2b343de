// RIC -> three.js world axes (src/view/model/axes.ts): x = I, y = R, z = -C, 1 unit = 1 km. The
// map must be a rotation (determinant +1) so that cross products, hence C = R x I, survive it.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ricDirToWorld, ricToWorld, worldToRic, WORLD_UNIT_M } from '../../src/view/model/axes.ts';

const cross = (a: number[], b: number[]) => [
  a[1]! * b[2]! - a[2]! * b[1]!,
  a[2]! * b[0]! - a[0]! * b[2]!,
  a[0]! * b[1]! - a[1]! * b[0]!,
];
const world = (ric: number[]) => {
  const out: number[] = [];
  ricDirToWorld(out, ric[0]!, ric[1]!, ric[2]!);
  return out;
};

describe('RIC to world axes', () => {
  it('puts I to the right (x), R up (y) and C towards -z, in km', () => {
    const out: number[] = [];
    ricToWorld(out, 1000, 2000, 3000);
    expect(out).toEqual([2, 1, -3]);
    expect(WORLD_UNIT_M).toBe(1000);
  });

  it('is right-handed: R x I = C holds in world axes too', () => {
    expect(cross(world([1, 0, 0]), world([0, 1, 0]))).toEqual(world([0, 0, 1]));
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 6, maxLength: 6 }),
        (v) => {
          const a = v.slice(0, 3);
          const b = v.slice(3);
          const lhs = cross(world(a), world(b));
          const rhs = world(cross(a, b));
          for (let i = 0; i < 3; i++) expect(lhs[i]).toBeCloseTo(rhs[i]!, 6);
        },
      ),
    );
  });

  it('round-trips positions', () => {
    const w: number[] = [];
    const back: number[] = [];
    ricToWorld(w, -123.5, 10_000.25, 7.125);
    worldToRic(back, w[0]!, w[1]!, w[2]!);
    expect(back[0]).toBeCloseTo(-123.5, 9);
    expect(back[1]).toBeCloseTo(10_000.25, 9);
    expect(back[2]).toBeCloseTo(7.125, 9);
  });
});
