/**
 * Probability of collision by Monte Carlo from the two objects' states and covariances at TCA,
 * valid for long (slow, curving) encounters where the 2D Pc is not: the method of NASA CARA's
 * "SDMC" and of Hall et al. [1] reduced to two-body motion.
 *
 * Each trial draws both objects' inertial states from their Gaussian 6 x 6 covariances
 * (independently: no cross-correlation; a covariance with negative eigenvalues, which real CDMs
 * carry, has them clipped to zero first, as CARA does), propagates both by two-body motion (`kepler.ts`) over
 * the window [TCA + t0, TCA + t1], and counts a hit when their separation falls below the
 * hard-body radius at any time in the window (`rangeSearch.ts`: every range minimum located on
 * a grid of at least 64 steps and 64 per shortest orbital period).
 * The Pc is hits / trials with its 95 % Wilson score interval [2].
 *
 * Determinism: trial k draws its 12 normal deviates from its own stream keyed by (seed, k), so a
 * seed gives the same answer whatever the number of trials run before it.
 *
 * References:
 * [1] Hall, Casali, Johnson, Skrehart and Baars, "High fidelity collision probabilities estimated
 *     using brute force Monte Carlo simulations", AAS 18-244, 2018.
 * [2] Wilson, "Probable inference, the law of succession, and statistical inference", JASA
 *     22(158), 1927 (see src/montecarlo/stats.ts).
 */

import { normalPair, streamFor } from '../montecarlo/random.ts';
import { wilsonInterval } from '../montecarlo/stats.ts';
import { cwPropagate } from '../dynamics/cw.ts';
import { KeplerOrbit } from './kepler.ts';
import { choleskyPsd, clipToPsd } from './matrix.ts';
import { RangeMinimumSearch } from './rangeSearch.ts';

/** Inputs of a Monte Carlo Pc. */
export interface MonteCarloPcInput {
  /** Primary and secondary states at TCA, [x, y, z, vx, vy, vz], inertial, m and m/s. */
  state1: ArrayLike<number>;
  state2: ArrayLike<number>;
  /** Their 6 x 6 covariances in the same inertial frame, row-major, m, s units. */
  cov1: ArrayLike<number>;
  cov2: ArrayLike<number>;
  /** Combined hard-body radius, m. */
  hbrM: number;
  /** Window, s relative to TCA (t0 < t1). */
  t0S: number;
  t1S: number;
  trials: number;
  seed: number;
  /** Gravitational parameter, m^3/s^2. */
  muM3S2: number;
}

/** A Monte Carlo Pc with its 95 % Wilson score interval. */
export interface MonteCarloPc {
  p: number;
  lo: number;
  hi: number;
  hits: number;
  trials: number;
  seed: number;
  /** The window searched, s relative to TCA. */
  windowS: [number, number];
  /** Trials whose drawn state was not an elliptic orbit (counted as misses). */
  unbound: number;
  /**
   * True when a covariance had negative eigenvalues (not a covariance) and was sampled with them
   * clipped to zero, as CARA does.
   */
  covarianceClipped: boolean;
}

/** Fills z[0..count) with N(0, 1) deviates from one stream (count even). */
function fillNormals(
  rng: ReturnType<typeof streamFor>,
  z: Float64Array,
  count: number,
  pair: Float64Array,
): void {
  for (let i = 0; i < count; i += 2) {
    normalPair(rng, pair);
    z[i] = pair[0]!;
    z[i + 1] = pair[1]!;
  }
}

/** out = mean + L z[offset..offset + 6) for a lower-triangular 6 x 6 L. */
function drawState(
  mean: ArrayLike<number>,
  l: Float64Array,
  z: Float64Array,
  offset: number,
  out: Float64Array,
): void {
  for (let i = 0; i < 6; i++) {
    let v = mean[i]!;
    for (let j = 0; j <= i; j++) v += l[i * 6 + j]! * z[offset + j]!;
    out[i] = v;
  }
}

/** Cholesky factor of a covariance after clipping negative eigenvalues. */
function sampler(cov: ArrayLike<number>): { l: Float64Array; clipped: boolean } {
  const c = clipToPsd(cov, 6);
  return { l: choleskyPsd(c.matrix, 6), clipped: c.clipped };
}

function result(
  hits: number,
  trials: number,
  seed: number,
  windowS: [number, number],
  unbound: number,
  covarianceClipped: boolean,
): MonteCarloPc {
  const w = wilsonInterval(hits, trials);
  return { p: w.p, lo: w.lo, hi: w.hi, hits, trials, seed, windowS, unbound, covarianceClipped };
}

