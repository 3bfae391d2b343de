/**
 * Event monitoring of one relative-state stream (a spacecraft against the target, or a pair):
 * closest approach and any number of constraint detectors, located between integration nodes.
 *
 * - Closest approach: where rho . rhoDot crosses zero upwards, located on the cubic Hermite
 *   segment between the nodes.
 * - Constraints: where a detector's g changes sign between two nodes, or between a node and the
 *   range extremum inside the step (so a step that enters and leaves a zone is still seen).
 *   Roots are located to EVENT_TIME_TOLERANCE_S. Each constraint keeps its violation intervals
 *   and its worst margin.
 * - Impulses change the state at one instant (`jump`): a velocity-dependent g (closing speed) may
 *   change sign there, and the interval then starts or ends at that instant.
 *
 * References:
 * [1] Maisonobe, Pommier and Parraud, "Orekit: an open-source library for operational flight
 *     dynamics applications", ICATT 2010 (event detectors).
 * [2] ../shared REFERENCE "Closest approach" (sampling at the step is not enough).
 */

import { sphereRadiusM, type Detector } from './detectors.ts';
import { bracketRoot, HermiteSegment, segmentRangeLowerBoundM } from './hermite.ts';

/** Time tolerance for located events, s. */
export const EVENT_TIME_TOLERANCE_S = 1e-6;

/** A time interval, s since the epoch. */
export interface Interval {
  startS: number;
  endS: number;
}

/** What one constraint saw over a run. */
export class ConstraintTrack {
  /** Violation intervals; the last has endS = NaN while still open. */
  readonly intervals: Interval[] = [];
  /** Smallest g seen (at nodes and range extrema), in the detector's unit. */
  worstMargin = Infinity;
  /** When the worst margin occurred, s. */
  worstMarginTS = 0;
  /** g at the previous node. */
  gPrev = 0;
  /** The keep-out sphere's radius, m, when the detector is one (g from the range); else -1. */
  readonly sphereRadiusM: number;

  constructor(readonly detector: Detector) {
    this.sphereRadiusM = sphereRadiusM(detector);
  }

  /** Whether the constraint is violated now. */
  get violated(): boolean {
    return this.gPrev < 0;
  }

  /** Total time in violation, s (intervals closed by `finish`). */
  timeInViolationS(): number {
    return this.intervals.reduce((sum, i) => sum + (i.endS - i.startS), 0);
  }

  note(tS: number, g: number): void {
    if (g < this.worstMargin) {
      this.worstMargin = g;
      this.worstMarginTS = tS;
    }
  }

  open(tS: number): void {
    this.intervals.push({ startS: tS, endS: Number.NaN });
  }

  close(tS: number): void {
    const last = this.intervals[this.intervals.length - 1];
    if (last && Number.isNaN(last.endS)) last.endS = tS;
  }
}

/** Range rate (rho . rhoDot / |rho| without the division: same sign) on a Hermite segment. */
function rangeRateOn(seg: HermiteSegment, scratch: Float64Array): (tau: number) => number {
  return (tau) => {
    seg.evalState(tau, scratch);
    return scratch[0]! * scratch[3]! + scratch[1]! * scratch[4]! + scratch[2]! * scratch[5]!;
  };
}

/**
 * Closest approach over recorded samples (an ephemeris): the smallest range at a sample or at a
 * range minimum between two samples (rho . rhoDot crossing zero upwards on the cubic Hermite
 * segment, located to EVENT_TIME_TOLERANCE_S), as `StreamMonitor` finds it while the states
 * stream. Two samples at the same time (an impulse) bound no segment.
 *
 * @param tS sample times, s (non-decreasing)
 * @param stateRic samples [x, y, z, xd, yd, zd], RIC, m and m/s, 6 per sample
 * @param count number of samples
 * @param rangeOut if given, receives the range of every sample, m (in the same pass: a pass
 *   over a 48 h ephemeris at 1 s costs about a millisecond of memory traffic)
 * @returns the minimum range, m, and its time, s (Infinity and 0 for no sample)
 */
