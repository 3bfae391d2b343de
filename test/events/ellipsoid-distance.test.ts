// Signed distance to an ellipsoid (Eberly, "Distance from a Point to an Ellipse, an Ellipsoid, or
// a Hyperellipsoid", Geometric Tools) against an independent brute force: the surface sampled
// densely in its parametric angles, the best sample refined by a local search on the angles
// (golden-section passes, shrinking), which converges to the true closest point when the dense
// grid is fine enough to land in its basin. Tolerances in metres.

import { describe, expect, it } from 'vitest';
import { EllipsoidDetector } from '../../src/events/detectors.ts';
import { signedDistanceToEllipsoidM } from '../../src/events/ellipsoidDistance.ts';
import { streamFor, uniform } from '../../src/montecarlo/random.ts';
import { evaluateScenario } from '../../src/scoring/evaluate.ts';
import { makeScenario, valid } from '../helpers.ts';

/**
 * Distance from p to the surface point at angles (u, v) of the parametrization whose pole is
 * along axis `pole` (0, 1, 2): azimuth u about that axis, latitude v towards it.
 */
function surfaceDistance(
  e: readonly number[],
  p: readonly number[],
  pole: number,
  u: number,
  v: number,
) {
  const a = (pole + 1) % 3;
  const b = (pole + 2) % 3;
  const da = e[a]! * Math.cos(v) * Math.cos(u) - p[a]!;
  const db = e[b]! * Math.cos(v) * Math.sin(u) - p[b]!;
  const dp = e[pole]! * Math.sin(v) - p[pole]!;
  return Math.sqrt(da * da + db * db + dp * dp);
}

/**
 * Zooming grids from (u, v): 21 x 21 points over +-h around the best point; h / 4 when the best
 * is inside the grid, the same h from the new best when it is on the edge (so the search can
 * travel along a shallow valley).
 */
function refine(
  e: readonly number[],
  p: readonly number[],
  pole: number,
  u0: number,
  v0: number,
  h0: number,
) {
  let best = surfaceDistance(e, p, pole, u0, v0);
  let bu = u0;
  let bv = v0;
  let h = h0;
  for (let round = 0; round < 300 && h > 1e-13; round++) {
    const cu = bu;
    const cv = bv;
    let edge = false;
    for (let i = -10; i <= 10; i++) {
      for (let j = -10; j <= 10; j++) {
        const u = cu + (h * i) / 10;
        const v = Math.min(Math.PI / 2, Math.max(-Math.PI / 2, cv + (h * j) / 10));
        const d = surfaceDistance(e, p, pole, u, v);
        if (d < best) {
          best = d;
          bu = u;
          bv = v;
          edge = Math.abs(i) === 10 || Math.abs(j) === 10;
        }
      }
    }
    if (!edge) h /= 4;
  }
  return best;
}

/**
 * Brute force: for each of the three parametrizations (pole along R, I or C, so that one of them
 * has the long axis of a needle or the short axis of a disc as its pole), a dense grid over
 * (u, v), and the best local minima of the grid refined by zooming grids.
 */
function bruteDistance(e: readonly number[], p: readonly number[]): number {
  const nu = 360;
  const nv = 180;
  const grid = new Float64Array(nu * (nv + 1));
  const at = (i: number, j: number) => grid[((i + nu) % nu) * (nv + 1) + j]!;
  const h = (2 * Math.PI) / nu;
  let best = Infinity;
  for (let pole = 0; pole < 3; pole++) {
    for (let i = 0; i < nu; i++) {
      for (let j = 0; j <= nv; j++) {
        grid[i * (nv + 1) + j] = surfaceDistance(
          e,
          p,
          pole,
          h * i,
          -Math.PI / 2 + (Math.PI * j) / nv,
        );
      }
    }
    const minima: [number, number, number][] = [];
    for (let i = 0; i < nu; i++) {
      for (let j = 0; j <= nv; j++) {
        const d = at(i, j);
        let lowest = true;
        for (let di = -1; di <= 1 && lowest; di++) {
          for (let dj = -1; dj <= 1; dj++) {
            const jj = j + dj;
            if ((di !== 0 || dj !== 0) && jj >= 0 && jj <= nv && at(i + di, jj) < d) {
              lowest = false;
              break;
            }
          }
        }
        if (lowest) minima.push([d, i, j]);
      }
    }
    minima.sort((a, b) => a[0] - b[0]);
    for (const [, i, j] of minima.slice(0, 4)) {
      const v = -Math.PI / 2 + (Math.PI * j) / nv;
      best = Math.min(best, refine(e, p, pole, h * i, v, 2 * h));
    }
  }
  return best;
}

function signedBrute(e: readonly number[], p: readonly number[]): number {
  const q = (p[0]! / e[0]!) ** 2 + (p[1]! / e[1]!) ** 2 + (p[2]! / e[2]!) ** 2;
  const d = bruteDistance(e, p);
  return q < 1 ? -d : d;
}

