// Linear covariance propagation (CW state transition matrix, burn execution errors) against a Monte
// Carlo of the same dispersion: N samples drawn with a fixed seed, each propagated with the CW
// closed form and each burn dispersed by the project's own Monte Carlo burn model
// (src/montecarlo/sampler.ts, README "Monte Carlo"). Every element of the sample covariance S
// must lie within 5 standard errors of the predicted Sigma, the standard error of a sample
// covariance element being sqrt((Sigma_ij^2 + Sigma_ii Sigma_jj) / (N - 1)) (the variance of a
// Wishart(Sigma, N - 1) / (N - 1) element; Anderson, An Introduction to Multivariate Statistical
// Analysis, 3rd ed., sec. 7.2).
import { describe, expect, it } from 'vitest';
import {
  burnExecutionCovariance,
  diagonalCovariance,
  propagateCovarianceCw,
  propagateWithBurnsCw,
} from '../../src/collision/covariance.ts';
import { choleskyPsd } from '../../src/collision/matrix.ts';
import { cwPropagate } from '../../src/dynamics/cw.ts';
import { GEO_RADIUS_M, meanMotionRadPerS } from '../../src/core/constants.ts';
import { normalPair, streamFor, uniform } from '../../src/montecarlo/random.ts';
import { rotatePerpendicular } from '../../src/montecarlo/sampler.ts';

const N_RAD_S = meanMotionRadPerS(GEO_RADIUS_M);
const N = 20_000;

/** Sample covariance of rows of `dim` numbers. */
function sampleCovariance(samples: Float64Array[], dim: number): Float64Array {
  const mean = new Float64Array(dim);
  for (const s of samples) for (let i = 0; i < dim; i++) mean[i]! += s[i]! / samples.length;
  const c = new Float64Array(dim * dim);
  for (const s of samples)
    for (let i = 0; i < dim; i++)
      for (let j = 0; j < dim; j++) c[i * dim + j]! += (s[i]! - mean[i]!) * (s[j]! - mean[j]!);
  return c.map((v) => v / (samples.length - 1));
}

/** Asserts |S - Sigma| <= k standard errors element by element; returns the worst ratio. */
function expectWithinSamplingError(
  s: Float64Array,
  sigma: Float64Array,
  dim: number,
  k = 5,
): number {
  let worst = 0;
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j < dim; j++) {
      const se = Math.sqrt(
        (sigma[i * dim + j]! ** 2 + sigma[i * dim + i]! * sigma[j * dim + j]!) / (N - 1),
      );
      const ratio = Math.abs(s[i * dim + j]! - sigma[i * dim + j]!) / se;
      worst = Math.max(worst, ratio);
    }
  }
  expect(worst).toBeLessThanOrEqual(k);
  return worst;
}

const P0 = (() => {
  // a correlated initial covariance: per-axis sigmas and a few correlations
  const p = diagonalCovariance([20, 50, 10], [0.002, 0.001, 0.0015]);
  const corr = (i: number, j: number, rho: number) => {
    const v = rho * Math.sqrt(p[i * 7]! * p[j * 7]!);
    p[i * 6 + j] = v;
    p[j * 6 + i] = v;
  };
  corr(0, 1, 0.4);
  corr(0, 4, -0.6);
  corr(2, 5, 0.3);
  return p;
})();

function drawInitial(k: number, l: Float64Array): Float64Array {
  const rng = streamFor([20261204, k, 0]);
  const z = new Float64Array(6);
  const pair = new Float64Array(2);
  for (let i = 0; i < 6; i += 2) {
    normalPair(rng, pair);
    z[i] = pair[0]!;
    z[i + 1] = pair[1]!;
  }
  const x = new Float64Array(6);
  for (let i = 0; i < 6; i++) for (let j = 0; j <= i; j++) x[i]! += l[i * 6 + j]! * z[j]!;
  return x;
}