export function closestApproachOfSamples(
  tS: Float64Array,
  stateRic: Float64Array,
  count: number,
  rangeOut?: Float64Array,
): { minRangeM: number; minRangeTS: number } {
  let min2 = Infinity;
  let minTS = 0;
  let fPrev = 0;
  const seg = new HermiteSegment();
  const scratch = new Float64Array(6);
  const rangeRate = rangeRateOn(seg, scratch);
  for (let k = 0, o = 0; k < count; k++, o += 6) {
    const x = stateRic[o]!;
    const y = stateRic[o + 1]!;
    const z = stateRic[o + 2]!;
    const r2 = x * x + y * y + z * z;
    if (rangeOut !== undefined) rangeOut[k] = Math.sqrt(r2);
    const f = x * stateRic[o + 3]! + y * stateRic[o + 4]! + z * stateRic[o + 5]!;
    if (r2 < min2) {
      min2 = r2;
      minTS = tS[k]!;
    }
    if (k > 0 && fPrev < 0 && f > 0) {
      const t0S = tS[k - 1]!;
      const h = tS[k]! - t0S;
      const bound = h > 0 ? segmentRangeLowerBoundM(stateRic, o - 6, stateRic, o, h) : Infinity;
      if (bound <= 0 || bound * bound < min2) {
        seg.setAt(t0S, stateRic, o - 6, tS[k]!, stateRic, o);
        const tau = bracketRoot(rangeRate, 0, 1, fPrev, f, EVENT_TIME_TOLERANCE_S / h);
        seg.evalState(tau, scratch);
        const e2 =
          scratch[0]! * scratch[0]! + scratch[1]! * scratch[1]! + scratch[2]! * scratch[2]!;
        if (e2 < min2) {
          min2 = e2;
          minTS = t0S + tau * h;
        }
      }
    }
    fPrev = f;
  }
  return { minRangeM: Math.sqrt(min2), minRangeTS: minTS };
}

/** Closest approach and constraint tracking of one relative-state stream. */
export class StreamMonitor {
  /** Minimum range so far, m. */
  minRangeM = Infinity;
  /** Time of the minimum range, s. */
  minRangeTS = 0;
  readonly tracks: ConstraintTrack[];
  private readonly prev = new Float64Array(6);
  private prevTS = 0;
  private prevRange2 = Infinity;
  private prevRangeRate = 0;
  private readonly seg = new HermiteSegment();
  private readonly scratch = new Float64Array(6);
  private segReady = false;
  private activeTrack: ConstraintTrack | null = null;
  private readonly rangeRateFn = rangeRateOn(this.seg, this.scratch);
  private readonly trackFn = (tau: number): number => {
    this.seg.evalState(tau, this.scratch);
    return this.activeTrack!.detector.g(this.scratch);
  };

  constructor(detectors: readonly Detector[]) {
    this.tracks = detectors.map((d) => new ConstraintTrack(d));
  }

  /** rho . rhoDot at the last node, m^2/s (its sign is the range rate's). */
  get lastRangeRate(): number {
    return this.prevRangeRate;
  }

  /** The first state of the stream: opens an interval for every constraint violated at once. */
  begin(tS: number, rel: ArrayLike<number>): void {
    this.resume(tS, rel);
    for (const track of this.tracks) {
      const g = track.detector.g(rel);
      track.gPrev = g;
      track.note(tS, g);
      if (g < 0) track.open(tS);
    }
  }

  /** An instantaneous change of the state at `tS` (an impulse): position fixed, velocity jumps. */
  jump(tS: number, rel: ArrayLike<number>): void {
    this.resume(tS, rel);
    for (const track of this.tracks) {
      const g = track.detector.g(rel);
      track.note(tS, g);
      if (g < 0 !== track.gPrev < 0) {
        if (g < 0) track.open(tS);
        else track.close(tS);
      }
      track.gPrev = g;
    }
  }

  /**
   * The coast from the previous state to `s1` at `t1S`. The per-step work is fused on plain
   * numbers: the range and range rate are computed once (for the closest approach, the stored
   * state and a keep-out sphere's g, with the operations `resume` and `SphereDetector.g` use, so
   * the same bits), and the detectors' g, worst margins and crossings follow.
   */
  advance(t1S: number, s1: ArrayLike<number>): void {
    const x = s1[0]!;
    const y = s1[1]!;
    const z = s1[2]!;
    const xd = s1[3]!;
    const yd = s1[4]!;
    const zd = s1[5]!;
    const f0 = this.prevRangeRate;
    const f1 = x * xd + y * yd + z * zd;
    const r2 = x * x + y * y + z * z;
    this.segReady = false;
    const tracks = this.tracks;
    const count = tracks.length;
    // The range extremum inside the step: for the constraints (a zone entered and left within
    // the step), and for the closest approach when the step could hold one below the minimum.
    // Rare (a few steps a revolution), so out of line: the per-step path stays small.
    if (
      ((f0 < 0 && f1 > 0) || (f0 > 0 && f1 < 0)) &&
      (count > 0 ||
        (f0 < 0 &&
          segmentRangeLowerBoundM(this.prev, 0, s1, 0, t1S - this.prevTS) < this.minRangeM))
    ) {
      this.acrossExtremum(t1S, s1, f0, f1, r2);
    } else if (count > 0) {
      const range1 = Math.sqrt(r2);
      for (let i = 0; i < count; i++) {
        const track = tracks[i]!;
        const g0 = track.gPrev;
        const radius = track.sphereRadiusM;
        const g1 = radius >= 0 ? range1 - radius : track.detector.g(s1);
        if (g0 < 0 !== g1 < 0) {
          this.prepareSegment(t1S, s1);
          this.crossing(track, 0, 1, g0, g1, this.prevTS, t1S - this.prevTS);
        }
        track.note(t1S, g1);
        track.gPrev = g1;
      }
    }
    const p = this.prev;
    p[0] = x;
    p[1] = y;
    p[2] = z;
    p[3] = xd;
    p[4] = yd;
    p[5] = zd;
    this.prevTS = t1S;
    this.prevRange2 = r2;
    this.prevRangeRate = f1;
    if (r2 < this.minRangeM * this.minRangeM) {
      this.minRangeM = Math.sqrt(r2);
      this.minRangeTS = t1S;
    }
  }

