/**
 * The inertial trajectories of a run, for the exchange files: the target's orbit and each
 * spacecraft's RIC ephemeris mapped to Earth-centred inertial coordinates.
 *
 * Frames. The engine's inertial frame ("ECI", src/core/lighting.ts) is the true equator and
 * equinox of date frozen at the scenario epoch: a `geo` target sits at right ascension
 * GAST(epoch) + longitude in it, and the Sun is placed in it. A `circular` target starts at
 * longitude 0 the same way; an `elliptical` target has its perigee on the frame's x axis and its
 * orbit in the equator (src/dynamics/twobody.ts). The exchange files are written in **EME2000**
 * (mean equator and equinox of J2000, CCSDS `REF_FRAME = EME2000`, STK `J2000`), the inertial
 * frame every reader accepts: true-of-epoch -> EME2000 is one constant rotation (precession and
 * nutation at the epoch, astronomy-engine's `Rotation_EQD_EQJ` [1], IAU 2000B, ~1 mas), applied
 * to every vector, so the relative geometry is untouched. (A reader that took CCSDS `TOD` as
 * true of date at each epoch, ignoring REF_FRAME_EPOCH, would misplace a GEO state by up to
 * ~40 m over two days of nutation; EME2000 has no such ambiguity.)
 *
 * Spacecraft. A RIC state (rho, rhoDot: rotating-frame rates) maps to inertial as
 *   r = rT + M^T rho,  v = vT + M^T (rhoDot + w x rho)
 * with M the target's ECI -> RIC rotation and w its rotation rate (../shared REFERENCE,
 * "Nonlinear mode"; `TwoBodyDynamics.setRic`), and back with the inverse. In `cw` dynamics the
 * RIC state is the linear model's, mapped the same (Cartesian) way.
 *
 * Maneuvering target. The target's burns (`target.maneuvers`) change its own inertial velocity
 * along its R, I, C at each burn; from the first burn on, its state is propagated by Kepler's
 * equation from its state just after the latest burn (the same two-body motion the run flies), and
 * a spacecraft's RIC state is mapped about this maneuvered target. At a burn instant the state
 * before the burn is taken about the target before it (the sample closing an arc), the state after
 * about the target after it.
 *
 * Time. Sample times are UTC, `epoch + tS`; a leap second inside a run is not modelled.
 *
 * References:
 * [1] D. Cross, Astronomy Engine v2 documentation: Rotation_EQD_EQJ, SiderealTime.
 * [2] Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., sec. 2.2 (Kepler's
 *     equation), sec. 3.7 (precession and nutation).
 */

import { AstroTime, Rotation_EQD_EQJ } from 'astronomy-engine';
import { GEO_RADIUS_M, MU_EARTH_M3_S2 } from '../core/constants.ts';
import { geoTargetGeometry } from '../core/lighting.ts';
import { ricBasis } from '../dynamics/twobody.ts';
import { HermiteSegment } from '../events/hermite.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Ephemeris } from '../sim/ephemeris.ts';
import { targetPlan } from '../scenario/derived.ts';
import type { RunResult } from '../sim/run.ts';
import { targetInitialEci } from './scenarioElements.ts';

/** A burn of the target: time (s since the epoch) and delta-v in its own RIC frame (m/s). */
export interface TargetBurn {
  tS: number;
  dvMps: readonly number[];
}

/** J2000.0 (2000-01-01T12:00:00 UTC) in Unix ms: astronomy-engine's day count origin. */
const J2000_UNIX_MS = Date.UTC(2000, 0, 1, 12, 0, 0);

/** The id the exchange files give the target. */
export const TARGET_ID = 'target';

/**
 * One continuous arc of an object's trajectory: an impulse ends one arc and starts the next at
 * the same time (the state before the burn closes the first, the state after opens the second).
 */
