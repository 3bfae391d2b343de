// Douglas-Peucker as a hierarchy (src/view/model/simplify.ts): the selection for any tolerance is
// exactly the classic recursive algorithm's [1], and every dropped point is within the tolerance
// of the kept polyline, on random walks and on the 48 h, 1 s default ephemeris.
// [1] Douglas & Peucker, Cartographica 10(2), 1973.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/validate.ts';
import { runScenario } from '../../src/sim/run.ts';
import {
  douglasPeuckerImportance,
  pointSegmentDistance,
  selectByImportance,
  simplificationError,
  type PointArray,
} from '../../src/view/model/simplify.ts';
import { HEAVY_TEST_TIMEOUT_MS } from '../helpers.ts';

/** The textbook recursion, as the reference. */
function classicDp(p: PointArray, tol: number): number[] {
  const keep = new Set<number>([0, p.count - 1]);
  const rec = (a: number, b: number) => {
    if (b - a < 2) return;
    let best = -1;
    let bestD = -1;
    for (let k = a + 1; k < b; k++) {
      const d = pointSegmentDistance(p, k, a, b);
      if (d > bestD) {
        bestD = d;
        best = k;
      }
    }
    if (bestD > tol) {
      keep.add(best);
      rec(a, best);
      rec(best, b);
    }
  };
  rec(0, p.count - 1);
  return [...keep].sort((x, y) => x - y);
}

const walk = (steps: number[][], dims: 2 | 3): PointArray => {
  const coords: number[] = [];
  let x = 0;
  let y = 0;
  let z = 0;
  for (const s of steps) {
    x += s[0]!;
    y += s[1]!;
    z += dims === 3 ? s[2]! : 0;
    coords.push(x, y, z);
  }
  return { coords, stride: 3, dims, count: steps.length };
};

const stepArb = fc.array(
  fc.tuple(
    fc.double({ min: -10, max: 10, noNaN: true }),
    fc.double({ min: -10, max: 10, noNaN: true }),
    fc.double({ min: -10, max: 10, noNaN: true }),
  ),
  { minLength: 2, maxLength: 300 },
);

describe('Douglas-Peucker hierarchy', () => {
  it('selects exactly what the classic recursion keeps, for any tolerance', () => {
    fc.assert(
      fc.property(stepArb, fc.double({ min: 0.01, max: 50, noNaN: true }), (steps, tol) => {
        const p = walk(steps, 3);
        const imp = douglasPeuckerImportance(p);
        expect([...selectByImportance(imp, tol)]).toEqual(classicDp(p, tol));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps every dropped point within the tolerance; coarser tolerances keep subsets', () => {
    fc.assert(
      fc.property(stepArb, fc.double({ min: 0.01, max: 20, noNaN: true }), (steps, tol) => {
        const p = walk(steps, 2);
        const imp = douglasPeuckerImportance(p);
        const fine = selectByImportance(imp, tol);
        const coarse = selectByImportance(imp, 2 * tol);
        expect(simplificationError(p, fine)).toBeLessThanOrEqual(tol);
        expect(fine[0]).toBe(0);
        expect(fine[fine.length - 1]).toBe(p.count - 1);
        const fineSet = new Set(fine);
        for (const k of coarse) expect(fineSet.has(k)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps mandatory points', () => {
    const p = walk(
      Array.from({ length: 50 }, () => [1, 0, 0]),
      3,
    );
    const imp = douglasPeuckerImportance(p);
    expect([...selectByImportance(imp, 1)]).toEqual([0, 49]);
    expect([...selectByImportance(imp, 1, [17, 3])]).toEqual([0, 3, 17, 49]);
  });

  it('handles degenerate polylines (repeated points, one or two points)', () => {
    const same: PointArray = { coords: new Array(30).fill(5), stride: 3, dims: 3, count: 10 };
    expect([...selectByImportance(douglasPeuckerImportance(same), 0)]).toEqual([0, 9]);
    const one: PointArray = { coords: [1, 2, 3], stride: 3, dims: 3, count: 1 };
    expect([...selectByImportance(douglasPeuckerImportance(one), 0)]).toEqual([0]);
  });

  it(
    'simplifies the 48 h default ephemeris (172,800 samples) to a few hundred points within tolerance',
    () => {
      const loaded = loadScenario(readFileSync('scenarios/skynet5a-inspection.json', 'utf8'));
      if (!loaded.ok) throw new Error('default scenario invalid');
      const eph = runScenario(loaded.scenario, { recordEphemeris: true }).spacecraft[0]!.ephemeris!;
      expect(eph.count).toBeGreaterThan(172_800);
      const p: PointArray = { coords: eph.stateRic, stride: 6, dims: 3, count: eph.count };
      const imp = douglasPeuckerImportance(p, 1e-3);
      // Half a pixel at the default zoom (~20 m/px) and at a 1 km zoom (~1.5 m/px).
      for (const tolM of [10, 0.75, 0.05]) {
        const kept = selectByImportance(imp, tolM);
        expect(simplificationError(p, kept)).toBeLessThanOrEqual(tolM);
        expect(kept.length).toBeLessThan(5000);
      }
      expect(selectByImportance(imp, 10).length).toBeLessThan(400);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );
});
