/**
 * The collision probability of one conjunction from both objects' states and covariances at TCA:
 * the 2D Pc (Foster) with its short-encounter test, the long-encounter 3D Pc (Hall's 3D-Nc,
 * pc3dHall.ts, with CARA's usage test; in a CW scenario the CW-carried Gaussian of pc3d.ts) and
 * the Monte Carlo Pc, both of which hold for long encounters too. Shared by `rpo-sim pc` (from a
 * CDM) and the scenario report.
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
import { pc3dHall, type Pc3dHall } from './pc3dHall.ts';

/** Two-sided 99.9 % normal quantile: the consistency test of pc2d against the Monte Carlo. */
const Z_999 = 3.2905267314919255;

/**
 * Largest relative difference |pc2d - pc3d| / max(pc2d, pc3d) at which a 2D Pc agrees with a
 * valid 3D Pc. On CARA's 53 real conjunctions the 24 without a 2D usage violation differ by at
 * most 0.0194 and the 29 with one by at least 0.348 (test/collision/pc3dHall.test.ts).
 */
export const PC2D_3D_AGREEMENT = 0.1;

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
  /**
   * The 3D Pc we stand behind (null when it could not be computed): from a CDM Hall's 3D-Nc
   * (method `hall-3d-nc`), in a CW scenario the CW-carried Gaussian (`coppola-3d`).
   */
  pc3d: Pc3d | Pc3dHall | null;
  /**
   * CARA's 3D-Nc usage test of pc3d (pc3dHall.ts): false when the peak-overlap iteration failed
   * where the rate matters, or the conjunction fills more than half of the encounter segment or
   * reaches near its end; null when not assessed (the CW scenario's 3D Pc, exact in that model).
   */
  valid3d: boolean | null;
  /** Coppola's Cartesian 3D Pc (pc3d.ts) from a CDM, for comparison; null in a scenario. */
  pc3dCoppola: Pc3d | null;
  /**
   * Whether pc2d agrees with a valid pc3d within PC2D_3D_AGREEMENT (null without a valid 3D
   * Pc). False means the 2D assumptions fail here whatever the duration test says.
   */
  agree2d3d: boolean | null;
  /** Monte Carlo Pc (null when trials = 0). */
  pcMonteCarlo: MonteCarloPc | null;
  /**
   * Whether pc2d lies inside the Monte Carlo's 99.9 % Wilson interval (null without Monte
   * Carlo). False means the 2D assumptions fail here whatever the duration test says (CARA's
   * real conjunctions include 2D values 1e19 times too small with a short duration).
   */
  consistent2d: boolean | null;
  /**
   * The Pc to read: pc2d when valid2d and contradicted neither by the Monte Carlo (consistent2d
   * not false) nor by a valid 3D Pc (agree2d3d not false); otherwise the Monte Carlo estimate
   * (brute force); without one the 3D Pc (valid3d says whether it holds); otherwise pc2d, which
   * valid2d then flags as not valid.
   */
  pc: number;
  /**
   * The method of `pc`: METHOD_2D, METHOD_3D (coppola-3d), METHOD_3D_HALL (hall-3d-nc),
   * METHOD_MONTE_CARLO or METHOD_MONTE_CARLO_CW.
   */
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
  threeD: ((tau0S: number, tau1S: number) => Pc3d | Pc3dHall) | null,
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
  const valid3d = threeDPc && 'valid3d' in threeDPc ? threeDPc.valid3d : null;
  const agree2d3d =
    threeDPc && valid3d
      ? Math.abs(pc2d - threeDPc.pc) <= PC2D_3D_AGREEMENT * Math.max(pc2d, threeDPc.pc)
      : null;
  const use2d = encounter.valid2d && consistent2d !== false && agree2d3d !== false;
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
    valid3d,
    pc3dCoppola: null,
    agree2d3d,
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
  // the whole encounter segment when the short-encounter test fails, as CARA's PcMultiStep
  const fullSegment = !shortEncounterTest(r, v, covPos, options.hbrM, periodMinS).valid2d;
  const threeD = () =>
    pc3dHall(primary, secondary, { hbrM: options.hbrM, muM3S2: mu, fullSegment });
  const a = assessRelative(
    r,
    v,
    covPos,
    options.hbrM,
    periodMinS,
    threeD,
    monteCarlo,
    METHOD_MONTE_CARLO,
  );
  try {
    a.pc3dCoppola = pc3d(primary, secondary, { hbrM: options.hbrM, muM3S2: mu });
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
  }
  return a;
}
