/**
 * Probability of collision by Monte Carlo from the two objects' states and covariances at TCA,
 * valid for long (slow, curving) encounters where the 2D Pc is not: the method of NASA CARA's
 * two-body Monte Carlo (`Pc_MC_Kep2body_parallel`, "SDMC") and of Hall et al. [1].
 *
 * Each trial draws both objects' states from their Gaussian 6 x 6 covariances at TCA
 * (independently: no cross-correlation; a covariance with negative eigenvalues, which real CDMs
 * carry, has them clipped to zero first, as CARA does), by default in equinoctial elements as
 * CARA does (the covariance mapped by the Jacobian at the mean state, `equinoctial.ts`), or in
 * inertial Cartesian coordinates; propagates both by two-body motion (`kepler.ts`) over the
 * window [TCA + t0, TCA + t1], and counts a hit by default when their separation falls below the
 * hard-body radius inside the window (a first contact, as CARA counts times of first contact:
 * trials already in contact at the window's start are counted apart, `contactAtStart`), or at
 * any time of the window, its start included (Alfano [3]); `rangeSearch.ts` locates every range
 * minimum on a grid of at least 64 steps and 64 per shortest orbital period.
 * The Pc is hits / trials with its 95 % Wilson score interval [2].
 *
 * The two hit tests differ by about the instantaneous Pc at the window's start: nothing when the
 * window spans the encounter, but Alfano's cases 9 and 11 have windows shorter than theirs
 * (test/fixtures/collision/README.md).
 *
 * Determinism: trial k draws its 12 normal deviates from its own stream keyed by (seed, k), so a
 * seed gives the same answer whatever the number of trials run before it.
 *
 * References:
 * [1] Hall, Casali, Johnson, Skrehart and Baars, "High fidelity collision probabilities estimated
 *     using brute force Monte Carlo simulations", AAS 18-244, 2018.
 * [2] Wilson, "Probable inference, the law of succession, and statistical inference", JASA
 *     22(158), 1927 (see src/montecarlo/stats.ts).
 * [3] Alfano, "Satellite conjunction Monte Carlo analysis", AAS 09-233, 2009.
 */

import { normalPair, streamFor } from '../montecarlo/random.ts';
import { wilsonInterval } from '../montecarlo/stats.ts';
import { cwPropagate } from '../dynamics/cw.ts';
import { KeplerOrbit } from './kepler.ts';
import {
  cartesianToEquinoctial,
  equinoctialToCartesian,
  jacobianCartesianToEquinoctial,
  retrogradeFactor,
} from './equinoctial.ts';
import { choleskyPsd, clipToPsd, congruence } from './matrix.ts';
import { CONTACT_AT_START, CONTACT_IN_WINDOW, RangeMinimumSearch } from './rangeSearch.ts';

/** Sampling in Cartesian coordinates: the Gaussian extends along straight lines. */
export const SAMPLING_CARTESIAN = 'cartesian';
/** Sampling in equinoctial elements (equinoctial.ts), as NASA CARA does: it follows the orbit. */
export const SAMPLING_EQUINOCTIAL = 'equinoctial';
/** The space each object's Gaussian at TCA is sampled in. */
export type Sampling = typeof SAMPLING_CARTESIAN | typeof SAMPLING_EQUINOCTIAL;

/**
 * A hit is a first contact inside the window: the distance falls below the hard-body radius from
 * above it; a trial already in contact at the window's start collided before the window and is
 * not a hit (NASA CARA's Monte Carlo counts times of first contact so, and Hall's 3D Nc counts
 * entries). Pc over adjacent windows then adds up.
 */
export const HIT_FIRST_CONTACT = 'first-contact';
/**
 * A hit is any contact in the window, including one in progress at its start (Alfano 2009 [3]):
 * larger by about the instantaneous Pc at the window's start.
 */
export const HIT_ANY_CONTACT = 'any-contact';
/** What counts as a hit. */
export type HitTest = typeof HIT_FIRST_CONTACT | typeof HIT_ANY_CONTACT;

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
  /** Sampling space (default SAMPLING_EQUINOCTIAL). */
  sampling?: Sampling;
  /** What counts as a hit (default HIT_FIRST_CONTACT). */
  hitTest?: HitTest;
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
  /** The space the states were sampled in (SAMPLING_CARTESIAN for the CW Monte Carlo). */
  sampling: Sampling;
  /** What counted as a hit. */
  hitTest: HitTest;
  /**
   * Trials already in contact (distance below the hard-body radius) at the window's start: hits
   * under HIT_ANY_CONTACT, not under HIT_FIRST_CONTACT. Their fraction is the instantaneous Pc
   * there; a large one says the window cuts the encounter short.
   */
  contactAtStart: number;
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

