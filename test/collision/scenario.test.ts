// Pc of a scenario's closest approaches (report `collision` block): checked against an
// independent brute-force Monte Carlo written here (initial states drawn from the scenario's
// covariance, the whole run flown with the CW closed form at 1 s sampling, no windowing, no
// encounter-plane geometry), within the combined sampling error at 99.9 %.
import { describe, expect, it } from 'vitest';
import { choleskyPsd } from '../../src/collision/matrix.ts';
import { cwPropagate } from '../../src/dynamics/cw.ts';
import { GEO_RADIUS_M, meanMotionRadPerS } from '../../src/core/constants.ts';
import { normalPair, streamFor } from '../../src/montecarlo/random.ts';
import { evaluateScenario } from '../../src/scoring/evaluate.ts';
import { buildReport } from '../../src/scoring/report.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { formatSummary } from '../../src/cli/summary.ts';
import { makeScenario, valid } from '../helpers.ts';

const N_RAD_S = meanMotionRadPerS(GEO_RADIUS_M);
const X0 = -12; // m below the target: a slow in-track drift past it (3 pi 12 m per orbit)
const Y0 = -150; // m: the nominal pass comes after 1.3 orbits
const SIGMA_P = [4, 15, 4];
const SIGMA_V = [2e-5, 2e-5, 2e-5];
const HBR = 10;

function flyby(dynamics: 'cw' | 'nonlinear' = 'cw') {
  return valid(
    makeScenario(
      {
        durationS: 2 * 86400,
        dynamics,
        collision: { hardBodyRadiusM: HBR, trials: 4000, seed: 5 },
      },
      {
        initial: {
          frame: 'RIC',
          positionM: [X0, Y0, 0],
          velocityMps: [0, -1.5 * N_RAD_S * X0, 0],
        },
        covariance: { frame: 'RIC', sigmaPositionM: SIGMA_P, sigmaVelocityMps: SIGMA_V } as never,
      },
    ),
  );
}

/** Brute force: fraction of N drawn initial states whose 1 s sampled range dips below HBR. */
function bruteForcePc(n: number): number {
  const p0 = new Float64Array(36);
  for (let i = 0; i < 3; i++) {
    p0[i * 7] = SIGMA_P[i]! ** 2;
    p0[(i + 3) * 7] = SIGMA_V[i]! ** 2;
  }
  const l = choleskyPsd(p0, 6);
  const mean = [X0, Y0, 0, 0, -1.5 * N_RAD_S * X0, 0];
  const pair = new Float64Array(2);
  const out = new Float64Array(6);
  let hits = 0;
  for (let k = 0; k < n; k++) {
    const rng = streamFor([99, k]);
    const z: number[] = [];
    for (let i = 0; i < 3; i++) {
      normalPair(rng, pair);
      z.push(pair[0]!, pair[1]!);
    }
    const x = mean.map(
      (m, i) => m + z.reduce((s, zj, j) => s + (j <= i ? l[i * 6 + j]! * zj : 0), 0),
    );
    // relative speeds are mm/s: sample the whole run at 60 s (under 0.5 m of motion) and look
    // at every second around any dip below HBR + 2 m
    for (let t = 0; t <= 2 * 86400; t += 60) {
      cwPropagate(N_RAD_S, x, t, out);
      const r = Math.hypot(out[0]!, out[1]!, out[2]!);
      if (r < HBR) {
        hits++;
        break;
      }
      if (r < HBR + 2) {
        let hit = false;
        for (let u = t - 60; u <= t + 60 && !hit; u += 1) {
          cwPropagate(N_RAD_S, x, u, out);
          hit = Math.hypot(out[0]!, out[1]!, out[2]!) < HBR;
        }
        if (hit) {
          hits++;
          break;
        }
      }
    }
  }
  return hits / n;
}