export interface TrajectorySegment {
  /** Sample times, s since the scenario epoch, increasing. */
  tS: Float64Array;
  /** States, 6 per sample: EME2000 position (m) and velocity (m/s). */
  stateM: Float64Array;
}

/** An object's trajectory in EME2000. */
export interface ObjectTrajectory {
  /** `target`, or the spacecraft's id. */
  id: string;
  /** The name people know it by (the spacecraft's `name`, or its id; the target's name). */
  name: string;
  segments: TrajectorySegment[];
}

/** How to sample a trajectory. */
export interface SampleOptions {
  /**
   * Sample every this many seconds (k * stepS from the epoch, plus the run's end and both sides
   * of every impulse), interpolating the RIC ephemeris with the engine's cubic Hermite dense
   * output; undefined: every integration node.
   */
  stepS?: number;
}

/** Target orbit and frame rotation of a run, shared by every sampling call. */
export class InertialFrame {
  /** Scenario epoch, Unix ms UTC. */
  readonly epochMs: number;
  /** Row-major rotation ECI (true of date at the epoch) -> EME2000. */
  readonly todToEme = new Float64Array(9);
  /** Circular targets: right ascension at the epoch (rad), radius (m); NaN for the others. */
  private readonly raAtEpochRad: number = Number.NaN;
  private readonly radiusM: number = Number.NaN;
  private readonly nRadPerS: number = Number.NaN;
  /** Elliptical and element-set targets: the state at the epoch, propagated by Kepler. */
  private readonly state0: Float64Array | null = null;
  private readonly tmp = new Float64Array(6);
  private readonly basis = new Float64Array(9);
  /** The target's burn times (s, increasing) and its ECI state just after each. */
  private readonly burnTS: Float64Array;
  private readonly afterBurn: Float64Array[] = [];

