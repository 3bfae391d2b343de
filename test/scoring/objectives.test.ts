// Inspection objectives (src/scoring/objectives.ts) against independent references: the time an
// inspector drifting past the target spends in a range band, from the closed-form CW drift, and
// the time a face is seen lit, by brute force at 0.05 s on the same closed-form path. The
// tracker samples every 10 s and locates each change between samples; sampled alone, these
// cases are off by seconds (checked here, so the cases can tell the two apart).

import { describe, expect, it } from 'vitest';
import { DEG_TO_RAD } from '../../src/core/constants.ts';
import { sunPhaseAngleDeg } from '../../src/core/lighting.ts';
import { cwPropagate } from '../../src/dynamics/cw.ts';
import { evaluateScenario } from '../../src/scoring/evaluate.ts';
import { FACE_VIEW_HALF_ANGLE_DEG, OBJECTIVE_SAMPLE_S } from '../../src/scoring/objectives.ts';
import { createSunTable } from '../../src/sim/run.ts';
import { REF } from '../fixtures/reference.ts';
import { makeScenario, valid } from '../helpers.ts';

const n = REF.nRadPerS;
// A CW drift 1 km below the target's orbit: R stays -1000 m, I grows at 1.5 n 1000 m/s exactly
// (an equilibrium of the CW equations, so RK4 follows it to round-off).
const X0_M = -1000;
const Y0_M = -5000;
const V_MPS = -1.5 * n * X0_M;
const stateAt = (tS: number) => [X0_M, Y0_M + V_MPS * tS, 0];

/** The drift for a day from `epoch`: near the June solstice a GEO target is never eclipsed. */
function drift(
  objectives: NonNullable<Parameters<typeof makeScenario>[0]>['objectives'],
  epoch = '2026-06-21T00:00:00Z',
) {
  return valid(
    makeScenario(
      { epoch, durationS: 86_400, stepS: 2, dynamics: 'cw', objectives },
      {
        initial: { frame: 'RIC', positionM: [X0_M, Y0_M, 0], velocityMps: [0, V_MPS, 0] },
      },
    ),
  );
}

describe('observe: time inside the range band', () => {
  it('equals the closed-form time of the drift through the band to 0.01 s', () => {
    const [inner, outer] = [1500, 3000];
    const s = drift([
      { type: 'observe', rangeBandM: [inner, outer], maxPhaseDeg: 180, requiredS: 30_000 },
    ]);
    // |y| between sqrt(inner^2 - x0^2) and sqrt(outer^2 - x0^2), twice (before and after abeam)
    const yIn = Math.sqrt(inner ** 2 - X0_M ** 2);
    const yOut = Math.sqrt(outer ** 2 - X0_M ** 2);
    const at = (y: number) => (y - Y0_M) / V_MPS;
    const expected = at(-yIn) - at(-yOut) + (at(yOut) - at(yIn));
    expect(at(yOut)).toBeLessThan(86_400);
    const result = evaluateScenario(s).objectives[0]!;
    expect(Math.abs(result.achievedS! - expected)).toBeLessThan(0.01);
    expect(result.met).toBe(expected >= 30_000);
    // Counting whole samples instead would be off by seconds here.
    let sampled = 0;
    for (let t = OBJECTIVE_SAMPLE_S; t <= 86_400; t += OBJECTIVE_SAMPLE_S) {
      const r = Math.hypot(...stateAt(t));
      if (r >= inner && r <= outer) sampled += OBJECTIVE_SAMPLE_S;
    }
    expect(Math.abs(sampled - expected)).toBeGreaterThan(1);
  });
});

describe('coverage: time a face is seen lit', () => {
  it('matches a brute-force count at 0.05 s on the closed-form path to 0.2 s', () => {
    const band: [number, number] = [1200, 4000];
    // From 06:00 UTC the sun lights each of these faces for hours while the inspector sees it.
    const s = drift(
      [{ type: 'coverage', rangeBandM: band, faces: ['+I', '-I', '-R'], minTimeS: 60 }],
      '2026-06-21T06:00:00Z',
    );
    const result = evaluateScenario(s).objectives[0]!;
    const sun = createSunTable(s)!;
    const dir = new Float64Array(3);
    const cosView = Math.cos(FACE_VIEW_HALF_ANGLE_DEG * DEG_TO_RAD);
    const h = 0.05;
    for (const [face, axis, sign] of [
      ['+I', 1, 1],
      ['-I', 1, -1],
      ['-R', 0, -1],
    ] as const) {
      let seenS = 0;
      for (let t = h / 2; t < 86_400; t += h) {
        const p = stateAt(t);
        const r = Math.hypot(p[0]!, p[1]!, p[2]!);
        if (r < band[0] || r > band[1]) continue;
        sun.targetSunRic(t, dir);
        if ((sign * p[axis]!) / r >= cosView && sign * dir[axis]! > 0) seenS += h;
      }
      expect(seenS, face).toBeGreaterThan(600);
      expect(Math.abs(result.faceTimesS![face]! - seenS), face).toBeLessThan(0.2);
    }
  });
});