describe('scenario Pc', { timeout: 600_000 }, () => {
  it('reports the Pc at the closest approach to the target, matching a brute-force Monte Carlo', () => {
    const s = flyby();
    const report = buildReport(evaluateScenario(s));
    const c = report.collision!;
    expect(c.hardBodyRadiusM).toBe(HBR);
    expect(c.skipped).toEqual([]);
    expect(c.conjunctions).toHaveLength(1);
    const k = c.conjunctions[0]!;
    expect(k.ids).toEqual(['A', 'target']);
    // the same closest approach as the run's own
    expect(k.tS).toBe(report.spacecraft[0]!.minRange.tS);
    expect(Math.abs(k.missDistanceM - report.spacecraft[0]!.minRange.rangeM)).toBeLessThan(1e-3);
    // a GEO drift at about 1 mm/s: a long encounter, the 2D method flagged
    expect(k.valid2d).toBe(false);
    expect(k.method).toBe('monte-carlo-cw');
    const mc = k.pcMonteCarlo!;
    const n = 3000;
    const truth = bruteForcePc(n);
    const sigma = Math.sqrt(
      Math.max(mc.p * (1 - mc.p), truth * (1 - truth)) * (1 / mc.trials + 1 / n),
    );
    expect(truth).toBeGreaterThan(0.02); // the case is not trivial
    expect(Math.abs(k.pc2d - truth)).toBeGreaterThan(4 * sigma); // and the 2D Pc is wrong here
    expect(Math.abs(mc.p - truth)).toBeLessThanOrEqual(3.29 * sigma);
    // the 3D Pc (expected entries over the free drift, an upper bound of Pc) agrees with the
    // brute force: one entry at most on this pass
    const sigmaTruth = Math.sqrt((truth * (1 - truth)) / n);
    expect(Math.abs(k.pc3d! - truth)).toBeLessThanOrEqual(3.29 * sigmaTruth);
    expect(k.nc3d).toBe(k.pc3d);
    console.info(
      `scenario Pc: Monte Carlo ${mc.p} [${mc.lo}, ${mc.hi}], brute force ${truth}, 2D ${k.pc2d}`,
    );
    // the summary shows it with its method
    expect(formatSummary(report)).toMatch(
      /A \/ target at t\+\d+:\d\d:\d\d\.\d\d: Pc \S+ \(monte-carlo-cw\); 2D \S+ \(short-encounter test failed\), 3D \S+, Monte Carlo/,
    );
  });

  it('reports a pair of spacecraft with covariances at their own closest approach', () => {
    const base = flyby();
    const second = {
      ...base.spacecraft[0]!,
      id: 'B',
      initial: {
        frame: 'RIC' as const,
        positionM: [0, 400, 0] as [number, number, number],
        velocityMps: [0, 0, 0] as [number, number, number],
      },
    };
    const s = valid({ ...base, spacecraft: [base.spacecraft[0]!, second] });
    const report = buildReport(evaluateScenario(s));
    const pair = report.collision!.conjunctions.find((k) => k.ids[1] === 'B')!;
    expect(pair.ids).toEqual(['A', 'B']);
    expect(pair.tS).toBe(report.pairs[0]!.minRange.tS);
    expect(Math.abs(pair.missDistanceM - report.pairs[0]!.minRange.rangeM)).toBeLessThan(1e-3);
    expect(pair.pc).toBeGreaterThanOrEqual(0);
    // B holds still on V-bar: no relative motion, no encounter plane; said so, not hidden
    expect(report.collision!.conjunctions.map((k) => k.ids.join('/'))).toEqual(['A/target', 'A/B']);
    expect(report.collision!.skipped).toEqual([
      'B / target: relative velocity is zero: no encounter plane',
    ]);
  });

  it('says what it did not assess: nonlinear dynamics', () => {
    const report = buildReport(evaluateScenario(flyby('nonlinear')));
    expect(report.collision!.conjunctions).toEqual([]);
    expect(report.collision!.skipped[0]).toMatch(/"cw" dynamics only/);
  });

  it('a covariance without a collision block says the hard-body radius is missing', () => {
    const s = flyby();
    delete s.collision;
    const report = buildReport(evaluateScenario(s));
    expect(report.collision!.hardBodyRadiusM).toBeNull();
    expect(report.collision!.skipped[0]).toMatch(/no "collision": \{ "hardBodyRadiusM": R \}/);
    expect(formatSummary(report)).toMatch(/not assessed: all: no "collision"/);
  });

  it('no covariance, no collision block', () => {
    expect(buildReport(evaluateScenario(valid(makeScenario()))).collision).toBeUndefined();
  });

  it('the covariance takes sigmas or a 6 x 6 matrix, not both, and names the path', () => {
    const bad = makeScenario(
      {},
      {
        covariance: {
          frame: 'RIC',
          sigmaPositionM: [1, 1, 1],
          sigmaVelocityMps: [0, 0, 0],
          matrix: Array.from({ length: 6 }, () => [0, 0, 0, 0, 0, 0]),
        } as never,
      },
    );
    const r = validateScenario(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => `${i.path} ${i.message}`).join('\n')).toMatch(
        /spacecraft\[0\]\.covariance.*either "sigmaPositionM" and "sigmaVelocityMps", or "matrix"/,
      );
    }
    const m = makeScenario(
      {},
      { covariance: { frame: 'RIC', matrix: [[1, 0, 0, 0, 0, 0]] } as never },
    );
    expect(validateScenario(m).ok).toBe(false);
  });
});
