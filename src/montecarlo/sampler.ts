/**
 * The dispersion model of a Monte Carlo trial: a seeded `RunPerturbation` drawn from a scenario's
 * `dispersions` (all 1-sigma, RIC, independent, zero-mean).
 *
 * - Initial state (navigation error): each RIC position and velocity component gets
 *   N(0, sigma_axis) added (velocities are rotating-frame rates, as in the scenario).
 * - Timing: a timed (`tS` or `after`) maneuver starts N(0, timingS) late (the run never starts it
 *   before the previous maneuver ends, nor before t = 0). Triggered (`when`) maneuvers fire on
 *   their condition and get no timing error.
 * - Missed burn: each commanded burn (an impulse, each of a transfer's two, a football entry, a
 *   finite burn) is skipped with probability `missedBurnProbability`, independently.
 * - Magnitude: the commanded vector (delta-v, or a finite burn's thrust) is multiplied by
 *   1 + N(0, burnMagnitudePct / 100). A factor <= 0 (only when the 1-sigma error is tens of per
 *   cent) cannot be flown as a reversed burn: the burn is then not executed.
 * - Pointing: the vector is rotated by theta ~ N(0, pointingDeg) about an axis perpendicular to it
 *   whose direction in that plane is uniform (azimuth phi ~ U[0, 2 pi)). The off-pointing angle is
 *   |theta| (half-normal: RMS pointingDeg, mean pointingDeg sqrt(2/pi)), toward a uniformly random
 *   direction, and the magnitude is kept. This is a single-angle cone error whose RMS is the
 *   given sigma; it is not a two-axis Gaussian with that sigma per axis (that would give a
 *   Rayleigh angle with RMS sqrt(2) sigma).
 *
 * Every draw site has its own random stream keyed by (seed, trial, spacecraft, site, ordinal)
 * (random.ts), and each stream has a fixed layout whatever the sigmas, so changing one sigma
 * leaves every other error of every trial unchanged (common random numbers), and a trial does not
 * depend on which other trials ran or where. Streams:
 * - initial state, ordinal 0: Box-Muller pairs (dR, dI), (dC, dvR), (dvI, dvC);
 * - timing, ordinal = maneuver index: one pair, the first deviate used;
 * - burn, ordinal = burn ordinal of the spacecraft: u_miss, then the pair (z_magnitude, z_theta),
 *   then u_phi.
 * A sigma of zero leaves its value untouched (no arithmetic), so a trial without dispersions is
 * the nominal run to the bit.
 *
 * References:
 * [1] Fehse, Automated Rendezvous and Docking of Spacecraft, sec. 4.3 and 6 (trajectory
 *     dispersions from navigation, thrust magnitude, direction and timing errors).
 * [2] Duff, Burgess, Christensen, Hery, Kensler, Liani and Villemin, "Building an orthonormal
 *     basis, revisited", JCGT 6(1), 2017 (the perpendicular basis).
 * [3] Rodrigues' rotation formula (for an axis k perpendicular to v: v cos theta + (k x v) sin
 *     theta).
 */

import { DEG_TO_RAD } from '../core/constants.ts';
import type { DispersionsSpec } from '../scenario/schema.ts';
import type { RunPerturbation } from '../sim/run.ts';
import { normalPair, streamFor, uniform } from './random.ts';

// Draw sites of a trial: part of the stream key, so renumbering them changes every result.
/** Site of the initial-state errors (ordinal 0). */
export const SITE_INITIAL = 0;
/** Site of a timed maneuver's start error (ordinal: maneuver index). */
export const SITE_TIMING = 1;
/** Site of a commanded burn's errors (ordinal: burn ordinal of the spacecraft). */
export const SITE_BURN = 2;

/** One commanded burn as the sampler saw it (recorded for the worst-trial scenario). */
export interface BurnDraw {
  /** Burn ordinal of its spacecraft. */
  ordinal: number;
  /** Whether the burn is flown (false: missed, or a magnitude factor <= 0). */
  executed: boolean;
  /** The commanded vector before dispersion: delta-v, RIC, m/s, or finite-burn thrust, RIC, N. */
  nominalRic: [number, number, number];
  /** The vector after dispersion (what was flown when `executed`). */
  vectorRic: [number, number, number];
}

/** What a recording sampler saw of one spacecraft. */
export interface CraftDraws {
  /** Initial RIC state after dispersion [x, y, z, xd, yd, zd], m and m/s. */
  initialRic: Float64Array | null;
  /** Burns in ordinal order. */
  burns: BurnDraw[];
}

/** The 1-sigma errors of a dispersions spec, with the defaults (0) filled in, SI units. */
export interface DispersionSigmas {
  /** Relative magnitude error (fraction, not per cent). */
  magnitude: number;
  /** Pointing error, rad. */
  pointingRad: number;
  timingS: number;
  positionM: readonly [number, number, number];
  velocityMps: readonly [number, number, number];
  missedBurnProbability: number;
}

/** The sigmas of a spec (a missing spec or key means no error). */
export function dispersionSigmas(spec: DispersionsSpec | undefined): DispersionSigmas {
  return {
    magnitude: (spec?.burnMagnitudePct ?? 0) / 100,
    pointingRad: (spec?.pointingDeg ?? 0) * DEG_TO_RAD,
    timingS: spec?.timingS ?? 0,
    positionM: spec?.positionM ?? [0, 0, 0],
    velocityMps: spec?.velocityMps ?? [0, 0, 0],
    missedBurnProbability: spec?.missedBurnProbability ?? 0,
  };
}

