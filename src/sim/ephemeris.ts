/**
 * A spacecraft's RIC trajectory as integrated: one sample per node, in preallocated arrays.
 *
 * An impulse gives two samples at the same time (before and after), so a plot or an interpolator
 * sees the velocity jump instead of smearing it across a step.
 */

import { freshArrays, type ArrayAllocator } from '../core/arrays.ts';
import { HermiteSegment } from '../events/hermite.ts';

/**
 * The last index `k` in [0, n - 2] with `times[k] <= tS`, by bisection: the sample that starts
 * the interval holding `tS`, for `times[0] < tS < times[n - 1]` (n >= 2, non-decreasing times).
 * @param times sample times, s
 * @param n samples
 * @param tS time, s
 */
export function lastSampleAtOrBefore(times: Float64Array, n: number, tS: number): number {
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= tS) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Samples of the RIC relative state [x, y, z, xd, yd, zd] (m, m/s) at times tS (s). */
export class Ephemeris {
  /** Sample times, s since the epoch (non-decreasing); valid up to `count`. */
  tS: Float64Array;
  /** States, 6 numbers per sample, RIC, m and m/s (rotating-frame rates); valid up to `count`. */
  stateRic: Float64Array;
  /** Number of samples written. */
  count = 0;
  private readonly seg = new HermiteSegment();

  /**
   * @param capacity expected number of samples (the arrays grow if more come)
   * @param arrays where the arrays come from (recycled buffers in the editor's worker)
   */
  constructor(
    capacity: number,
    private readonly arrays: ArrayAllocator = freshArrays,
  ) {
    this.tS = arrays.float64(Math.max(2, capacity));
    this.stateRic = arrays.float64(Math.max(2, capacity) * 6);
  }

  /**
   * Makes room for `n` more samples, so that a hot loop can write them straight into `tS` and
   * `stateRic` (and then advance `count`) without a call per sample.
   */
  reserve(n: number): void {
    while (this.count + n > this.tS.length) this.grow();
  }

  /** Appends a sample. */
  push(tS: number, ric: ArrayLike<number>): void {
    const k = this.count;
    if (k >= this.tS.length) this.grow();
    this.tS[k] = tS;
    // Unrolled, through a local: called once per step outside the lone-spacecraft loop (which
    // writes in place), about 1 ms faster over a 48 h run than a loop over the field.
    const s = this.stateRic;
    const o = k * 6;
    s[o] = ric[0]!;
    s[o + 1] = ric[1]!;
    s[o + 2] = ric[2]!;
    s[o + 3] = ric[3]!;
    s[o + 4] = ric[4]!;
    s[o + 5] = ric[5]!;
    this.count = k + 1;
  }

  /**
   * State at time `tS` by cubic Hermite interpolation between the bracketing samples (after any
   * impulse at exactly `tS`), into `out` (6 numbers). Clamped to the covered span.
   */
  stateAt(tS: number, out: Float64Array): Float64Array {
    const n = this.count;
    const times = this.tS;
    if (n === 0) return out.fill(Number.NaN);
    if (tS <= times[0]!) return this.copySample(0, out);
    if (tS >= times[n - 1]!) return this.copySample(n - 1, out);
    const lo = lastSampleAtOrBefore(times, n, tS);
    const hi = lo + 1;
    const t0 = times[lo]!;
    const t1 = times[hi]!;
    if (t1 - t0 <= 0) return this.copySample(hi, out);
    const s = this.stateRic;
    this.seg.setAt(t0, s, lo * 6, t1, s, hi * 6);
    this.seg.evalState((tS - t0) / (t1 - t0), out);
    return out;
  }

  private grow(): void {
    const tS = this.arrays.float64(this.tS.length * 2);
    tS.set(this.tS);
    const st = this.arrays.float64(this.stateRic.length * 2);
    st.set(this.stateRic);
    this.tS = tS;
    this.stateRic = st;
  }

  private copySample(k: number, out: Float64Array): Float64Array {
    for (let i = 0; i < 6; i++) out[i] = this.stateRic[k * 6 + i]!;
    return out;
  }
}
