// The Monte Carlo spaghetti (src/view/montecarlo/spaghetti.ts, protocol.ts): which trials are
// drawn, decimation to at most a point budget by Douglas-Peucker importance [1] (ends kept, the
// most important points kept, exactly the classic algorithm's result for some tolerance, a run of
// tied importances never split, so the error is at most the largest importance dropped), the
// world-axis line segments (src/view/model/axes.ts: x = I, y = R, z = -C, km), and bundles.
// [1] Douglas & Peucker, Cartographica 10(2), 1973.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { douglasPeuckerImportance, simplificationError } from '../../src/view/model/simplify.ts';
import { concatPaths, emptyPaths, pathCount } from '../../src/view/montecarlo/protocol.ts';
import type { PathBundle } from '../../src/view/montecarlo/protocol.ts';
import {
  decimateByImportance,
  decimateTrajectory,
  segmentPositions,
  spaghettiTrials,
} from '../../src/view/montecarlo/spaghetti.ts';

describe('spaghettiTrials', () => {
  it('spreads evenly over the trials done, first and last included', () => {
    expect(spaghettiTrials(200, 5, null)).toEqual([0, 50, 100, 149, 199]);
    expect(spaghettiTrials(10, 50, null)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(spaghettiTrials(1, 50, null)).toEqual([0]);
    expect(spaghettiTrials(0, 50, 3)).toEqual([]);
  });
  it('adds the worst trial once, in order', () => {
    expect(spaghettiTrials(200, 3, 57)).toEqual([0, 57, 100, 199]);
    expect(spaghettiTrials(200, 3, 100)).toEqual([0, 100, 199]);
    // A worst index outside the prefix (cannot happen, but must not draw a trial not run).
    expect(spaghettiTrials(50, 3, 70)).toEqual([0, 25, 49]);
  });
  it('gives about the number asked, ascending and distinct', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 80 }), (n, m) => {
        const t = spaghettiTrials(n, m, null);
        expect(t).toHaveLength(Math.min(n, m));
        for (let k = 1; k < t.length; k++) expect(t[k]!).toBeGreaterThan(t[k - 1]!);
        expect(t[0]).toBe(0);
        expect(t.at(-1)).toBe(Math.min(n, m) === 1 ? 0 : n - 1);
      }),
    );
  });
});

/** A random walk as an ephemeris: 6 numbers per sample, positions in the first three. */
function walkEphemeris(steps: [number, number, number][]): Float64Array {
  const out = new Float64Array(steps.length * 6);
  let x = 0;
  let y = 0;
  let z = 0;
  steps.forEach((s, k) => {
    x += s[0];
    y += s[1];
    z += s[2];
    out.set([x, y, z, 0, 0, 0], k * 6);
  });
  return out;
}

const step = fc.tuple(
  fc.double({ min: -10, max: 10, noNaN: true }),
  fc.double({ min: -10, max: 10, noNaN: true }),
  fc.double({ min: -10, max: 10, noNaN: true }),
);