/** Whether a spec disperses nothing (every trial is then the nominal run). */
export function isZeroDispersion(spec: DispersionsSpec | undefined): boolean {
  const s = dispersionSigmas(spec);
  return (
    s.magnitude === 0 &&
    s.pointingRad === 0 &&
    s.timingS === 0 &&
    s.missedBurnProbability === 0 &&
    s.positionM.every((v) => v === 0) &&
    s.velocityMps.every((v) => v === 0)
  );
}

/**
 * Rotates `v` in place by `thetaRad` about the unit axis perpendicular to it at azimuth `phiRad`
 * in the basis of [2]; a zero vector is left as it is.
 * @param v vector, any frame (RIC here); its norm is kept
 */
export function rotatePerpendicular(
  v: [number, number, number],
  thetaRad: number,
  phiRad: number,
): void {
  const m = Math.hypot(v[0], v[1], v[2]);
  if (m === 0) return;
  const ux = v[0] / m;
  const uy = v[1] / m;
  const uz = v[2] / m;
  // [2], listing 3: e1, e2 with (e1, e2, u) right-handed and orthonormal, no branch near uz = 0
  const sign = uz >= 0 ? 1 : -1;
  const a = -1 / (sign + uz);
  const b = ux * uy * a;
  const e1x = 1 + sign * ux * ux * a;
  const e1y = sign * b;
  const e1z = -sign * ux;
  const e2x = b;
  const e2y = sign + uy * uy * a;
  const e2z = -uy;
  const c = Math.cos(phiRad);
  const s = Math.sin(phiRad);
  const kx = c * e1x + s * e2x;
  const ky = c * e1y + s * e2y;
  const kz = c * e1z + s * e2z;
  // k is perpendicular to u, so Rodrigues' formula [3] loses its k (k . v) term; k x u is the
  // unit direction toward which the vector tips.
  const ct = Math.cos(thetaRad);
  const st = Math.sin(thetaRad);
  v[0] = m * (ux * ct + (ky * uz - kz * uy) * st);
  v[1] = m * (uy * ct + (kz * ux - kx * uz) * st);
  v[2] = m * (uz * ct + (kx * uy - ky * ux) * st);
}

/**
 * A seeded perturbation for one trial. Stateless between calls: each call opens its own stream,
 * so the answer to a call depends only on (seed, trial, its arguments).
 */
export class DispersionSampler implements RunPerturbation {
  private readonly sig: DispersionSigmas;
  private readonly pair = new Float64Array(2);
  /** Per spacecraft, what was drawn (only when recording). */
  readonly draws: CraftDraws[] | null;

  /**
   * @param spec the scenario's dispersions (undefined: none)
   * @param seed integer in [0, MAX_SEED]
   * @param trialIndex non-negative integer
   * @param record keep every draw (for the worst-trial scenario)
   */
  constructor(
    spec: DispersionsSpec | undefined,
    readonly seed: number,
    readonly trialIndex: number,
    record = false,
  ) {
    this.sig = dispersionSigmas(spec);
    this.draws = record ? [] : null;
  }

  private craftDraws(craftIndex: number): CraftDraws | null {
    const d = this.draws;
    if (!d) return null;
    while (d.length <= craftIndex) d.push({ initialRic: null, burns: [] });
    return d[craftIndex]!;
  }

  private stream(craftIndex: number, site: number, ordinal: number) {
    return streamFor([this.seed, this.trialIndex, craftIndex, site, ordinal]);
  }

  initialState(craftIndex: number, ric: Float64Array): void {
    const rng = this.stream(craftIndex, SITE_INITIAL, 0);
    const p = this.sig.positionM;
    const v = this.sig.velocityMps;
    const sigmas = [p[0], p[1], p[2], v[0], v[1], v[2]];
    for (let k = 0; k < 6; k += 2) {
      normalPair(rng, this.pair);
      // a zero sigma adds nothing, not even -0, so the nominal state is kept to the bit
      if (sigmas[k]! > 0) ric[k] = ric[k]! + sigmas[k]! * this.pair[0]!;
      if (sigmas[k + 1]! > 0) ric[k + 1] = ric[k + 1]! + sigmas[k + 1]! * this.pair[1]!;
    }
    const d = this.craftDraws(craftIndex);
    if (d) d.initialRic = Float64Array.from(ric);
  }

  startDelayS(craftIndex: number, maneuverIndex: number): number {
    const sigma = this.sig.timingS;
    if (!(sigma > 0)) return 0;
    return sigma * normalPair(this.stream(craftIndex, SITE_TIMING, maneuverIndex), this.pair)[0]!;
  }

  burn(craftIndex: number, burnOrdinal: number, vector: [number, number, number]): boolean {
    const sig = this.sig;
    const d = this.craftDraws(craftIndex);
    const nominalRic: [number, number, number] | null = d
      ? [vector[0], vector[1], vector[2]]
      : null;
    const rng = this.stream(craftIndex, SITE_BURN, burnOrdinal);
    const uMiss = uniform(rng);
    normalPair(rng, this.pair);
    const uPhi = uniform(rng);
    let executed = !(uMiss < sig.missedBurnProbability);
    if (executed && sig.magnitude > 0) {
      const factor = 1 + sig.magnitude * this.pair[0]!;
      if (factor > 0) {
        vector[0] *= factor;
        vector[1] *= factor;
        vector[2] *= factor;
      } else {
        executed = false;
      }
    }
    if (executed && sig.pointingRad > 0) {
      rotatePerpendicular(vector, sig.pointingRad * this.pair[1]!, 2 * Math.PI * uPhi);
    }
    if (d && nominalRic) {
      d.burns.push({
        ordinal: burnOrdinal,
        executed,
        nominalRic,
        vectorRic: [vector[0], vector[1], vector[2]],
      });
    }
    return executed;
  }
}