describe('CW covariance propagation', { timeout: 600_000 }, () => {
  it('P(t) = Phi P0 Phi^T matches a Monte Carlo of the initial dispersion at 0.3, 0.5 and 1.7 orbits', () => {
    const l = choleskyPsd(P0, 6);
    const x0 = Array.from({ length: N }, (_, k) => drawInitial(k, l));
    for (const frac of [0.3, 0.5, 1.7]) {
      const t = ((frac * 2 * Math.PI) / N_RAD_S) | 0;
      const samples = x0.map((x) => cwPropagate(N_RAD_S, x, t, new Float64Array(6)));
      expectWithinSamplingError(
        sampleCovariance(samples, 6),
        propagateCovarianceCw(N_RAD_S, P0, t),
        6,
      );
    }
  });

  it('a sign error in time (Phi(-t) P0 Phi(-t)^T) is caught by the same test', () => {
    const l = choleskyPsd(P0, 6);
    const t = 20000;
    const samples = Array.from({ length: N }, (_, k) =>
      cwPropagate(N_RAD_S, drawInitial(k, l), t, new Float64Array(6)),
    );
    const s = sampleCovariance(samples, 6);
    expect(expectWithinSamplingError(s, propagateCovarianceCw(N_RAD_S, P0, t), 6)).toBeLessThan(5);
    const wrong = propagateCovarianceCw(N_RAD_S, P0, -t);
    expect(() => expectWithinSamplingError(s, wrong, 6)).toThrow();
  });

  it('burn execution errors (2 % magnitude, 1.5 deg pointing) add the predicted covariance', () => {
    const magnitudeSigma = 0.02;
    const pointingSigmaRad = (1.5 * Math.PI) / 180;
    const burns = [
      { tS: 3600, dvRicMps: [0.3, -0.1, 0.05] },
      { tS: 30000, dvRicMps: [0, 0.4, -0.2] },
    ];
    const tEnd = 50000;
    const l = choleskyPsd(P0, 6);
    const pair = new Float64Array(2);
    const samples = Array.from({ length: N }, (_, k) => {
      let x = drawInitial(k, l);
      let t = 0;
      const rng = streamFor([20261204, k, 1]);
      for (const b of burns) {
        x = cwPropagate(N_RAD_S, x, b.tS - t, new Float64Array(6));
        t = b.tS;
        // the Monte Carlo's model: scale by 1 + N(0, s_m), rotate by N(0, s_p) about a random
        // perpendicular axis; the state deviation gets the difference from the commanded burn
        normalPair(rng, pair);
        const scale = 1 + magnitudeSigma * pair[0]!;
        const flown: [number, number, number] = [
          b.dvRicMps[0]! * scale,
          b.dvRicMps[1]! * scale,
          b.dvRicMps[2]! * scale,
        ];
        rotatePerpendicular(flown, pointingSigmaRad * pair[1]!, 2 * Math.PI * uniform(rng));
        for (let i = 0; i < 3; i++) x[3 + i]! += flown[i]! - b.dvRicMps[i]!;
      }
      return cwPropagate(N_RAD_S, x, tEnd - t, new Float64Array(6));
    });
    const predicted = propagateWithBurnsCw(
      N_RAD_S,
      P0,
      burns,
      magnitudeSigma,
      pointingSigmaRad,
      tEnd,
    );
    expectWithinSamplingError(sampleCovariance(samples, 6), predicted, 6);
    // the burns matter: without them the prediction fails the same test
    const withoutBurns = propagateCovarianceCw(N_RAD_S, P0, tEnd);
    expect(() =>
      expectWithinSamplingError(sampleCovariance(samples, 6), withoutBurns, 6),
    ).toThrow();
  });

  it('burn covariance: magnitude along the burn, half the pointing variance on each cross axis', () => {
    const q = burnExecutionCovariance([0, 2, 0], 0.01, 0.02);
    expect(q[4]).toBeCloseTo(4 * 1e-4, 15); // (|dv| s_m)^2 along I
    expect(q[0]).toBeCloseTo(0.5 * 4 * 4e-4, 15); // |dv|^2 s_p^2 / 2 on R
    expect(q[8]).toBeCloseTo(0.5 * 4 * 4e-4, 15); // and on C
    expect(q[1]).toBe(0);
    expect(burnExecutionCovariance([0, 0, 0], 0.01, 0.02).every((v) => v === 0)).toBe(true);
  });
});