describe('decimation to a point budget', () => {
  it('keeps both ends and the most important points, ascending, at most the budget', () => {
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 2, maxLength: 400 }),
        fc.integer({ min: 2, max: 60 }),
        (steps, budget) => {
          const eph = walkEphemeris(steps);
          const n = steps.length;
          const imp = douglasPeuckerImportance({ coords: eph, stride: 6, dims: 3, count: n });
          const keep = decimateByImportance(imp, budget);
          expect(keep.length).toBeLessThanOrEqual(Math.min(n, budget));
          expect(keep.length).toBeGreaterThanOrEqual(2);
          // Under the budget, nothing is dropped.
          if (n <= budget) expect(keep.length).toBe(n);
          expect(keep[0]).toBe(0);
          expect(keep[keep.length - 1]).toBe(n - 1);
          for (let k = 1; k < keep.length; k++) expect(keep[k]!).toBeGreaterThan(keep[k - 1]!);
          // No dropped point is more important than a kept one.
          const kept = new Set(keep);
          let minKept = Infinity;
          let maxDropped = -Infinity;
          for (let k = 0; k < n; k++) {
            if (kept.has(k)) minKept = Math.min(minKept, imp[k]!);
            else maxDropped = Math.max(maxDropped, imp[k]!);
          }
          expect(maxDropped).toBeLessThanOrEqual(minKept);
          // Strictly: a run of tied importances is kept or dropped whole, so the kept points are
          // exactly those above a tolerance (the classic algorithm's result at that tolerance).
          expect(maxDropped).toBeLessThan(minKept);
        },
      ),
    );
  });

  it('errs no more than the largest importance it dropped (the DP guarantee)', () => {
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 3, maxLength: 300 }),
        fc.integer({ min: 2, max: 40 }),
        (steps, budget) => {
          const eph = walkEphemeris(steps);
          const p = { coords: eph, stride: 6, dims: 3 as const, count: steps.length };
          const imp = douglasPeuckerImportance(p);
          const keep = decimateByImportance(imp, budget);
          const kept = new Set(keep);
          let maxDropped = 0;
          for (let k = 0; k < steps.length; k++)
            if (!kept.has(k)) maxDropped = Math.max(maxDropped, imp[k]!);
          expect(simplificationError(p, keep)).toBeLessThanOrEqual(maxDropped + 1e-9);
        },
      ),
    );
  });

  it('drops a run of tied importances whole: within the budget, error within the DP bound', () => {
    // From the origin, 40 points circling it at 1 m (in the y-z plane), then a corner 50 m out
    // and the far end. The circling points are at most 1 m from the chord origin-corner, but
    // the chords between them pass 1 m or more from the others, so all 40 get the importance
    // clamped to 1 m: any budget between 4 and 42 cuts inside that tie. Keeping some of them (the
    // earliest, say) would leave a circling point up to 2 m from the kept polyline.
    const circle: [number, number, number][] = [
      [0, 1, 0],
      [0, 0, 1],
      [0, -1, 0],
      [0, 0, -1],
    ];
    const pts: [number, number, number][] = [[0, 0, 0]];
    for (let k = 0; k < 40; k++) pts.push(circle[k % 4]!);
    pts.push([50, 50, 0], [100, 0, 0]);
    const n = pts.length;
    const p = { coords: Float64Array.from(pts.flat()), stride: 3, dims: 3 as const, count: n };
    const imp = douglasPeuckerImportance(p);
    expect(imp.filter((v) => v === 1)).toHaveLength(40);
    expect(imp[n - 2]).toBe(50);
    for (let budget = 2; budget <= n + 1; budget++) {
      const keep = decimateByImportance(imp, budget);
      expect(keep.length).toBeLessThanOrEqual(Math.min(n, budget));
      expect(keep.length).toBeGreaterThanOrEqual(2);
      expect(keep[0]).toBe(0);
      expect(keep[keep.length - 1]).toBe(n - 1);
      const kept = new Set(keep);
      let maxDropped = 0;
      for (let k = 0; k < n; k++) if (!kept.has(k)) maxDropped = Math.max(maxDropped, imp[k]!);
      expect(simplificationError(p, keep)).toBeLessThanOrEqual(maxDropped + 1e-9);
      if (budget === 2) expect([...keep]).toEqual([0, n - 1]);
      else if (budget < n) expect([...keep]).toEqual([0, n - 2, n - 1]);
      else expect(keep).toHaveLength(n);
    }
  });

  it('decimateTrajectory copies the kept positions (R, I, C)', () => {
    // A right angle: the corner must survive a 3-point budget.
    const steps: [number, number, number][] = [];
    for (let k = 0; k < 50; k++) steps.push(k === 0 ? [0, 0, 0] : [1, 0, 0]);
    for (let k = 0; k < 50; k++) steps.push([0, 2, 0.5]);
    const eph = walkEphemeris(steps);
    const out = decimateTrajectory(eph, 100, 3);
    expect([...out]).toEqual([0, 0, 0, 49, 0, 0, 49, 100, 25]);
  });
});

function bundle(trials: number[], crafts: number[], points: number[][][]): PathBundle {
  const offsets = [0];
  const flat: number[] = [];
  for (const p of points) {
    for (const q of p) flat.push(...q);
    offsets.push(offsets.at(-1)! + p.length);
  }
  return {
    trialIndex: Int32Array.from(trials),
    craftIndex: Int32Array.from(crafts),
    offsets: Uint32Array.from(offsets),
    ricM: Float32Array.from(flat),
  };
}

describe('line segments in world axes', () => {
  it('maps (R, I, C) m to (x, y, z) = (I, R, -C) km, one pair per segment, selected paths only', () => {
    const b = bundle(
      [4, 4, 9],
      [0, 1, 0],
      [
        [
          [1000, 2000, 3000],
          [0, 0, 0],
          [-1000, 500, 0],
        ],
        [
          [7, 7, 7],
          [8, 8, 8],
        ],
        [[5, 5, 5]],
      ],
    );
    const seg = segmentPositions(b, (k) => b.craftIndex[k] === 0);
    expect([...seg]).toEqual([2, 1, -3, 0, 0, -0, 0, 0, -0, 0.5, -1, -0]);
    expect(segmentPositions(b, () => false)).toHaveLength(0);
  });
});

describe('bundles', () => {
  it('concatenation keeps every path and rebases the offsets', () => {
    const a = bundle(
      [1],
      [0],
      [
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
      ],
    );
    const b = bundle(
      [2, 3],
      [0, 1],
      [
        [[7, 8, 9]],
        [
          [0, 0, 1],
          [0, 0, 2],
          [0, 0, 3],
        ],
      ],
    );
    const c = concatPaths([a, emptyPaths(), b]);
    expect(pathCount(c)).toBe(3);
    expect([...c.trialIndex]).toEqual([1, 2, 3]);
    expect([...c.craftIndex]).toEqual([0, 0, 1]);
    expect([...c.offsets]).toEqual([0, 2, 3, 6]);
    expect([...c.ricM]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 0, 1, 0, 0, 2, 0, 0, 3]);
    expect(pathCount(concatPaths([]))).toBe(0);
  });
});