  /**
   * @param targetBurns the target's burns in time order (default: the scenario's
   *   `target.maneuvers`, as the run flies them)
   */
  constructor(
    readonly scenario: Scenario,
    targetBurns: readonly TargetBurn[] = targetPlan(scenario),
  ) {
    this.epochMs = Date.parse(scenario.epoch);
    const rot = Rotation_EQD_EQJ(new AstroTime((this.epochMs - J2000_UNIX_MS) / 86_400_000));
    // astronomy-engine applies rot[i][j] as out_j = sum_i rot[i][j] in_i
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) this.todToEme[j * 3 + i] = rot.rot[i]![j]!;
    const orbit = scenario.target.orbit;
    if (orbit.type === 'elliptical' || orbit.type === 'elements') {
      this.state0 = targetInitialEci(orbit, scenario.epoch);
    } else {
      const geom = geoTargetGeometry(
        this.epochMs,
        orbit.type === 'geo' ? orbit.longitudeDeg : 0,
        orbit.type === 'geo' ? GEO_RADIUS_M : orbit.radiusM,
      );
      this.raAtEpochRad = geom.raAtEpochRad;
      this.radiusM = geom.radiusM;
      this.nRadPerS = Math.sqrt(MU_EARTH_M3_S2 / this.radiusM ** 3);
    }
    this.burnTS = Float64Array.from(targetBurns, (b) => b.tS);
    for (const b of targetBurns) {
      const y = this.targetEci(b.tS, new Float64Array(6));
      ricBasis(y, this.basis);
      const m = this.basis;
      const [dr, di, dc] = b.dvMps;
      for (let i = 0; i < 3; i++)
        y[3 + i] = y[3 + i]! + m[i]! * dr! + m[3 + i]! * di! + m[6 + i]! * dc!;
      this.afterBurn.push(y);
    }
  }

  /** The target's burns (s since the epoch), in time order. */
  get targetBurnTimesS(): Float64Array {
    return this.burnTS;
  }

  /** Index of the latest target burn at or before tS (strictly before with `before`), else -1. */
  private burnIndex(tS: number, before: boolean): number {
    const times = this.burnTS;
    // while the constructor fills afterBurn, only the burns already applied count
    let k = this.afterBurn.length - 1;
    while (k >= 0 && (before ? times[k]! >= tS : times[k]! > tS)) k--;
    return k;
  }

  /**
   * The target's state in the engine's ECI frame (true of date at the epoch), m and m/s.
   * Circular targets in closed form; elliptical and element-set targets by Kepler's equation
   * from their state at the epoch (the engine integrates the same two-body orbit with RK4); after
   * a target burn, by Kepler's equation from its state just after the latest burn.
   * @param tS s since the epoch @param out receives [r, v]
   * @param before at a burn instant, the state before the burn (default: after)
   */
  targetEci(tS: number, out: Float64Array, before = false): Float64Array {
    const k = this.afterBurn.length === 0 ? -1 : this.burnIndex(tS, before);
    if (k >= 0)
      return keplerPropagate(this.afterBurn[k]!, tS - this.burnTS[k]!, MU_EARTH_M3_S2, out);
    if (this.state0 !== null) return keplerPropagate(this.state0, tS, MU_EARTH_M3_S2, out);
    const u = this.raAtEpochRad + this.nRadPerS * tS;
    const c = Math.cos(u);
    const s = Math.sin(u);
    const v = this.radiusM * this.nRadPerS;
    out[0] = this.radiusM * c;
    out[1] = this.radiusM * s;
    out[2] = 0;
    out[3] = -v * s;
    out[4] = v * c;
    out[5] = 0;
    return out;
  }

  /** Rotates the two 3-vectors of an ECI state to EME2000 in place. */
  toEme(state: Float64Array, offset = 0): void {
    const m = this.todToEme;
    for (let k = 0; k < 2; k++) {
      const o = offset + 3 * k;
      const x = state[o]!;
      const y = state[o + 1]!;
      const z = state[o + 2]!;
      state[o] = m[0]! * x + m[1]! * y + m[2]! * z;
      state[o + 1] = m[3]! * x + m[4]! * y + m[5]! * z;
      state[o + 2] = m[6]! * x + m[7]! * y + m[8]! * z;
    }
  }

  /** The target's state in EME2000, m and m/s (`before`: see {@link targetEci}). */
  targetEme(tS: number, out: Float64Array, offset = 0, before = false): void {
    this.targetEci(tS, this.tmp, before);
    for (let i = 0; i < 6; i++) out[offset + i] = this.tmp[i]!;
    this.toEme(out, offset);
  }

  /**
   * A spacecraft's EME2000 state from its RIC state relative to the target.
   * @param tS s since the epoch @param ric [rho (m), rhoDot (m/s, rotating frame)]
   * @param out receives [r (m), v (m/s)], EME2000, at `offset`
   * @param before at a target burn instant, `ric` is relative to the target before the burn
   */
  ricToEme(
    tS: number,
    ric: ArrayLike<number>,
    out: Float64Array,
    offset = 0,
    ricOffset = 0,
    before = false,
  ): void {
    this.ricToEci(tS, ric, out, offset, ricOffset, before);
    this.toEme(out, offset);
  }

  /** As {@link ricToEme}, in the engine's ECI frame (true of date at the epoch). */
  ricToEci(
    tS: number,
    ric: ArrayLike<number>,
    out: Float64Array,
    offset = 0,
    ricOffset = 0,
    before = false,
  ): void {
    const t = this.tmp;
    this.targetEci(tS, t, before);
    ricToInertial(t, ric, ricOffset, this.basis, out, offset);
  }
}

/**
 * Two-body state after `dtS` from an elliptic state, by Kepler's equation in the eccentric
 * anomaly difference and the f and g functions [2, sec. 2.3; Battin, sec. 4.5].
 * @param state0 [r (m), v (m/s)] inertial @param muM3S2 gravitational parameter, m^3/s^2
 * @param out receives [r, v] after dtS
 */
