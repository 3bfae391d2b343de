/**
 * Inspection objectives, scored while the run streams its states:
 * - observe: the target seen from inside a range band with the sun phase angle (sun-target-
 *   inspector) below a limit and the target lit, for a required time;
 * - coverage: each listed face of the target (+R, -R, +I, -I, +C, -C, with the target's body axes
 *   aligned with RIC) seen lit from inside the band: the inspector within 60 deg of the face
 *   normal, the sun on the face's side, the target out of the Earth's umbra.
 *
 * Conditions are sampled every OBJECTIVE_SAMPLE_S of sim time (never finer than the step) and
 * each sample counts for the time since the previous one, so times are good to that sample.
 *
 * References:
 * [1] Fehse, Automated Rendezvous and Docking of Spacecraft, sec. 5.4 (illumination conditions
 *     for visual inspection).
 */

import { DEG_TO_RAD } from '../core/constants.ts';
import type { SunTable } from '../core/lighting.ts';
import { sunPhaseAngleDeg } from '../core/lighting.ts';
import type { FaceName, ObjectiveSpec, Scenario } from '../scenario/schema.ts';
import type { RunObserver } from '../sim/run.ts';

/** Sim time between objective samples, s. */
export const OBJECTIVE_SAMPLE_S = 10;
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
  private readonly seen = new Uint8Array(6);
  private lastS = 0;
  private nextS = 0;
  private umbraIndex = 0;
  private readonly cosView = Math.cos(FACE_VIEW_HALF_ANGLE_DEG * DEG_TO_RAD);
  /** Smallest sun phase angle seen from inside any observe band, per spacecraft, deg. */
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
    this.minPhaseInBandDeg = s.spacecraft.map(() => Infinity);
  }

  private targetLit(tS: number): boolean {
    const u = this.umbra;
    while (this.umbraIndex < u.length && u[this.umbraIndex]!.endS < tS) this.umbraIndex++;
    const next = u[this.umbraIndex];
    return !(next && next.startS <= tS && tS <= next.endS);
  }

  node(tS: number, ric: readonly Float64Array[]): void {
    if (tS < this.nextS) return;
    const dt = tS - this.lastS;
    this.lastS = tS;
    this.nextS = tS + OBJECTIVE_SAMPLE_S;
    if (dt <= 0) return;
    const sun = this.sunRic;
    this.sun.sunRic(tS, sun);
    const lit = this.targetLit(tS);
    const cosView = this.cosView;
    for (let k = 0; k < this.objectives.length; k++) {
      const o = this.objectives[k]!;
      const only = this.craftIndex[k]!;
      const inner = o.rangeBandM[0];
      const outer = o.rangeBandM[1];
      let held = false;
      this.seen.fill(0);
      for (let c = 0; c < ric.length; c++) {
        if (only >= 0 && only !== c) continue;
        const r = ric[c]!;
        const x = r[0]!;
        const y = r[1]!;
        const range = Math.sqrt(x * x + y * y + r[2]! * r[2]!);
        if (range < inner || range > outer) continue;
        if (o.type === 'observe') {
          const phase = sunPhaseAngleDeg(sun, r);
          if (phase < this.minPhaseInBandDeg[c]!) this.minPhaseInBandDeg[c] = phase;
          if (lit && phase <= o.maxPhaseDeg) held = true;
        } else if (lit) {
          // face f has normal (-1)^f along RIC axis f >> 1 (FACE_ORDER): the cosine of the view
          // angle and the sun's side are signed components
          for (let f = 0; f < 6; f++) {
            const sign = f & 1 ? -1 : 1;
            const axis = f >> 1;
            if ((sign * r[axis]!) / range >= cosView && sign * sun[axis]! > 0) this.seen[f] = 1;
          }
        }
      }
      if (held) this.achievedS[k] = this.achievedS[k]! + dt;
      for (let f = 0; f < 6; f++)
        if (this.seen[f]) this.faceS[6 * k + f] = this.faceS[6 * k + f]! + dt;
    }
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
