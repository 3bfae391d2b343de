/**
 * Inspection objectives, scored while the run streams its states:
 * - observe: the target seen from inside a range band with the sun phase angle (sun-target-
 *   inspector) below a limit and the target lit, for a required time;
 * - coverage: each listed face of the target (+R, -R, +I, -I, +C, -C, with the target's body axes
 *   aligned with RIC) seen lit from inside the band: the inspector within 60 deg of the face
 *   normal, the sun on the face's side, the target out of the Earth's umbra.
 *
 * Conditions are sampled every OBJECTIVE_SAMPLE_S of sim time (never finer than the step). Where
 * a condition changes between two samples, the instant it changes is located (bisection on the
 * cubic Hermite interpolant of every spacecraft's state, to TRANSITION_TOLERANCE_S), so each
 * time counts from that instant, not from a sample. An excursion that starts and ends between
 * two samples (under OBJECTIVE_SAMPLE_S) is not seen.
 *
 * References:
 * [1] Fehse, Automated Rendezvous and Docking of Spacecraft, sec. 5.4 (illumination conditions
 *     for visual inspection).
 */

import { DEG_TO_RAD } from '../core/constants.ts';
import type { SunTable } from '../core/lighting.ts';
import { sunPhaseAngleDeg } from '../core/lighting.ts';
import { HermiteSegment } from '../events/hermite.ts';
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

/** Streams a run's states into the scenario's objectives. */
export class ObjectiveTracker implements RunObserver {
  private readonly objectives: readonly ObjectiveSpec[];
  private readonly craftIndex: Int32Array;
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
  /** Smallest sun phase angle seen from inside any observe band (at samples), per spacecraft, deg. */
  readonly minPhaseInBandDeg: number[];

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
   * observe held, then the six faces seen lit. `sunRic` must hold the sun direction at tS.
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
      if (only >= 0 && only !== c) continue;
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
    this.sun.sunRic(tS, this.sunRic);
    const lit = this.targetLit(tS);
    const cur = this.curBits;
    for (let k = 0; k < this.objectives.length; k++)
      this.evaluate(k, tS, ric, lit, cur, 7 * k, true);
    if (this.havePrev && dt > 0) {
      let segmentsSet = false;
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
            if (!segmentsSet) {
              for (let c = 0; c < ric.length; c++)
                this.segments[c]!.set(t0S, this.prevRic[c]!, tS, ric[c]!);
              segmentsSet = true;
            }
            const switchS = this.locateSwitch(k, b, t0S, dt, was);
            heldS = is ? tS - switchS : switchS - t0S;
          }
          if (b === 0) this.achievedS[k] = this.achievedS[k]! + heldS;
          else this.faceS[6 * k + b - 1] = this.faceS[6 * k + b - 1]! + heldS;
        }
      }
    }
    for (let c = 0; c < ric.length; c++) this.prevRic[c]!.set(ric[c]!);
    [this.prevBits, this.curBits] = [cur, this.prevBits];
    this.havePrev = true;
    this.lastS = tS;
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
      this.sun.sunRic(tS, this.sunRic);
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
