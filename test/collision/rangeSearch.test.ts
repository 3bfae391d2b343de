// The window classification of a relative trajectory against closed-form straight-line motion
// rho(t) = p + v t, whose closest approach is at t* = -(p . v) / |v|^2.
import { describe, expect, it } from 'vitest';
import {
  CONTACT_AT_START,
  CONTACT_IN_WINDOW,
  CONTACT_NONE,
  RangeMinimumSearch,
} from '../../src/collision/rangeSearch.ts';

function line(p: number[], v: number[], t0S: number, t1S: number, steps = 64) {
  return new RangeMinimumSearch(t0S, t1S, steps, (t, out) => {
    for (let k = 0; k < 3; k++) {
      out[k] = p[k]! + v[k]! * t;
      out[3 + k] = v[k]!;
    }
  });
}

describe('RangeMinimumSearch.contact', () => {
  it('in contact at the window start: CONTACT_AT_START, even if it leaves and comes back', () => {
    expect(line([1, 0, 0], [0.01, 0, 0], 0, 100).contact(2)).toBe(CONTACT_AT_START);
    expect(line([1, 0, 0], [1, 0, 0], 0, 100).contact(2)).toBe(CONTACT_AT_START);
  });

  it('a pass through the sphere inside the window: CONTACT_IN_WINDOW; a miss: CONTACT_NONE', () => {
    // miss distance 1 m at t* = 100 s
    expect(line([-100, 1, 0], [1, 0, 0], 0, 200).contact(1.01)).toBe(CONTACT_IN_WINDOW);
    expect(line([-100, 1, 0], [1, 0, 0], 0, 200).contact(0.99)).toBe(CONTACT_NONE);
    // the pass after the window's end does not count
    expect(line([-100, 1, 0], [1, 0, 0], 0, 90).contact(2)).toBe(CONTACT_NONE);
  });

  it('a fast flyby between grid points is found (closest approach 1 m, grid points 7 m away)', () => {
    // grid step 1000/64 = 15.6 s at 1 m/s; t* = 507 s lies 7 s from the nearest grid point
    const s = line([-507, 1, 0], [1, 0, 0], 0, 1000);
    expect(s.contact(1.5)).toBe(CONTACT_IN_WINDOW);
    expect(s.contact(0.99)).toBe(CONTACT_NONE);
  });

  it('an entry just before the window ends counts', () => {
    // the surface (radius 2) is reached at t = 98 s, inside [0, 99]
    expect(line([-100, 0, 0], [1, 0, 0], 0, 99).contact(2)).toBe(CONTACT_IN_WINDOW);
    expect(line([-100, 0, 0], [1, 0, 0], 0, 97).contact(2)).toBe(CONTACT_NONE);
  });
});