export function keplerPropagate(
  state0: ArrayLike<number>,
  dtS: number,
  muM3S2: number,
  out: Float64Array,
): Float64Array {
  const rx = state0[0]!;
  const ry = state0[1]!;
  const rz = state0[2]!;
  const vx = state0[3]!;
  const vy = state0[4]!;
  const vz = state0[5]!;
  const r0 = Math.hypot(rx, ry, rz);
  const a = 1 / (2 / r0 - (vx * vx + vy * vy + vz * vz) / muM3S2);
  const sqrtMu = Math.sqrt(muM3S2);
  const sqrtA = Math.sqrt(a);
  const sigma0 = (rx * vx + ry * vy + rz * vz) / sqrtMu;
  const n = sqrtMu / (a * sqrtA);
  const m = n * dtS;
  // Kepler's equation for dE: m = dE - (1 - r0/a) sin dE + sigma0 / sqrt(a) (1 - cos dE)
  const k1 = 1 - r0 / a;
  const k2 = sigma0 / sqrtA;
  let dE = m;
  for (let i = 0; i < 50; i++) {
    const sE = Math.sin(dE);
    const cE = Math.cos(dE);
    const d = (dE - k1 * sE + k2 * (1 - cE) - m) / (1 - k1 * cE + k2 * sE);
    dE -= d;
    if (Math.abs(d) < 1e-14) break;
  }
  const sE = Math.sin(dE);
  const cE = Math.cos(dE);
  const r = a + (r0 - a) * cE + sigma0 * sqrtA * sE;
  const f = 1 - (a / r0) * (1 - cE);
  const g = ((a * sigma0) / sqrtMu) * (1 - cE) + r0 * Math.sqrt(a / muM3S2) * sE;
  const fDot = (-Math.sqrt(muM3S2 * a) / (r * r0)) * sE;
  const gDot = 1 - (a / r) * (1 - cE);
  out[0] = f * rx + g * vx;
  out[1] = f * ry + g * vy;
  out[2] = f * rz + g * vz;
  out[3] = fDot * rx + gDot * vx;
  out[4] = fDot * ry + gDot * vy;
  out[5] = fDot * rz + gDot * vz;
  return out;
}

/**
 * Inertial state of a point given in the RIC frame of a reference orbit (the Cartesian mapping).
 * @param ref reference state [r, v] (m, m/s), inertial
 * @param ric [rho (m), rhoDot (m/s, rotating frame)] at `ricOffset`
 * @param basis scratch, 9 numbers
 * @param out receives [r, v] (m, m/s), inertial, at `offset`
 */
export function ricToInertial(
  ref: ArrayLike<number>,
  ric: ArrayLike<number>,
  ricOffset: number,
  basis: Float64Array,
  out: Float64Array,
  offset = 0,
): void {
  const w = ricBasis(ref, basis);
  const x = ric[ricOffset]!;
  const y = ric[ricOffset + 1]!;
  const z = ric[ricOffset + 2]!;
  const ax = ric[ricOffset + 3]! - w * y;
  const ay = ric[ricOffset + 4]! + w * x;
  const az = ric[ricOffset + 5]!;
  for (let i = 0; i < 3; i++) {
    out[offset + i] = ref[i]! + basis[i]! * x + basis[3 + i]! * y + basis[6 + i]! * z;
    out[offset + 3 + i] = ref[3 + i]! + basis[i]! * ax + basis[3 + i]! * ay + basis[6 + i]! * az;
  }
}

/**
 * RIC state of a point relative to a reference orbit, from both inertial states (the inverse of
 * {@link ricToInertial}).
 * @param ref reference state [r, v] (m, m/s) @param state the point's [r, v] (m, m/s)
 * @param basis scratch, 9 numbers @param out receives [rho (m), rhoDot (m/s, rotating frame)]
 */
