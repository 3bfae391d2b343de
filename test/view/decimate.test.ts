// M4 decimation (src/view/model/decimate.ts, Jugel et al., PVLDB 7(10), 2014): per pixel column
// the first, minimum, maximum and last samples survive, in time order, so a line plot of the
// decimated series covers exactly the pixels of the full one.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimateM4, lowerBound, type SeriesSource } from '../../src/view/model/decimate.ts';

const series = (values: number[], stride = 1, offset = 0): SeriesSource => {
  const n = Math.floor(values.length / stride);
  return { tS: Array.from({ length: n }, (_, k) => k), values, stride, offset, count: n };
};

describe('M4 decimation', () => {
  it("keeps each column's extremes and ends, in time order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), {
          minLength: 50,
          maxLength: 3000,
        }),
        fc.integer({ min: 1, max: 40 }),
        (values, buckets) => {
          const src = series(values);
          const n = src.count;
          const d = decimateM4(src, 0, n - 1, buckets);
          for (let j = 1; j < d.x.length; j++) expect(d.x[j]!).toBeGreaterThanOrEqual(d.x[j - 1]!);
          expect(d.x.length).toBeLessThanOrEqual(Math.max(n, 4 * buckets + 8));
          // Same extremes per column (column of time t: floor(t / span * buckets)).
          const span = n - 1;
          const col = (t: number) => Math.min(buckets - 1, Math.floor((t / span) * buckets));
          const full = new Map<number, [number, number]>();
          const dec = new Map<number, [number, number]>();
          const note = (m: Map<number, [number, number]>, c: number, v: number) => {
            const e = m.get(c) ?? [Infinity, -Infinity];
            m.set(c, [Math.min(e[0], v), Math.max(e[1], v)]);
          };
          for (let k = 0; k < n; k++) note(full, col(k), values[k]!);
          for (let j = 0; j < d.x.length; j++) note(dec, col(d.x[j]!), d.y[j]!);
          expect(dec).toEqual(full);
          expect(d.x[0]).toBe(0);
          expect(d.x[d.x.length - 1]).toBe(n - 1);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('turns 172,800 samples into at most 4 per column, covering a zoomed window', () => {
    const n = 172_800;
    const values = new Float64Array(n * 6);
    for (let k = 0; k < n; k++) values[k * 6 + 2] = Math.sin(k / 3000) + 0.001 * Math.sin(k);
    const src: SeriesSource = {
      tS: Float64Array.from({ length: n }, (_, k) => k),
      values,
      stride: 6,
      offset: 2,
      count: n,
    };
    const d = decimateM4(src, 0, n, 600, 1 / 3600, 1 / 1000);
    expect(d.x.length).toBeLessThanOrEqual(4 * 600 + 2);
    expect(d.x[d.x.length - 1]).toBeCloseTo((n - 1) / 3600, 9);
    let fullMax = -Infinity;
    for (let k = 0; k < n; k++) fullMax = Math.max(fullMax, values[k * 6 + 2]!);
    expect(d.y.reduce((a, b) => Math.max(a, b), -Infinity)).toBeCloseTo(fullMax / 1000, 12);
    const w = decimateM4(src, 50_000, 60_000, 300, 1 / 3600);
    // One sample either side of the window so the line reaches the plot edges.
    expect(w.x[0]! * 3600).toBeCloseTo(49_999, 6);
    expect(w.x[w.x.length - 1]! * 3600).toBeCloseTo(60_000, 6);
  });

  it('returns short series unchanged', () => {
    const d = decimateM4(series([3, 1, 2]), 0, 2, 100);
    expect([...d.y]).toEqual([3, 1, 2]);
    expect(decimateM4(series([]), 0, 1, 10).x.length).toBe(0);
  });

  it('finds the first sample at or after a time', () => {
    const t = [0, 1, 1, 2, 5];
    expect(lowerBound(t, 5, -1)).toBe(0);
    expect(lowerBound(t, 5, 1)).toBe(1);
    expect(lowerBound(t, 5, 3)).toBe(4);
    expect(lowerBound(t, 5, 9)).toBe(5);
  });
});
