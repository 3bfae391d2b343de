/**
 * Range events between two bodies from a stream of relative states: closest approach and entry
 * into / exit from a keep-out sphere, located between integration nodes.
 *
 * Event functions (Orekit's convention: positive when safe):
 * - closest approach: where the range rate's numerator rho . rhoDot crosses zero upwards;
 * - keep-out sphere: g = range - radiusM.
 * Each step is cut at its range extremum (if any) into monotonic pieces, so a step that enters
 * and leaves the sphere is seen even though g > 0 at both nodes. Roots are located on the cubic
 * Hermite segment to 1e-6 s.
 *
 * References:
 * [1] Maisonobe, Pommier and Parraud, "Orekit: an open-source library for operational flight
 *     dynamics applications", ICATT 2010 (event detectors, g functions).
 * [2] ../shared REFERENCE "Closest approach" (sampling at the step is not enough).
 */

import { bracketRoot, HermiteSegment } from './hermite.ts';

/** Time tolerance for located events, s. */
export const EVENT_TIME_TOLERANCE_S = 1e-6;

/** A time interval, s since the epoch. */
export interface Interval {
  startS: number;
  endS: number;
}

/** Tracks the minimum range and keep-out intervals of one relative state stream. */
export class RangeMonitor {
  /** Minimum range so far, m. */
  minRangeM = Infinity;
  /** Time of the minimum range, s. */
  minRangeTS = 0;
  /** Keep-out intervals (an open one has endS = NaN until `finish`). */
  readonly keepOut: Interval[] = [];
  /** Whether the stream is inside the keep-out sphere now. */
  inside = false;
  private readonly radius2: number;
  private readonly prev = new Float64Array(6);
  private prevTS = 0;
  private prevRange2 = Infinity;
  private prevRangeRate = 0;
  private readonly seg = new HermiteSegment();
  private readonly scratch = new Float64Array(6);
  private readonly rangeRateFn = (tau: number): number => {
    this.seg.evalState(tau, this.scratch);
    const s = this.scratch;
    return s[0]! * s[3]! + s[1]! * s[4]! + s[2]! * s[5]!;
  };
  private readonly zoneFn = (tau: number): number => {
    this.seg.evalState(tau, this.scratch);
    const s = this.scratch;
    return Math.sqrt(s[0]! * s[0]! + s[1]! * s[1]! + s[2]! * s[2]!) - this.keepOutRadiusM;
  };

  /** @param keepOutRadiusM keep-out sphere radius, m (0: none) */
  constructor(readonly keepOutRadiusM: number) {
    this.radius2 = keepOutRadiusM * keepOutRadiusM;
  }

  /** The first state of the stream: opens a keep-out interval if it starts inside. */
  begin(tS: number, rel: ArrayLike<number>): void {
    this.jump(tS, rel);
    if (this.prevRange2 < this.radius2) {
      this.inside = true;
      this.keepOut.push({ startS: tS, endS: Number.NaN });
    }
  }

  /** An instantaneous change of the state at `tS` (an impulse): the range does not move. */
  jump(tS: number, rel: ArrayLike<number>): void {
    const p = this.prev;
    for (let i = 0; i < 6; i++) p[i] = rel[i]!;
    this.prevTS = tS;
    this.prevRange2 = p[0]! * p[0]! + p[1]! * p[1]! + p[2]! * p[2]!;
    this.prevRangeRate = p[0]! * p[3]! + p[1]! * p[4]! + p[2]! * p[5]!;
    this.sampleMin(tS, this.prevRange2);
  }

  /**
   * The coast from the previous state to `s1` at `t1S`; locates any closest approach and keep-out
   * crossing inside it on the cubic Hermite segment.
   */
  advance(t1S: number, s1: ArrayLike<number>): void {
    const x = s1[0]!;
    const y = s1[1]!;
    const z = s1[2]!;
    const range2 = x * x + y * y + z * z;
    const f1 = x * s1[3]! + y * s1[4]! + z * s1[5]!;
    const f0 = this.prevRangeRate;
    const hasExtremum = (f0 < 0 && f1 > 0) || (f0 > 0 && f1 < 0);
    const crosses = this.radius2 > 0 && this.prevRange2 < this.radius2 !== range2 < this.radius2;
    if (hasExtremum || crosses) {
      this.locate(t1S, s1, f0, f1, hasExtremum);
    }
    const p = this.prev;
    for (let i = 0; i < 6; i++) p[i] = s1[i]!;
    this.prevTS = t1S;
    this.prevRange2 = range2;
    this.prevRangeRate = f1;
    this.sampleMin(t1S, range2);
  }

  /** Closes an interval still open at the end of the run. */
  finish(endS: number): void {
    const last = this.keepOut[this.keepOut.length - 1];
    if (last && Number.isNaN(last.endS)) last.endS = endS;
  }

  private sampleMin(tS: number, range2: number): void {
    if (range2 < this.minRangeM * this.minRangeM) {
      this.minRangeM = Math.sqrt(range2);
      this.minRangeTS = tS;
    }
  }

  private locate(
    t1S: number,
    s1: ArrayLike<number>,
    f0: number,
    f1: number,
    hasExtremum: boolean,
  ): void {
    const t0S = this.prevTS;
    const radius = this.keepOutRadiusM;
    this.seg.set(t0S, this.prev, t1S, s1);
    const h = t1S - t0S;
    const tol = EVENT_TIME_TOLERANCE_S / h;
    const g0 = Math.sqrt(this.prevRange2) - radius;
    const g1 = Math.sqrt(s1[0]! * s1[0]! + s1[1]! * s1[1]! + s1[2]! * s1[2]!) - radius;
    let tauExt = -1;
    let gExt = 0;
    if (hasExtremum) {
      tauExt = bracketRoot(this.rangeRateFn, 0, 1, f0, f1, tol);
      gExt = this.zoneFn(tauExt);
      if (f0 < 0 && gExt + radius < this.minRangeM) {
        this.minRangeM = gExt + radius;
        this.minRangeTS = t0S + tauExt * h;
      }
    }
    if (radius <= 0) return;
    if (tauExt >= 0) {
      this.crossing(0, tauExt, g0, gExt, t0S, h, tol);
      this.crossing(tauExt, 1, gExt, g1, t0S, h, tol);
    } else {
      this.crossing(0, 1, g0, g1, t0S, h, tol);
    }
  }

  private crossing(
    a: number,
    b: number,
    ga: number,
    gb: number,
    t0S: number,
    h: number,
    tol: number,
  ) {
    if (ga < 0 === gb < 0) return;
    const tS = t0S + bracketRoot(this.zoneFn, a, b, ga, gb, tol) * h;
    if (gb < 0) {
      this.inside = true;
      this.keepOut.push({ startS: tS, endS: Number.NaN });
    } else {
      this.inside = false;
      const last = this.keepOut[this.keepOut.length - 1];
      if (last) last.endS = tS;
    }
  }
}