export function inertialToRic(
  ref: ArrayLike<number>,
  state: ArrayLike<number>,
  basis: Float64Array,
  out: Float64Array,
): Float64Array {
  const w = ricBasis(ref, basis);
  const dr0 = state[0]! - ref[0]!;
  const dr1 = state[1]! - ref[1]!;
  const dr2 = state[2]! - ref[2]!;
  const dv0 = state[3]! - ref[3]!;
  const dv1 = state[4]! - ref[4]!;
  const dv2 = state[5]! - ref[5]!;
  const m = basis;
  const x = m[0]! * dr0 + m[1]! * dr1 + m[2]! * dr2;
  const y = m[3]! * dr0 + m[4]! * dr1 + m[5]! * dr2;
  const z = m[6]! * dr0 + m[7]! * dr1 + m[8]! * dr2;
  out[0] = x;
  out[1] = y;
  out[2] = z;
  out[3] = m[0]! * dv0 + m[1]! * dv1 + m[2]! * dv2 + w * y;
  out[4] = m[3]! * dv0 + m[4]! * dv1 + m[5]! * dv2 - w * x;
  out[5] = m[6]! * dv0 + m[7]! * dv1 + m[8]! * dv2;
  return out;
}

/** Index ranges [start, end) of an ephemeris's continuous arcs (split where two samples share a time). */
export function ephemerisArcs(e: Ephemeris): Array<[number, number]> {
  const arcs: Array<[number, number]> = [];
  let start = 0;
  for (let k = 1; k < e.count; k++) {
    if (e.tS[k] === e.tS[k - 1]) {
      arcs.push([start, k]);
      start = k;
    }
  }
  arcs.push([start, e.count]);
  // Two impulses at one instant leave a one-sample arc between them: it is neither arc's data.
  return arcs.filter(
    ([a, b], i) => !(b - a === 1 && i + 1 < arcs.length && e.tS[a] === e.tS[arcs[i + 1]![0]]),
  );
}

/** Sample times of an arc [t0S, t1S]: every node, or the grid k * stepS inside it and both ends. */
function arcTimes(e: Ephemeris, a: number, b: number, stepS: number | undefined): Float64Array {
  if (stepS === undefined) return e.tS.slice(a, b);
  const t0 = e.tS[a]!;
  const t1 = e.tS[b - 1]!;
  const times: number[] = [t0];
  for (let k = Math.floor(t0 / stepS) + 1; k * stepS < t1; k++)
    if (k * stepS > t0) times.push(k * stepS);
  if (t1 > t0) times.push(t1);
  return Float64Array.from(times);
}

/** The RIC state of an arc at time tS (a node's own state at its time, else Hermite). */
function arcStateAt(
  e: Ephemeris,
  b: number,
  tS: number,
  seg: HermiteSegment,
  cursor: { k: number },
  out: Float64Array,
): void {
  const times = e.tS;
  while (cursor.k < b - 1 && times[cursor.k + 1]! <= tS) cursor.k++;
  const k = cursor.k;
  if (times[k] === tS || k === b - 1) {
    for (let i = 0; i < 6; i++) out[i] = e.stateRic[k * 6 + i]!;
    return;
  }
  const t0 = times[k]!;
  const t1 = times[k + 1]!;
  seg.setAt(t0, e.stateRic, k * 6, t1, e.stateRic, (k + 1) * 6);
  seg.evalState((tS - t0) / (t1 - t0), out);
}

/**
 * A spacecraft's RIC trajectory as arcs (times and RIC states), every node or resampled.
 * @returns per arc: times (s) and RIC states (m, m/s, rotating-frame rates), 6 per sample
 */
export function ricArcs(e: Ephemeris, options: SampleOptions = {}): TrajectorySegment[] {
  const seg = new HermiteSegment();
  const ric = new Float64Array(6);
  return ephemerisArcs(e).map(([a, b]) => {
    const tS = arcTimes(e, a, b, options.stepS);
    const stateM = new Float64Array(tS.length * 6);
    if (options.stepS === undefined) {
      stateM.set(e.stateRic.subarray(a * 6, b * 6));
      return { tS, stateM };
    }
    const cursor = { k: a };
    for (let j = 0; j < tS.length; j++) {
      arcStateAt(e, b, tS[j]!, seg, cursor, ric);
      stateM.set(ric, j * 6);
    }
    return { tS, stateM };
  });
}