  /**
   * The constraints and the closest approach over a step whose range rate changes sign (f0 to
   * f1), with r2 the squared range at its end, m^2: g at the range extremum too.
   */
  private acrossExtremum(
    t1S: number,
    s1: ArrayLike<number>,
    f0: number,
    f1: number,
    r2: number,
  ): void {
    const t0S = this.prevTS;
    const h = t1S - t0S;
    this.prepareSegment(t1S, s1);
    const tauExt = bracketRoot(this.rangeRateFn, 0, 1, f0, f1, EVENT_TIME_TOLERANCE_S / h);
    if (f0 < 0) {
      this.seg.evalState(tauExt, this.scratch);
      const sc = this.scratch;
      const range = Math.sqrt(sc[0]! * sc[0]! + sc[1]! * sc[1]! + sc[2]! * sc[2]!);
      if (range < this.minRangeM) {
        this.minRangeM = range;
        this.minRangeTS = t0S + tauExt * h;
      }
    }
    const range1 = Math.sqrt(r2);
    for (const track of this.tracks) {
      const g0 = track.gPrev;
      const radius = track.sphereRadiusM;
      const g1 = radius >= 0 ? range1 - radius : track.detector.g(s1);
      this.activeTrack = track;
      const gE = this.trackFn(tauExt);
      track.note(t0S + tauExt * h, gE);
      this.crossing(track, 0, tauExt, g0, gE, t0S, h);
      this.crossing(track, tauExt, 1, gE, g1, t0S, h);
      track.note(t1S, g1);
      track.gPrev = g1;
    }
  }

  /** Closes intervals still open at the end of the run. */
  finish(endS: number): void {
    for (const track of this.tracks) track.close(endS);
  }

  /**
   * Makes `s` at `tS` the stream's last node without looking at the step to it: for a caller that
   * has done the per-step work itself (the fused coast loop, src/sim/cwCoast.ts) and now hands
   * the stream back. The closest approach still sees the node.
   * @param tS time of the node, s
   * @param s the RIC relative state at tS [x, y, z, xd, yd, zd], m and m/s
   */
  resume(tS: number, s: ArrayLike<number>): void {
    const p = this.prev;
    for (let i = 0; i < 6; i++) p[i] = s[i]!;
    this.prevTS = tS;
    this.prevRange2 = p[0]! * p[0]! + p[1]! * p[1]! + p[2]! * p[2]!;
    this.prevRangeRate = p[0]! * p[3]! + p[1]! * p[4]! + p[2]! * p[5]!;
    if (this.prevRange2 < this.minRangeM * this.minRangeM) {
      this.minRangeM = Math.sqrt(this.prevRange2);
      this.minRangeTS = tS;
    }
  }

  private prepareSegment(t1S: number, s1: ArrayLike<number>): void {
    if (this.segReady) return;
    this.seg.set(this.prevTS, this.prev, t1S, s1);
    this.segReady = true;
  }

  private crossing(
    track: ConstraintTrack,
    a: number,
    b: number,
    ga: number,
    gb: number,
    t0S: number,
    h: number,
  ) {
    if (ga < 0 === gb < 0) return;
    this.activeTrack = track;
    const tS = t0S + bracketRoot(this.trackFn, a, b, ga, gb, EVENT_TIME_TOLERANCE_S / h) * h;
    if (gb < 0) track.open(tS);
    else track.close(tS);
  }
}
