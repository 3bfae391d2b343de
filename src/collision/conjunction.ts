/**
 * The collision probability of one conjunction from both objects' states and covariances at TCA:
 * the 2D Pc (Foster) with its short-encounter test, the long-encounter 3D Pc (pc3d.ts) and the
 * Monte Carlo Pc, both of which hold for long encounters too. Shared by `rpo-sim pc` (from a CDM)
 * and the scenario report.
 */

import { MU_EARTH_M3_S2 } from '../core/constants.ts';
import {
  shortEncounterTest,
  orbitalPeriodS,
  relativeAtTca,
  type ShortEncounterTest,
} from './encounter.ts';
import { wilsonInterval } from '../montecarlo/stats.ts';
import { monteCarloPc, type HitTest, type MonteCarloPc, type Sampling } from './pcMonteCarlo.ts';
import { encounterPlane, pc2dFoster } from './pc2d.ts';
import { pc3d, type Pc3d } from './pc3d.ts';

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
  /** Monte Carlo sampling space (default equinoctial, as CARA). */
  sampling?: Sampling;
  /** What the Monte Carlo counts as a hit (default first contact in the window, as CARA). */
  hitTest?: HitTest;
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
  /** The long-encounter 3D Pc (null when it could not be computed). */
  pc3d: Pc3d | null;
  /** Monte Carlo Pc (null when trials = 0). */
  pcMonteCarlo: MonteCarloPc | null;
  /**
   * Whether pc2d lies inside the Monte Carlo's 99.9 % Wilson interval (null without Monte
   * Carlo). False means the 2D assumptions fail here whatever the duration test says (CARA's
   * real conjunctions include 2D values 1e19 times too small with a short duration).
   */
  consistent2d: boolean | null;
  /**
   * The Pc to read: pc2d when valid2d and not contradicted by the Monte Carlo (consistent2d not
   * false); otherwise the Monte Carlo estimate (brute force, the truth the others are checked
   * against); without one the 3D Pc; otherwise pc2d, which valid2d then flags as not valid.
   */
  pc: number;
  /** The method of `pc`: METHOD_2D, METHOD_3D, METHOD_MONTE_CARLO or METHOD_MONTE_CARLO_CW. */
  method: string;
}

/**
 * Assesses a conjunction from its relative state and covariance at closest approach; the caller
 * supplies the Monte Carlo (its propagation model) for the window it is given.
 * @param relPosM, relVelMps secondary minus primary, m and m/s (any frame the covariance shares)
 * @param covPosM2 combined relative position covariance, 3 x 3, m^2
 * @param periodMinS the shorter orbital period (the short-encounter test's scale), s
 * @param threeD computes the 3D Pc given Coppola's bounds (s about closest approach), or null
 * @param monteCarlo runs the Monte Carlo over [t0S, t1S] about closest approach, or null for none
 * @param monteCarloMethod its method name (METHOD_MONTE_CARLO or METHOD_MONTE_CARLO_CW)
 */
export function assessRelative(
  relPosM: readonly number[],
  relVelMps: readonly number[],
  covPosM2: ArrayLike<number>,
  hbrM: number,
  periodMinS: number,
  threeD: ((tau0S: number, tau1S: number) => Pc3d) | null,
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
  const threeDPc = threeD ? threeD(encounter.tau0S, encounter.tau1S) : null;
  const use2d = encounter.valid2d && consistent2d !== false;
  let pc = pc2d;
  let method = METHOD_2D;
  if (!use2d && pcMonteCarlo) {
    pc = pcMonteCarlo.p;
    method = monteCarloMethod;
  } else if (!use2d && threeDPc) {
    pc = threeDPc.pc;
    method = threeDPc.method;
  }
  return {
    missDistanceM: Math.hypot(relPosM[0]!, relPosM[1]!, relPosM[2]!),
    relativeSpeedMps: plane.relativeSpeedMps,
    pc2d,
    sigmaPlaneM: [Math.sqrt(0.5 * (a + c) - rad), Math.sqrt(0.5 * (a + c) + rad)],
    encounter,
    pc3d: threeDPc,
    pcMonteCarlo,
    consistent2d,
    pc,
    method,
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
  const { r, v, covPos } = relativeAtTca(primary, secondary);
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
            sampling: options.sampling,
            hitTest: options.hitTest,
          })
      : null;
  const threeD = () => pc3d(primary, secondary, { hbrM: options.hbrM, muM3S2: mu });
  return assessRelative(
    r,
    v,
    covPos,
    options.hbrM,
    periodMinS,
    threeD,
    monteCarlo,
    METHOD_MONTE_CARLO,
  );
}