/**
 * Smallest sun phase angle (target->Sun direction) over the times `stateAt(t)` is inside the
 * band, by brute force: every 0.05 s over [0, endS], each band crossing bisected to 1e-7 s,
 * then every 1e-4 s within 0.1 s of the best sample. Also when it occurs, s.
 */
function bruteMinPhaseInBand(
  sun: NonNullable<ReturnType<typeof createSunTable>>,
  stateAt: (tS: number) => ArrayLike<number>,
  band: readonly [number, number],
  endS: number,
): { phaseDeg: number; tS: number } {
  const u = new Float64Array(3);
  const inBand = (tS: number) => {
    const p = stateAt(tS);
    const r = Math.hypot(p[0]!, p[1]!, p[2]!);
    return r >= band[0] && r <= band[1];
  };
  const phase = (tS: number) => {
    sun.targetSunRic(tS, u);
    return sunPhaseAngleDeg(u, stateAt(tS));
  };
  let best = { phaseDeg: Infinity, tS: Number.NaN };
  const consider = (tS: number) => {
    if (!inBand(tS)) return;
    const p = phase(tS);
    if (p < best.phaseDeg) best = { phaseDeg: p, tS };
  };
  const h = 0.05;
  let prevIn = inBand(0);
  consider(0);
  for (let k = 1; k * h <= endS; k++) {
    const t = k * h;
    const isIn = inBand(t);
    if (isIn !== prevIn) {
      let lo = t - h;
      let hi = t;
      while (hi - lo > 1e-7) {
        const mid = 0.5 * (lo + hi);
        if (inBand(mid) === prevIn) lo = mid;
        else hi = mid;
      }
      consider(prevIn ? lo : hi);
    }
    consider(t);
    prevIn = isIn;
  }
  const around = best.tS;
  for (let t = around - 0.1; t <= around + 0.1; t += 1e-4) if (t >= 0 && t <= endS) consider(t);
  return best;
}

describe('minPhaseInBandDeg: located between samples, with the target->Sun direction', () => {
  it.each([10, 60, 300])(
    'a minimum between samples (the sun 0.023 deg from the line of sight) matches brute force to 1e-5 deg (step %i s)',
    (stepS) => {
      const x0 = [0, -2000, 66, 0, 0, 0];
      const s = valid(
        makeScenario(
          {
            epoch: '2026-03-20T00:00:52Z',
            durationS: 86_400,
            stepS,
            dynamics: 'cw',
            objectives: [
              { type: 'observe', rangeBandM: [500, 2500], maxPhaseDeg: 60, requiredS: 3600 },
            ],
          },
          { initial: { frame: 'RIC', positionM: [0, -2000, 66], velocityMps: [0, 0, 0] } },
        ),
      );
      const st = new Float64Array(6);
      const truth = bruteMinPhaseInBand(
        createSunTable(s)!,
        (t) => cwPropagate(n, x0, t, st),
        [500, 2500],
        86_400,
      );
      expect(truth.phaseDeg).toBeLessThan(0.03);
      const got = evaluateScenario(s).spacecraft[0]!.minPhaseInBandDeg!;
      expect(Math.abs(got - truth.phaseDeg)).toBeLessThan(1e-5);
      // the nearest sample is seconds away, where the angle is larger by more than that
      const sampleS = Math.max(stepS, OBJECTIVE_SAMPLE_S);
      expect(Math.abs(Math.round(truth.tS / sampleS) * sampleS - truth.tS)).toBeGreaterThan(1);
    },
  );

  it.each([10, 60, 300])(
    'a minimum where the spacecraft leaves the band between samples matches brute force to 5e-5 deg (step %i s)',
    (stepS) => {
      const band: [number, number] = [1500, 3000];
      // from 06:00 UTC the phase angle is still falling when the drift leaves the band at 3 km
      const base = drift(
        [{ type: 'observe', rangeBandM: band, maxPhaseDeg: 60, requiredS: 3600 }],
        '2026-06-21T06:00:00Z',
      );
      const s = valid({ ...base, stepS });
      const truth = bruteMinPhaseInBand(createSunTable(s)!, stateAt, band, 86_400);
      expect(Math.hypot(...stateAt(truth.tS))).toBeCloseTo(3000, 3);
      const got = evaluateScenario(s).spacecraft[0]!.minPhaseInBandDeg!;
      expect(got - truth.phaseDeg).toBeGreaterThan(-1e-6);
      expect(got - truth.phaseDeg).toBeLessThan(5e-5);
    },
  );
});
