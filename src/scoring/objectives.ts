/**
 * Inspection objectives, scored while the run streams its states:
 * - observe: the target seen from inside a range band with the sun phase angle (sun-target-
 *   inspector) below a limit and the target lit, for a required time;
 * - coverage: each listed face of the target (+R, -R, +I, -I, +C, -C, with the target's body axes
 *   aligned with RIC) seen lit from inside the band: the inspector within 60 deg of the face
 *   normal, the sun on the face's side, the target out of the Earth's umbra.
 * The sun direction is the target's (Earth->Sun minus the target's position).
 *
 * Conditions are sampled every OBJECTIVE_SAMPLE_S of sim time (never finer than the step). Where
 * a condition changes between two samples, the instant it changes is located (bisection on the
 * cubic Hermite interpolant of every spacecraft's state, to TRANSITION_TOLERANCE_S), so each
 * time counts from that instant, not from a sample. An excursion that starts and ends between
 * two samples (under OBJECTIVE_SAMPLE_S) is not seen.
 *
 * The smallest phase angle seen from inside an observe band is located between samples the same
 * way: where the rate of the phase angle's cosine turns from rising to falling between two
 * samples (computed from each sample's position and velocity and the sun's apparent rotation in
 * RIC), the maximum of the cosine is found by bisection on that rate along the interpolant; where
 * the spacecraft enters or leaves the band between two samples, the crossing is located and the
 * angle there counts too.
 *
 * References:
 * [1] Fehse, Automated Rendezvous and Docking of Spacecraft, sec. 5.4 (illumination conditions
 *     for visual inspection).
 */

import { DEG_TO_RAD } from '../core/constants.ts';
import type { SunTable } from '../core/lighting.ts';
import { sunPhaseAngleDeg } from '../core/lighting.ts';
import { HermiteSegment } from '../events/hermite.ts';
import { isNonCooperative } from '../scenario/derived.ts';
import type { FaceName, ObjectiveSpec, Scenario } from '../scenario/schema.ts';
import type { RunObserver } from '../sim/run.ts';

/** Sim time between objective samples, s. */
export const OBJECTIVE_SAMPLE_S = 10;
/** How precisely the instant a condition changes between samples is located, s. */
export const TRANSITION_TOLERANCE_S = 1e-3;
/** Largest angle between the inspector's line of sight and a face normal for the face to count. */
export const FACE_VIEW_HALF_ANGLE_DEG = 60;
/** Default time each face must be seen for coverage, s. */
export const DEFAULT_FACE_TIME_S = 60;

/** How an objective went. */
export interface ObjectiveResult {
  index: number;
  type: ObjectiveSpec['type'];
  label?: string;
  met: boolean;
  /** observe: time the conditions held, s. */
  achievedS?: number;
  requiredS?: number;
  /** coverage: time each face was seen lit, s. */
  faceTimesS?: Partial<Record<FaceName, number>>;
  facesCovered?: FaceName[];
  facesMissing?: FaceName[];
}

const FACE_ORDER: readonly FaceName[] = ['+R', '-R', '+I', '-I', '+C', '-C'];

/** Whether a RIC position (m) is inside a range band [inner, outer], m. */
function inBand(r: ArrayLike<number>, band: readonly number[]): boolean {
  const range = Math.sqrt(r[0]! * r[0]! + r[1]! * r[1]! + r[2]! * r[2]!);
  return range >= band[0]! && range <= band[1]!;
}

/**
 * Rate of change of the cosine of the sun phase angle, 1/s: d/dt (u . p / |p|) for the
 * target->Sun unit vector u and the spacecraft's RIC state p (m, m/s). In the RIC frame,
 * which turns at n about C, the Sun's direction turns at -n about C (du/dt = n (u_I, -u_R, 0));
 * its own motion, ~2e-7 rad/s, is left out. The phase angle falls while this is positive.
 *
 * @param u - unit vector target->Sun, RIC
 * @param p - RIC state [x, y, z, xd, yd, zd], m and m/s
 * @param nRadPerS - rotation rate of the RIC frame, rad/s
 */
function phaseCosineRate(u: ArrayLike<number>, p: ArrayLike<number>, nRadPerS: number): number {
  const x = p[0]!;
  const y = p[1]!;
  const z = p[2]!;
  const r = Math.sqrt(x * x + y * y + z * z);
  if (!(r > 0)) return 0;
  const ux = u[0]!;
  const uy = u[1]!;
  const uz = u[2]!;
  const cosPhase = (ux * x + uy * y + uz * z) / r;
  const radialRate = (x * p[3]! + y * p[4]! + z * p[5]!) / r;
  const sunTurn = nRadPerS * (uy * x - ux * y);
  return (sunTurn + ux * p[3]! + uy * p[4]! + uz * p[5]! - cosPhase * radialRate) / r;
}

