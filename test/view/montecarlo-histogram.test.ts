// The panel's histograms (src/view/montecarlo/histogram.ts): bins between Tukey's far-out fences
// (quartiles -+ 3 IQR; Tukey, Exploratory Data Analysis, 1977) with the rest counted apart, so
// that a few far outliers do not squeeze the others into a bar, while a well-behaved quantity is
// drawn whole; every value counted once; trials not flown and past the prefix left out.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TrialTable } from '../../src/montecarlo/trial.ts';
import { displayHistogram, tableHistograms } from '../../src/view/montecarlo/histogram.ts';

const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);

describe('displayHistogram', () => {
  it('counts every value once, inside or outside the bins', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 500 }),
        fc.integer({ min: 1, max: 40 }),
        (values, bins) => {
          const sorted = Float64Array.from(values).sort();
          const h = displayHistogram(sorted, bins);
          expect(sum(h.counts) + h.below + h.above).toBe(values.length);
          expect(h.counts).toHaveLength(bins);
          expect(h.min).toBe(sorted[0]);
          expect(h.max).toBe(sorted.at(-1));
          expect(h.start).toBeGreaterThanOrEqual(h.min);
          const end = h.start + bins * h.binWidth;
          expect(end).toBeLessThanOrEqual(h.max + 1e-9 * (Math.abs(h.max) + 1));
        },
      ),
    );
  });

  it('leaves far outliers out of the bins, keeps the body whole', () => {
    // 1000 trials uniform over 250..350 m, and 1 % missed burns that end 0.6 to 3 km away.
    const values = Array.from({ length: 1000 }, (_, k) => 250 + (100 * k) / 999);
    for (let k = 0; k < 10; k++) values.push(600 + 240 * k);
    const h = displayHistogram(Float64Array.from(values).sort(), 20);
    // Fences: Q1 ~ 275, Q3 ~ 326, IQR ~ 51: [122, 480] clipped to the data: [250, 480].
    expect(h.below).toBe(0);
    expect(h.above).toBe(10);
    expect(h.start).toBe(250);
    expect(h.start + 20 * h.binWidth).toBeCloseTo(326.3 + 3 * 51, -1);
    // The uniform body fills the bins up to 350 m about evenly.
    const body = h.counts.filter((c) => c > 0);
    expect(Math.max(...body) / Math.min(...body)).toBeLessThan(1.5);
  });

  it('draws a normal sample whole', () => {
    // Quantiles of N(300, 10): nothing beyond ~4.7 sigma, so no trial is left out.
    const values = Array.from({ length: 999 }, (_, k) => {
      const u = (k + 1) / 1000;
      // Acklam-free inverse: a logistic approximation is enough for a shape test.
      return 300 + 10 * (Math.log(u / (1 - u)) / 1.702);
    });
    const h = displayHistogram(Float64Array.from(values), 30);
    expect(h.below + h.above).toBe(0);
  });

  it('when the quartiles coincide, the central 99 % is drawn', () => {
    // 80 % of the trials fly the nominal delta-v exactly, the rest spread, one far out.
    const values = new Array<number>(800).fill(0.148);
    for (let k = 0; k < 199; k++) values.push(0.15 + k * 1e-4);
    values.push(5);
    const h = displayHistogram(Float64Array.from(values).sort(), 10);
    expect(h.start).toBe(0.148);
    expect(h.above).toBeGreaterThanOrEqual(1);
    expect(h.start + 10 * h.binWidth).toBeLessThan(0.2);
  });

  it('a single value is one bar', () => {
    const h = displayHistogram(Float64Array.of(0.148, 0.148, 0.148), 10);
    expect(h.binWidth).toBe(0);
    expect(h.counts[0]).toBe(3);
    expect(h.start).toBe(0.148);
  });

  it('no values, no bars', () => {
    const h = displayHistogram(new Float64Array(0), 5);
    expect(sum(h.counts)).toBe(0);
    expect(h.start).toBeNaN();
  });
});

describe('tableHistograms', () => {
  it('per spacecraft, over the prefix, without failed trials', () => {
    const t = new TrialTable(6, 2);
    for (let i = 0; i < 6; i++) {
      t.set(
        i === 2
          ? { trialIndex: i, error: 'transfer did not converge', spacecraft: [] }
          : {
              trialIndex: i,
              error: null,
              spacecraft: [
                { violationMask: 0, minRangeM: 100 + i, totalDvMps: 1, passiveWorstRangeM: NaN },
                { violationMask: 0, minRangeM: 200 + i, totalDvMps: 2, passiveWorstRangeM: NaN },
              ],
            },
      );
    }
    const h = tableHistograms(t, 5);
    expect(h).toHaveLength(2);
    const counted = (x: { counts: number[]; below: number; above: number }) =>
      sum(x.counts) + x.below + x.above;
    expect(counted(h[0]!.minRangeM)).toBe(4);
    expect(h[0]!.minRangeM.min).toBe(100);
    expect(h[0]!.minRangeM.max).toBe(104);
    expect(h[1]!.minRangeM.min).toBe(200);
    expect(h[1]!.totalDvMps.binWidth).toBe(0);
  });
});