describe('signed distance to an ellipsoid', () => {
  it('the issue case: (0, -5000, 0) from semi-axes [200, 400, 200] is 4600 m', () => {
    expect(signedDistanceToEllipsoidM(200, 400, 200, 0, -5000, 0)).toBeCloseTo(4600, 9);
    expect(new EllipsoidDetector('keep-out', [200, 400, 200]).g([0, -5000, 0, 0, 0, 0])).toBe(
      signedDistanceToEllipsoidM(200, 400, 200, 0, -5000, 0),
    );
  });

  it('closed forms on the axes, at the centre and on the surface', () => {
    // on an axis outside: distance to the vertex
    expect(signedDistanceToEllipsoidM(100, 400, 50, 0, 0, -300)).toBeCloseTo(250, 9);
    expect(signedDistanceToEllipsoidM(100, 400, 50, 250, 0, 0)).toBeCloseTo(150, 9);
    // the centre: minus the smallest semi-axis
    expect(signedDistanceToEllipsoidM(100, 400, 50, 0, 0, 0)).toBeCloseTo(-50, 9);
    expect(signedDistanceToEllipsoidM(300, 200, 250, 0, 0, 0)).toBeCloseTo(-200, 9);
    // a sphere: range minus radius
    expect(signedDistanceToEllipsoidM(200, 200, 200, 30, -40, 120)).toBeCloseTo(130 - 200, 9);
    // on the surface
    const v = 0.3;
    const u = 1.1;
    const p = [100 * Math.cos(v) * Math.cos(u), 400 * Math.cos(v) * Math.sin(u), 50 * Math.sin(v)];
    expect(Math.abs(signedDistanceToEllipsoidM(100, 400, 50, p[0]!, p[1]!, p[2]!))).toBeLessThan(
      1e-9,
    );
  });

  const shapes: [string, [number, number, number]][] = [
    ['keep-out [200, 400, 200]', [200, 400, 200]],
    ['triaxial [100, 400, 250]', [100, 400, 250]],
    ['near-spherical [300, 300.001, 299.999]', [300, 300.001, 299.999]],
    ['very flat [1000, 800, 5]', [1000, 800, 5]],
    ['needle [20, 2000, 20]', [20, 2000, 20]],
  ];

  // the brute force takes seconds: no timeout that a busy machine could hit
  it.each(shapes)(
    '%s: random points, near and on the axes, inside, against brute force',
    { timeout: 600_000 },
    (_, e) => {
      const stream = streamFor([Math.round(e[0] * 7 + e[1] * 13 + e[2])]);
      const rand = () => uniform(stream);
      const scale = Math.max(...e);
      const points: number[][] = [];
      for (let k = 0; k < 12; k++) {
        // anywhere out to 3x the largest axis (many inside)
        points.push([0, 1, 2].map(() => (2 * rand() - 1) * 3 * scale));
        // inside: a random direction at a random fraction of the surface radius
        const d = [0, 1, 2].map(() => 2 * rand() - 1);
        const f = rand();
        points.push(d.map((x, i) => (x * f * e[i]!) / Math.hypot(...d.map((y, j) => y / e[j]!))));
      }
      for (let axis = 0; axis < 3; axis++) {
        for (const r of [0, 0.3, 0.97, 1.02, 4]) {
          const onAxis = [0, 0, 0];
          onAxis[axis] = r * e[axis]! * (axis === 1 ? -1 : 1);
          points.push(onAxis);
          // just off the axis (1e-6 m and 1e-3 m)
          points.push(onAxis.map((x, i) => (i === axis ? x : x + 1e-6)));
          points.push(onAxis.map((x, i) => (i === axis ? x : x - 1e-3)));
        }
      }
      for (const p of points) {
        const got = signedDistanceToEllipsoidM(e[0], e[1], e[2], p[0]!, p[1]!, p[2]!);
        const want = signedBrute(e, p);
        expect(Math.abs(got - want), `point ${p.join(', ')}: ${got} vs ${want}`).toBeLessThan(
          1e-6 * Math.max(1, scale / 100),
        );
      }
    },
  );

  it('the report gives the distance: worst keep-out margin 4600 m at (0, -5000, 0)', () => {
    const s = valid(
      makeScenario(
        {
          durationS: 3600,
          stepS: 60,
          target: {
            name: 'T',
            orbit: { type: 'geo', longitudeDeg: 0 },
            keepOut: { shape: 'ellipsoid', semiAxesM: [200, 400, 200] },
          },
        },
        { initial: { frame: 'RIC', positionM: [0, -5000, 0], velocityMps: [0, 0, 0] } },
      ),
    );
    const k = evaluateScenario(s, { skipPassiveSafety: true }).spacecraft[0]!.constraints.find(
      (c) => c.kind === 'keep-out',
    )!;
    expect(k.unit).toBe('m');
    expect(k.worstMargin).toBeCloseTo(4600, 6);
  });
});