function checkWindow(t0S: number, t1S: number): void {
  if (!(t1S > t0S)) throw new RangeError(`empty Monte Carlo window [${t0S}, ${t1S}] s`);
}

/**
 * Runs the Monte Carlo Pc.
 * @throws RangeError when a covariance is not positive semi-definite or the window is empty
 */
export function monteCarloPc(input: MonteCarloPcInput): MonteCarloPc {
  const { hbrM, t0S, t1S, trials, seed, muM3S2 } = input;
  checkWindow(t0S, t1S);
  const c1 = sampler(input.cov1);
  const c2 = sampler(input.cov2);
  const o1 = new KeplerOrbit(muM3S2);
  const o2 = new KeplerOrbit(muM3S2);
  const x1 = new Float64Array(6);
  const x2 = new Float64Array(6);
  const z = new Float64Array(12);
  const pair = new Float64Array(2);
  const p1 = new Float64Array(6);
  const p2 = new Float64Array(6);

  // grid: at least 64 steps, and 64 per shortest nominal period
  o1.set(input.state1);
  o2.set(input.state2);
  const nMax = Math.max(o1.meanMotionRadPerS, o2.meanMotionRadPerS);
  const periodMin = nMax > 0 ? (2 * Math.PI) / nMax : Infinity;
  const steps = Math.min(1_000_000, Math.max(64, Math.ceil(((t1S - t0S) / periodMin) * 64)));

  let de1 = 0;
  let de2 = 0;
  const search = new RangeMinimumSearch(t0S, t1S, steps, (t: number, out: Float64Array) => {
    de1 = o1.propagate(t, de1, p1);
    de2 = o2.propagate(t, de2, p2);
    for (let i = 0; i < 6; i++) out[i] = p2[i]! - p1[i]!;
  });

  let hits = 0;
  let unbound = 0;
  for (let k = 0; k < trials; k++) {
    fillNormals(streamFor([seed, k]), z, 12, pair);
    drawState(input.state1, c1.l, z, 0, x1);
    drawState(input.state2, c2.l, z, 6, x2);
    if (!o1.set(x1) || !o2.set(x2)) {
      unbound++;
      continue;
    }
    de1 = o1.meanMotionRadPerS * t0S;
    de2 = o2.meanMotionRadPerS * t0S;
    if (search.comesWithin(hbrM)) hits++;
  }
  return result(hits, trials, seed, [t0S, t1S], unbound, c1.clipped || c2.clipped);
}

/** Inputs of a Monte Carlo Pc of relative motion under Clohessy-Wiltshire dynamics. */
export interface CwMonteCarloPcInput {
  /** Relative RIC state at closest approach (t = 0), m and m/s. */
  stateRic: ArrayLike<number>;
  /** Its 6 x 6 covariance, RIC, m and m/s units. */
  covRic: ArrayLike<number>;
  hbrM: number;
  /** Window, s relative to closest approach (t0 < t1); the motion must be a free drift in it. */
  t0S: number;
  t1S: number;
  trials: number;
  seed: number;
  /** Target mean motion, rad/s. */
  nRadPerS: number;
}

/**
 * Monte Carlo Pc of a relative RIC state under CW motion: trial k draws the relative state from
 * its Gaussian (stream (seed, k)), propagates it with the CW closed form over the window, and
 * counts a hit when the range falls below the hard-body radius (`rangeSearch.ts`).
 */
export function monteCarloPcCw(input: CwMonteCarloPcInput): MonteCarloPc {
  const { hbrM, t0S, t1S, trials, seed, nRadPerS } = input;
  checkWindow(t0S, t1S);
  const c = sampler(input.covRic);
  const x = new Float64Array(6);
  const z = new Float64Array(6);
  const pair = new Float64Array(2);
  const periodS = (2 * Math.PI) / nRadPerS;
  const steps = Math.min(1_000_000, Math.max(64, Math.ceil(((t1S - t0S) / periodS) * 64)));
  const search = new RangeMinimumSearch(t0S, t1S, steps, (t, out) =>
    cwPropagate(nRadPerS, x, t, out),
  );
  let hits = 0;
  for (let k = 0; k < trials; k++) {
    fillNormals(streamFor([seed, k]), z, 6, pair);
    drawState(input.stateRic, c.l, z, 0, x);
    if (search.comesWithin(hbrM)) hits++;
  }
  return result(hits, trials, seed, [t0S, t1S], 0, c.clipped);
}