/** Streams a run's states into the scenario's objectives. */
export class ObjectiveTracker implements RunObserver {
  private readonly objectives: readonly ObjectiveSpec[];
  private readonly craftIndex: Int32Array;
  /** 1 for our spacecraft, 0 for a non-cooperative one (which meets no objective). */
  private readonly ours: Uint8Array;
  private readonly achievedS: Float64Array;
  /** Seconds each face was seen lit, per objective (6 per objective, FACE_ORDER). */
  private readonly faceS: Float64Array;
  /** Whether each face is asked for, per objective. */
  private readonly faceWanted: Uint8Array;
  private readonly sunRic = new Float64Array(3);
  /** Per objective, 7 condition bits at a sample: observe held, then the 6 faces seen lit. */
  private prevBits: Uint8Array;
  private curBits: Uint8Array;
  private readonly probeBits = new Uint8Array(7);
  /** Each spacecraft's RIC state at the previous sample, and the interpolants between samples. */
  private readonly prevRic: Float64Array[] = [];
  private readonly segments: HermiteSegment[] = [];
  private readonly probeRic: Float64Array[] = [];
  private havePrev = false;
  private lastS = 0;
  private nextS = 0;
  private readonly cosView = Math.cos(FACE_VIEW_HALF_ANGLE_DEG * DEG_TO_RAD);
  /** Smallest sun phase angle seen from inside any observe band, per spacecraft, deg. */
  readonly minPhaseInBandDeg: number[];
  /** Per spacecraft, the rate of the phase angle's cosine at the previous and current sample, 1/s. */
  private prevCosRate: Float64Array;
  private curCosRate: Float64Array;
  /** Rotation rate of the RIC frame (the target's mean motion), rad/s. */
  private readonly nRadPerS: number;
  private readonly probeSun = new Float64Array(3);
  /** The bracket a bisection ends with, fractions of the sample interval. */
  private readonly bracket = new Float64Array(2);
  /** End time of the sample interval the interpolants are set for, s. */
  private segmentsEndS = Number.NaN;

  /**
   * @param umbra the target's umbra intervals (s since the epoch, sorted): no face is lit there
   */
  constructor(
    s: Scenario,
    private readonly sun: SunTable,
    private readonly umbra: readonly { startS: number; endS: number }[],
  ) {
    this.objectives = s.objectives ?? [];
    this.craftIndex = Int32Array.from(this.objectives, (o) =>
      o.spacecraft === undefined ? -1 : s.spacecraft.findIndex((c) => c.id === o.spacecraft),
    );
    this.ours = Uint8Array.from(s.spacecraft, (c) => (isNonCooperative(c) ? 0 : 1));
    this.achievedS = new Float64Array(this.objectives.length);
    this.faceS = new Float64Array(6 * this.objectives.length);
    this.faceWanted = new Uint8Array(6 * this.objectives.length);
    this.objectives.forEach((o, k) => {
      if (o.type === 'coverage')
        for (const f of o.faces) this.faceWanted[6 * k + FACE_ORDER.indexOf(f)] = 1;
    });
    this.prevBits = new Uint8Array(7 * this.objectives.length);
    this.curBits = new Uint8Array(7 * this.objectives.length);
    for (let c = 0; c < s.spacecraft.length; c++) {
      this.prevRic.push(new Float64Array(6));
      this.segments.push(new HermiteSegment());
      this.probeRic.push(new Float64Array(6));
    }
    this.minPhaseInBandDeg = s.spacecraft.map(() => Infinity);
    this.prevCosRate = new Float64Array(s.spacecraft.length);
    this.curCosRate = new Float64Array(s.spacecraft.length);
    this.nRadPerS = sun.geom.meanMotionRadPerS;
  }