/**
 * The target's arcs' sample times: the grid k * stepS (the run's step by default), the end, and
 * both sides of each target burn (an arc ends and the next starts at the burn).
 */
function targetArcTimes(s: Scenario, stepS: number, burnTS: Float64Array): Float64Array[] {
  const ends = [0, ...burnTS.filter((t) => t > 0 && t < s.durationS), s.durationS];
  const arcs: Float64Array[] = [];
  for (let a = 0; a + 1 < ends.length; a++) {
    const t0 = ends[a]!;
    const t1 = ends[a + 1]!;
    if (t1 === t0) continue;
    const times = [t0];
    for (let k = Math.floor(t0 / stepS) + 1; k * stepS < t1 - 1e-9 * stepS; k++)
      if (k * stepS > t0) times.push(k * stepS);
    times.push(t1);
    arcs.push(Float64Array.from(times));
  }
  return arcs;
}

/**
 * Every object of a run in EME2000: the target first, then the spacecraft in scenario order.
 * Needs the run's ephemeris (`recordEphemeris: true`).
 */
export function inertialTrajectories(
  run: RunResult,
  options: SampleOptions = {},
): ObjectTrajectory[] {
  const s = run.scenario;
  const frame = new InertialFrame(s);
  const targetSegments = targetArcTimes(s, options.stepS ?? s.stepS, frame.targetBurnTimesS).map(
    (tS, a, arcs) => {
      const stateM = new Float64Array(tS.length * 6);
      const last = tS.length - 1;
      for (let k = 0; k < tS.length; k++)
        frame.targetEme(tS[k]!, stateM, k * 6, k === last && a + 1 < arcs.length);
      return { tS, stateM };
    },
  );
  const out: ObjectTrajectory[] = [
    { id: TARGET_ID, name: s.target.name, segments: targetSegments },
  ];
  s.spacecraft.forEach((spec, i) => {
    const e = run.spacecraft[i]!.ephemeris;
    if (!e) throw new Error('inertialTrajectories needs a run with its ephemeris');
    const segments = ricArcs(e, options).map(({ tS, stateM }, a, arcs) => {
      const eme = new Float64Array(stateM.length);
      const last = tS.length - 1;
      // an arc's closing sample is the state before whatever impulse opens the next
      for (let k = 0; k < tS.length; k++)
        frame.ricToEme(tS[k]!, stateM, eme, k * 6, k * 6, k === last && a + 1 < arcs.length);
      return { tS, stateM: eme };
    });
    out.push({ id: spec.id, name: spec.name ?? spec.id, segments });
  });
  return out;
}

/**
 * A spacecraft's RIC state at `tS`, before any impulse at exactly that time (the first sample at
 * `tS`, else cubic Hermite between the bracketing nodes), into `out`.
 */
export function ricBefore(e: Ephemeris, tS: number, out: Float64Array): Float64Array {
  const times = e.tS;
  let lo = 0;
  let hi = e.count - 1;
  if (tS <= times[0]!) hi = 0;
  // first sample with time >= tS
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! < tS) lo = mid + 1;
    else hi = mid;
  }
  const k = hi;
  if (times[k] === tS || k === 0 || times[k]! < tS) {
    for (let i = 0; i < 6; i++) out[i] = e.stateRic[k * 6 + i]!;
    return out;
  }
  const seg = new HermiteSegment();
  seg.setAt(times[k - 1]!, e.stateRic, (k - 1) * 6, times[k]!, e.stateRic, k * 6);
  seg.evalState((tS - times[k - 1]!) / (times[k]! - times[k - 1]!), out);
  return out;
}