/**
 * Draws one object's inertial state from its Gaussian in the chosen sampling space:
 * Cartesian (mean + L z) or equinoctial (elements mean + L_eq z mapped to a state, with the
 * covariance mapped to the elements by the Jacobian at the mean, as CARA does).
 */
class StateSampler {
  private readonly mean: Float64Array;
  private readonly l: Float64Array;
  private readonly fr: 1 | -1;
  private readonly elements = new Float64Array(6);
  readonly clipped: boolean;

  constructor(
    state: ArrayLike<number>,
    cov: ArrayLike<number>,
    private readonly sampling: Sampling,
    private readonly muM3S2: number,
  ) {
    this.fr = retrogradeFactor(state);
    if (sampling === SAMPLING_EQUINOCTIAL) {
      this.mean = new Float64Array(6);
      if (!cartesianToEquinoctial(state, this.fr, muM3S2, this.mean)) {
        throw new RangeError('equinoctial sampling needs an elliptic orbit at TCA');
      }
      const j = new Float64Array(36);
      jacobianCartesianToEquinoctial(state, this.fr, muM3S2, j);
      const s = sampler(congruence(j, cov, 6));
      this.l = s.l;
      this.clipped = s.clipped;
    } else {
      this.mean = Float64Array.from(state);
      const s = sampler(cov);
      this.l = s.l;
      this.clipped = s.clipped;
    }
  }

  /** Writes a drawn inertial state to `out`; false when it is not an elliptic orbit. */
  draw(z: Float64Array, offset: number, out: Float64Array): boolean {
    if (this.sampling === SAMPLING_CARTESIAN) {
      drawState(this.mean, this.l, z, offset, out);
      return true;
    }
    drawState(this.mean, this.l, z, offset, this.elements);
    return equinoctialToCartesian(this.elements, this.fr, this.muM3S2, out);
  }
}

/** Tally of trials by their window's contact class (rangeSearch.ts). */
class ContactTally {
  inWindow = 0;
  atStart = 0;

  add(contact: number): void {
    if (contact === CONTACT_IN_WINDOW) this.inWindow++;
    else if (contact === CONTACT_AT_START) this.atStart++;
  }

  hits(hitTest: HitTest): number {
    return this.inWindow + (hitTest === HIT_ANY_CONTACT ? this.atStart : 0);
  }
}

function result(
  tally: ContactTally,
  hitTest: HitTest,
  trials: number,
  seed: number,
  windowS: [number, number],
  unbound: number,
  covarianceClipped: boolean,
  sampling: Sampling,
): MonteCarloPc {
  const hits = tally.hits(hitTest);
  const w = wilsonInterval(hits, trials);
  return {
    p: w.p,
    lo: w.lo,
    hi: w.hi,
    hits,
    trials,
    seed,
    windowS,
    unbound,
    covarianceClipped,
    sampling,
    hitTest,
    contactAtStart: tally.atStart,
  };
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
  const sampling = input.sampling ?? SAMPLING_EQUINOCTIAL;
  const c1 = new StateSampler(input.state1, input.cov1, sampling, muM3S2);
  const c2 = new StateSampler(input.state2, input.cov2, sampling, muM3S2);
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

  const tally = new ContactTally();
  let unbound = 0;
  for (let k = 0; k < trials; k++) {
    fillNormals(streamFor([seed, k]), z, 12, pair);
    if (!c1.draw(z, 0, x1) || !c2.draw(z, 6, x2) || !o1.set(x1) || !o2.set(x2)) {
      unbound++;
      continue;
    }
    de1 = o1.meanMotionRadPerS * t0S;
    de2 = o2.meanMotionRadPerS * t0S;
    tally.add(search.contact(hbrM));
  }
  const hitTest = input.hitTest ?? HIT_FIRST_CONTACT;
  const clipped = c1.clipped || c2.clipped;
  return result(tally, hitTest, trials, seed, [t0S, t1S], unbound, clipped, sampling);
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
  /** What counts as a hit (default HIT_FIRST_CONTACT). */
  hitTest?: HitTest;
}

/**
 * Monte Carlo Pc of a relative RIC state under CW motion: trial k draws the relative state from
 * its Gaussian (stream (seed, k)), propagates it with the CW closed form over the window, and
 * counts a hit when the range falls below the hard-body radius in it (`hitTest`, `rangeSearch.ts`).
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
  const tally = new ContactTally();
  for (let k = 0; k < trials; k++) {
    fillNormals(streamFor([seed, k]), z, 6, pair);
    drawState(input.stateRic, c.l, z, 0, x);
    tally.add(search.contact(hbrM));
  }
  const hitTest = input.hitTest ?? HIT_FIRST_CONTACT;
  return result(tally, hitTest, trials, seed, [t0S, t1S], 0, c.clipped, SAMPLING_CARTESIAN);
}