  /** Whether the target is out of the Earth's umbra at tS (binary search of the intervals). */
  private targetLit(tS: number): boolean {
    const u = this.umbra;
    let lo = 0;
    let hi = u.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (u[mid]!.endS < tS) lo = mid + 1;
      else hi = mid;
    }
    const next = u[lo];
    return !(next && next.startS <= tS && tS <= next.endS);
  }

  /**
   * Objective k's condition bits at tS with the spacecraft at `ric`, into `bits` at offset `o`:
   * observe held, then the six faces seen lit. `sunRic` must hold the target->Sun direction at
   * tS.
   */
  private evaluate(
    k: number,
    tS: number,
    ric: readonly Float64Array[],
    lit: boolean,
    bits: Uint8Array,
    o: number,
    atSample: boolean,
  ): void {
    const obj = this.objectives[k]!;
    const only = this.craftIndex[k]!;
    const inner = obj.rangeBandM[0];
    const outer = obj.rangeBandM[1];
    const sun = this.sunRic;
    const cosView = this.cosView;
    for (let b = o; b < o + 7; b++) bits[b] = 0;
    for (let c = 0; c < ric.length; c++) {
      if ((only >= 0 && only !== c) || !this.ours[c]) continue;
      const r = ric[c]!;
      const x = r[0]!;
      const y = r[1]!;
      const range = Math.sqrt(x * x + y * y + r[2]! * r[2]!);
      if (range < inner || range > outer) continue;
      if (obj.type === 'observe') {
        const phase = sunPhaseAngleDeg(sun, r);
        if (atSample && phase < this.minPhaseInBandDeg[c]!) this.minPhaseInBandDeg[c] = phase;
        if (lit && phase <= obj.maxPhaseDeg) bits[o] = 1;
      } else if (lit) {
        // face f has normal (-1)^f along RIC axis f >> 1 (FACE_ORDER): the cosine of the view
        // angle and the sun's side are signed components
        for (let f = 0; f < 6; f++) {
          const sign = f & 1 ? -1 : 1;
          const axis = f >> 1;
          if ((sign * r[axis]!) / range >= cosView && sign * sun[axis]! > 0) bits[o + 1 + f] = 1;
        }
      }
    }
  }

  node(tS: number, ric: readonly Float64Array[]): void {
    if (tS < this.nextS) return;
    const t0S = this.lastS;
    const dt = tS - t0S;
    this.nextS = tS + OBJECTIVE_SAMPLE_S;
    this.sun.targetSunRic(tS, this.sunRic);
    const lit = this.targetLit(tS);
    const cur = this.curBits;
    for (let k = 0; k < this.objectives.length; k++)
      this.evaluate(k, tS, ric, lit, cur, 7 * k, true);
    for (let c = 0; c < ric.length; c++)
      this.curCosRate[c] = phaseCosineRate(this.sunRic, ric[c]!, this.nRadPerS);
    if (this.havePrev && dt > 0) {
      const prev = this.prevBits;
      for (let k = 0; k < this.objectives.length; k++) {
        const observe = this.objectives[k]!.type === 'observe';
        for (let b = 0; b < 7; b++) {
          if (observe ? b !== 0 : b === 0 || this.faceWanted[6 * k + b - 1] === 0) continue;
          const was = prev[7 * k + b] === 1;
          const is = cur[7 * k + b] === 1;
          let heldS = 0;
          if (was && is) heldS = dt;
          else if (was !== is) {
            this.setSegments(t0S, tS, ric);
            const switchS = this.locateSwitch(k, b, t0S, dt, was);
            heldS = is ? tS - switchS : switchS - t0S;
          }
          if (b === 0) this.achievedS[k] = this.achievedS[k]! + heldS;
          else this.faceS[6 * k + b - 1] = this.faceS[6 * k + b - 1]! + heldS;
        }
      }
      this.locateMinPhase(t0S, tS, ric);
    }
    for (let c = 0; c < ric.length; c++) this.prevRic[c]!.set(ric[c]!);
    [this.prevBits, this.curBits] = [cur, this.prevBits];
    [this.prevCosRate, this.curCosRate] = [this.curCosRate, this.prevCosRate];
    this.havePrev = true;
    this.lastS = tS;
  }

  /** Sets the interpolants between the previous sample (t0S) and this one (t1S), once. */
  private setSegments(t0S: number, t1S: number, ric: readonly Float64Array[]): void {
    if (this.segmentsEndS === t1S) return;
    for (let c = 0; c < ric.length; c++) this.segments[c]!.set(t0S, this.prevRic[c]!, t1S, ric[c]!);
    this.segmentsEndS = t1S;
  }

  /**
   * Lowers `minPhaseInBandDeg` to the smallest phase angle between the previous sample (t0S)
   * and this one (t1S) inside each observe band: where the cosine peaks, and where the band is
   * entered or left.
   */
  private locateMinPhase(t0S: number, t1S: number, ric: readonly Float64Array[]): void {
    const dt = t1S - t0S;
    for (let k = 0; k < this.objectives.length; k++) {
      const obj = this.objectives[k]!;
      if (obj.type !== 'observe') continue;
      const only = this.craftIndex[k]!;
      for (let c = 0; c < ric.length; c++) {
        if ((only >= 0 && only !== c) || !this.ours[c]) continue;
        const in0 = inBand(this.prevRic[c]!, obj.rangeBandM);
        const in1 = inBand(ric[c]!, obj.rangeBandM);
        const peak = this.prevCosRate[c]! > 0 && this.curCosRate[c]! < 0;
        if (!(in0 || in1) || (in0 && in1 && !peak)) continue;
        this.setSegments(t0S, t1S, ric);
        if (in0 !== in1) this.bandCrossingPhase(c, obj.rangeBandM, t0S, dt, in0);
        if (peak) this.peakPhase(c, obj.rangeBandM, t0S, dt);
      }
    }
  }

  /** Counts the phase angle of spacecraft c at fraction tau of the segment, when in the band. */
  private phaseCandidate(
    c: number,
    band: readonly number[],
    t0S: number,
    dtS: number,
    tau: number,
  ): void {
    const probe = this.probeRic[c]!;
    this.segments[c]!.evalState(tau, probe);
    if (!inBand(probe, band)) return;
    this.sun.targetSunRic(t0S + tau * dtS, this.probeSun);
    const phase = sunPhaseAngleDeg(this.probeSun, probe);
    if (phase < this.minPhaseInBandDeg[c]!) this.minPhaseInBandDeg[c] = phase;
  }

  /**
   * Bisection along spacecraft c's interpolant between two samples, to TRANSITION_TOLERANCE_S:
   * the fractions [lo, hi] of the segment (into `bracket`) around where `before`, true at the
   * first sample and false at the second, stops holding. `before` gets the interpolated state
   * and its time, s.
   */
  private bisect(
    c: number,
    t0S: number,
    dtS: number,
    before: (ric: Float64Array, tS: number) => boolean,
  ): void {
    const probe = this.probeRic[c]!;
    const seg = this.segments[c]!;
    let lo = 0;
    let hi = 1;
    while ((hi - lo) * dtS > TRANSITION_TOLERANCE_S) {
      const mid = 0.5 * (lo + hi);
      seg.evalState(mid, probe);
      if (before(probe, t0S + mid * dtS)) lo = mid;
      else hi = mid;
    }
    this.bracket[0] = lo;
    this.bracket[1] = hi;
  }

  /**
   * The phase angle where spacecraft c enters (in0 false) or leaves the band between two samples
   * (taken on the band side of the crossing).
   */
  private bandCrossingPhase(
    c: number,
    band: readonly number[],
    t0S: number,
    dtS: number,
    in0: boolean,
  ): void {
    this.bisect(c, t0S, dtS, (ric) => inBand(ric, band) === in0);
    this.phaseCandidate(c, band, t0S, dtS, this.bracket[in0 ? 0 : 1]!);
  }

  /**
   * The phase angle where its cosine peaks between two samples (where the rate turns from
   * positive to negative).
   */
  private peakPhase(c: number, band: readonly number[], t0S: number, dtS: number): void {
    this.bisect(c, t0S, dtS, (ric, tS) => {
      this.sun.targetSunRic(tS, this.probeSun);
      return phaseCosineRate(this.probeSun, ric, this.nRadPerS) > 0;
    });
    this.phaseCandidate(c, band, t0S, dtS, 0.5 * (this.bracket[0]! + this.bracket[1]!));
  }

  /**
   * The instant in (t0S, t0S + dtS] where bit b of objective k stops being `was`, by bisection
   * on the spacecraft states interpolated between the two samples (`segments`).
   */
  private locateSwitch(k: number, b: number, t0S: number, dtS: number, was: boolean): number {
    let lo = 0;
    let hi = 1;
    const probe = this.probeRic;
    while ((hi - lo) * dtS > TRANSITION_TOLERANCE_S) {
      const mid = 0.5 * (lo + hi);
      const tS = t0S + mid * dtS;
      for (let c = 0; c < probe.length; c++) this.segments[c]!.evalState(mid, probe[c]!);
      this.sun.targetSunRic(tS, this.sunRic);
      this.evaluate(k, tS, probe, this.targetLit(tS), this.probeBits, 0, false);
      if ((this.probeBits[b] === 1) === was) lo = mid;
      else hi = mid;
    }
    return t0S + 0.5 * (lo + hi) * dtS;
  }

  /** The objectives' outcome after the run. */
  results(): ObjectiveResult[] {
    return this.objectives.map((o, k) => {
      const base = { index: k, type: o.type, ...(o.label !== undefined ? { label: o.label } : {}) };
      if (o.type === 'observe') {
        const achievedS = this.achievedS[k]!;
        return { ...base, met: achievedS >= o.requiredS, achievedS, requiredS: o.requiredS };
      }
      const need = o.minTimeS ?? DEFAULT_FACE_TIME_S;
      const timeOf = (f: FaceName) => this.faceS[6 * k + FACE_ORDER.indexOf(f)]!;
      const faceTimesS: Partial<Record<FaceName, number>> = {};
      for (const f of o.faces) faceTimesS[f] = timeOf(f);
      const facesCovered = o.faces.filter((f) => timeOf(f) >= need);
      const facesMissing = o.faces.filter((f) => timeOf(f) < need);
      return { ...base, met: facesMissing.length === 0, faceTimesS, facesCovered, facesMissing };
    });
  }
}
