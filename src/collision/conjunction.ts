/**
 * The collision probability of one conjunction from both objects' states and covariances at TCA:
 * the 2D Pc (Foster) with its short-encounter test, and the Monte Carlo Pc that holds for long
 * encounters too. Shared by `rpo-sim pc` (from a CDM) and the scenario report.
 */

import { MU_EARTH_M3_S2 } from '../core/constants.ts';
import { shortEncounterTest, orbitalPeriodS, type ShortEncounterTest } from './encounter.ts';
import { wilsonInterval } from '../montecarlo/stats.ts';
import { block3, matAdd } from './matrix.ts';
import { monteCarloPc, type MonteCarloPc } from './pcMonteCarlo.ts';
import { encounterPlane, pc2dFoster } from './pc2d.ts';

/** Two-sided 99.9 % normal quantile: the consistency test of pc2d against the Monte Carlo. */
const Z_999 = 3.2905267314919255;

/** Method names as they appear in reports. */
export const METHOD_2D = 'foster-2d';
export const METHOD_MONTE_CARLO = 'monte-carlo-two-body';
export const METHOD_MONTE_CARLO_CW = 'monte-carlo-cw';

/** One object at TCA: inertial state and 6 x 6 covariance (m, s units). */
export interface ObjectAtTca {
  stateM: ArrayLike<number>;
  covInertial: ArrayLike<number>;
}

/** Options of a conjunction assessment. */
export interface ConjunctionOptions {
  hbrM: number;
  /** Monte Carlo trials (0: none). */
  trials: number;
  seed: number;
  /** Monte Carlo window half-width, s about TCA; default: Coppola's bounds. */
  windowHalfS?: number;
  muM3S2?: number;
}

/** The assessment. */
export interface ConjunctionPc {
  /** Miss distance at TCA, m, and relative speed, m/s. */
  missDistanceM: number;
  relativeSpeedMps: number;
  /** Foster's 2D Pc. */
  pc2d: number;
  /** Standard deviations of the combined covariance in the encounter plane, m. */
  sigmaPlaneM: [number, number];
  /** The short-encounter test; `valid2d` false means read pcMonteCarlo instead. */
  encounter: ShortEncounterTest;
  /** Monte Carlo Pc (null when trials = 0). */
  pcMonteCarlo: MonteCarloPc | null;
  /**
   * Whether pc2d lies inside the Monte Carlo's 99.9 % Wilson interval (null without Monte
   * Carlo). False means the 2D assumptions fail here whatever the duration test says (CARA's
   * real conjunctions include 2D values 1e19 times too small with a short duration).
   */
  consistent2d: boolean | null;
  /** The Pc to read: pc2d when valid2d and consistent2d, otherwise the Monte Carlo estimate. */
  pc: number;
  /** The method of `pc`: METHOD_2D, METHOD_MONTE_CARLO or METHOD_MONTE_CARLO_CW. */
  method: string;
}

/**
 * Assesses a conjunction from its relative state and covariance at closest approach; the caller
 * supplies the Monte Carlo (its propagation model) for the window it is given.
 * @param relPosM, relVelMps secondary minus primary, m and m/s (any frame the covariance shares)
 * @param covPosM2 combined relative position covariance, 3 x 3, m^2
 * @param periodMinS the shorter orbital period (the short-encounter test's scale), s
 * @param monteCarlo runs the Monte Carlo over [t0S, t1S] about closest approach, or null for none
 * @param monteCarloMethod its method name (METHOD_MONTE_CARLO or METHOD_MONTE_CARLO_CW)
 */
export function assessRelative(
  relPosM: readonly number[],
  relVelMps: readonly number[],
  covPosM2: ArrayLike<number>,
  hbrM: number,
  periodMinS: number,
  monteCarlo: ((t0S: number, t1S: number) => MonteCarloPc) | null,
  monteCarloMethod: string,
): ConjunctionPc {
  const plane = encounterPlane(relPosM, relVelMps, covPosM2);
  const pc2d = pc2dFoster(plane.missM, plane.covM2, hbrM);
  const [a, b, c] = plane.covM2;
  const rad = Math.hypot(0.5 * (a - c), b);
  const encounter = shortEncounterTest(relPosM, relVelMps, covPosM2, hbrM, periodMinS);
  const pcMonteCarlo = monteCarlo ? monteCarlo(encounter.tau0S, encounter.tau1S) : null;
  let consistent2d: boolean | null = null;
  if (pcMonteCarlo) {
    const wide = wilsonInterval(pcMonteCarlo.hits, pcMonteCarlo.trials, Z_999);
    consistent2d = pc2d >= wide.lo && pc2d <= wide.hi;
  }
  const use2d = pcMonteCarlo === null || (encounter.valid2d && consistent2d === true);
  return {
    missDistanceM: Math.hypot(relPosM[0]!, relPosM[1]!, relPosM[2]!),
    relativeSpeedMps: plane.relativeSpeedMps,
    pc2d,
    sigmaPlaneM: [Math.sqrt(0.5 * (a + c) - rad), Math.sqrt(0.5 * (a + c) + rad)],
    encounter,
    pcMonteCarlo,
    consistent2d,
    pc: use2d ? pc2d : pcMonteCarlo!.p,
    method: use2d ? METHOD_2D : monteCarloMethod,
  };
}

/**
 * Assesses one conjunction between a primary and a secondary object in Earth orbit (two-body
 * Monte Carlo).
 * @throws RangeError when the covariances are unusable or there is no relative motion
 */
export function assessConjunction(
  primary: ObjectAtTca,
  secondary: ObjectAtTca,
  options: ConjunctionOptions,
): ConjunctionPc {
  const mu = options.muM3S2 ?? MU_EARTH_M3_S2;
  const s1 = primary.stateM;
  const s2 = secondary.stateM;
  const r = [s2[0]! - s1[0]!, s2[1]! - s1[1]!, s2[2]! - s1[2]!];
  const v = [s2[3]! - s1[3]!, s2[4]! - s1[4]!, s2[5]! - s1[5]!];
  const covPos = matAdd(block3(primary.covInertial, 0, 0), block3(secondary.covInertial, 0, 0));
  const periodMinS = Math.min(orbitalPeriodS(s1, mu), orbitalPeriodS(s2, mu));
  const half = options.windowHalfS;
  const monteCarlo =
    options.trials > 0
      ? (tau0S: number, tau1S: number) =>
          monteCarloPc({
            state1: s1,
            state2: s2,
            cov1: primary.covInertial,
            cov2: secondary.covInertial,
            hbrM: options.hbrM,
            t0S: half !== undefined ? -half : tau0S,
            t1S: half !== undefined ? half : tau1S,
            trials: options.trials,
            seed: options.seed,
            muM3S2: mu,
          })
      : null;
  return assessRelative(r, v, covPos, options.hbrM, periodMinS, monteCarlo, METHOD_MONTE_CARLO);
}
