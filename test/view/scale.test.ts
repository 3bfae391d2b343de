// Scale bar and timeline ticks: round numbers.

import { describe, expect, it } from 'vitest';
import { niceFloor125, scaleBar, timeTickStepS } from '../../src/view/model/scale.ts';

describe('round numbers', () => {
  it('1-2-5 steps below a bound', () => {
    expect(niceFloor125(0.7)).toBeCloseTo(0.5, 12);
    expect(niceFloor125(1)).toBe(1);
    expect(niceFloor125(199)).toBe(100);
    expect(niceFloor125(200)).toBe(200);
    expect(niceFloor125(4999)).toBe(2000);
    expect(niceFloor125(5000)).toBe(5000);
    expect(niceFloor125(0)).toBe(0);
  });

  it('a scale bar no longer than asked, at least 40 % of it', () => {
    for (const mpp of [0.01, 0.37, 1, 19.4, 250, 3000]) {
      const { lengthM, px } = scaleBar(mpp, 140);
      expect(px).toBeLessThanOrEqual(140 + 1e-9);
      expect(px).toBeGreaterThanOrEqual(0.4 * 140);
      expect(lengthM / mpp).toBeCloseTo(px, 9);
    }
  });

  it('time ticks at least 70 px apart', () => {
    expect(timeTickStepS(172_800, 860)).toBe(14_400);
    expect(timeTickStepS(3600, 860)).toBe(300);
    expect(timeTickStepS(172_800, 200)).toBe(86_400);
  });
});
