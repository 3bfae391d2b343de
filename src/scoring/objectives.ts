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

const FACE_NORMALS: Record<FaceName, [number, number, number]> = {
  '+R': [1, 0, 0],
  '-R': [-1, 0, 0],
  '+I': [0, 1, 0],
  '-I': [0, -1, 0],
  '+C': [0, 0, 1],
  '-C': [0, 0, -1],
};

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

/** Streams a run's states into the scenario's objectives. */
export class ObjectiveTracker implements RunObserver {
  private readonly objectives: readonly ObjectiveSpec[];
  private readonly craftIndex: (number | null)[];
  private readonly achievedS: number[];
  private readonly faceS: Map<FaceName, number>[];
  private readonly sunRic = new Float64Array(3);
  private lastS = 0;
  private nextS = 0;
  private readonly cosView = Math.cos(FACE_VIEW_HALF_ANGLE_DEG * DEG_TO_RAD);
  /** Smallest sun phase angle seen from inside any observe band, per spacecraft, deg. */
  readonly minPhaseInBandDeg: number[];

  constructor(
    s: Scenario,
    private readonly sun: SunTable,
  ) {
    this.objectives = s.objectives ?? [];
    this.craftIndex = this.objectives.map((o) =>
      o.spacecraft === undefined ? null : s.spacecraft.findIndex((c) => c.id === o.spacecraft),
    );
    this.achievedS = this.objectives.map(() => 0);
    this.faceS = this.objectives.map(() => new Map());
    this.minPhaseInBandDeg = s.spacecraft.map(() => Infinity);
  }

  node(tS: number, ric: readonly Float64Array[]): void {
    if (tS < this.nextS) return;
    const dt = tS - this.lastS;
    this.lastS = tS;
    this.nextS = tS + OBJECTIVE_SAMPLE_S;
    if (dt <= 0) return;
    const sun = this.sunRic;
    this.sun.sunRic(tS, sun);
    const lit = this.sun.targetShadowFraction(tS) < 0.5;
    this.objectives.forEach((o, k) => {
      const only = this.craftIndex[k];
      let held = false;
      const seen = new Set<FaceName>();
      ric.forEach((r, c) => {
        if (only !== null && only !== c) return;
        const range = Math.hypot(r[0]!, r[1]!, r[2]!);
        if (range < o.rangeBandM[0] || range > o.rangeBandM[1]) return;
        if (o.type === 'observe') {
          const phase = sunPhaseAngleDeg(sun, r);
          if (phase < this.minPhaseInBandDeg[c]!) this.minPhaseInBandDeg[c] = phase;
          if (lit && phase <= o.maxPhaseDeg) held = true;
        } else if (lit) {
          for (const f of o.faces) {
            const nrm = FACE_NORMALS[f];
            const view = (r[0]! * nrm[0] + r[1]! * nrm[1] + r[2]! * nrm[2]) / range;
            const sunOnFace = sun[0]! * nrm[0] + sun[1]! * nrm[1] + sun[2]! * nrm[2];
            if (view >= this.cosView && sunOnFace > 0) seen.add(f);
          }
        }
      });
      if (held) this.achievedS[k] = this.achievedS[k]! + dt;
      for (const f of seen) this.faceS[k]!.set(f, (this.faceS[k]!.get(f) ?? 0) + dt);
    });
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
      const times = this.faceS[k]!;
      const faceTimesS: Partial<Record<FaceName, number>> = {};
      for (const f of o.faces) faceTimesS[f] = times.get(f) ?? 0;
      const facesCovered = o.faces.filter((f) => (times.get(f) ?? 0) >= need);
      const facesMissing = o.faces.filter((f) => (times.get(f) ?? 0) < need);
      return { ...base, met: facesMissing.length === 0, faceTimesS, facesCovered, facesMissing };
    });
  }
}
