/**
 * Range warnings (scenario `warnRangeM`): when an inspector comes within the warning range of
 * the target or of another spacecraft, and when it leaves it; and the closest approaches ahead,
 * for the time to closest approach and predicted miss distance a crew watches.
 *
 * Crossings are located on the cubic Hermite segment between integration nodes (as the
 * constraint monitor does, ./monitor.ts): where range - warnRangeM changes sign between two
 * nodes, or on either side of a range extremum inside the step (a step that enters and leaves
 * the warning range is still seen). Times are located to EVENT_TIME_TOLERANCE_S.
 *
 * References:
 * [1] Maisonobe, Pommier and Parraud, "Orekit: an open-source library for operational flight
 *     dynamics applications", ICATT 2010 (event detectors).
 */

import { bracketRoot, HermiteSegment } from './hermite.ts';
import { EVENT_TIME_TOLERANCE_S } from './monitor.ts';

/** An inspector entering or leaving the warning range of another object. */
export interface WarningEvent {
  /** The inspector (spacecraft id). */
  id: string;
  /** The other object: the target's name, or a spacecraft id. */
  other: string;
  otherKind: 'target' | 'spacecraft';
  /** `enter`: the range fell below warnRangeM (at tS 0: it starts inside); `leave`: it rose above. */
  event: 'enter' | 'leave';
  /** When, s since the epoch. */
  tS: number;
  /** Range then, m (warnRangeM at a crossing, to the time tolerance). */
  rangeM: number;
}

/** Range and range rate (its sign) of a relative state on a Hermite segment. */
class SegmentRange {
  readonly seg = new HermiteSegment();
  /** The range level of `excess`, m. */
  levelM = 0;
  private readonly s = new Float64Array(6);
  readonly rangeM = (tau: number): number => {
    this.seg.evalState(tau, this.s);
    return Math.hypot(this.s[0]!, this.s[1]!, this.s[2]!);
  };
  /** Range above `levelM`, m. */
  readonly excess = (tau: number): number => this.rangeM(tau) - this.levelM;
  /** rho . rhoDot: the sign of the range rate. */
  readonly rangeRate = (tau: number): number => {
    this.seg.evalState(tau, this.s);
    const s = this.s;
    return s[0]! * s[3]! + s[1]! * s[4]! + s[2]! * s[5]!;
  };
}

/** One relative-state stream: spacecraft `a` against the target (b = -1) or spacecraft `b`. */
interface Stream {
  a: number;
  b: number;
  prev: Float64Array;
  prevTS: number;
  inside: boolean;
  started: boolean;
}

/**
 * Watches every inspector's range to the target and to every other spacecraft for crossings of
 * the warning range; attach it to a run as an observer (`RunOptions.observers`).
 */
export class WarningTracker {
  private readonly streams: Stream[] = [];
  private readonly cur = new Float64Array(6);
  private readonly sr = new SegmentRange();
  private readonly out: WarningEvent[] = [];

  /**
   * @param ids spacecraft ids, in the run's order
   * @param targetName the target's name (the `other` of its events)
   * @param warnRangeM the warning range, m (> 0)
   */
  constructor(
    private readonly ids: readonly string[],
    private readonly targetName: string,
    private readonly warnRangeM: number,
  ) {
    const stream = (a: number, b: number): Stream => ({
      a,
      b,
      prev: new Float64Array(6),
      prevTS: 0,
      inside: false,
      started: false,
    });
    for (let a = 0; a < ids.length; a++) {
      this.streams.push(stream(a, -1));
      for (let b = a + 1; b < ids.length; b++) this.streams.push(stream(a, b));
    }
  }

  /** Run observer: every node's RIC states (m, m/s), in spacecraft order. */
  node(tS: number, ric: readonly Float64Array[]): void {
    const cur = this.cur;
    for (const st of this.streams) {
      const sa = ric[st.a]!;
      if (st.b < 0) for (let i = 0; i < 6; i++) cur[i] = sa[i]!;
      else {
        const sb = ric[st.b]!;
        for (let i = 0; i < 6; i++) cur[i] = sb[i]! - sa[i]!;
      }
      const rangeM = Math.hypot(cur[0]!, cur[1]!, cur[2]!);
      if (!st.started) {
        st.started = true;
        st.inside = rangeM < this.warnRangeM;
        if (st.inside) this.emit(st, 'enter', tS, rangeM);
      } else if (tS > st.prevTS) {
        this.step(st, tS, cur);
      }
      st.prev.set(cur);
      st.prevTS = tS;
    }
  }

  /** The events so far, by time. */
  events(): WarningEvent[] {
    return [...this.out].sort((x, y) => x.tS - y.tS);
  }

  /** Crossings on the segment from the stream's previous node to (tS, cur). */
  private step(st: Stream, tS: number, cur: Float64Array): void {
    const sr = this.sr;
    sr.levelM = this.warnRangeM;
    sr.seg.set(st.prevTS, st.prev, tS, cur);
    const g0 = sr.excess(0);
    const g1 = sr.excess(1);
    if (g0 < 0 !== g1 < 0) {
      this.cross(st, 0, 1, g0, g1);
      return;
    }
    // Same side at both nodes: an extremum inside the step may cross twice (in and out, or out
    // and in). A minimum is where rho . rhoDot goes from - to +, a maximum from + to -.
    const f0 = sr.rangeRate(0);
    const f1 = sr.rangeRate(1);
    const outside = g0 >= 0;
    if (outside ? !(f0 < 0 && f1 > 0) : !(f0 > 0 && f1 < 0)) return;
    const tauX = bracketRoot(sr.rangeRate, 0, 1, f0, f1, EVENT_TIME_TOLERANCE_S / sr.seg.hS);
    const gX = sr.excess(tauX);
    if (gX < 0 === g0 < 0) return;
    this.cross(st, 0, tauX, g0, gX);
    this.cross(st, tauX, 1, gX, g1);
  }

  /** The crossing of the warning range between fractions lo and hi of the current segment. */
  private cross(st: Stream, lo: number, hi: number, glo: number, ghi: number): void {
    const sr = this.sr;
    const h = sr.seg.hS;
    const tau = bracketRoot(sr.excess, lo, hi, glo, ghi, EVENT_TIME_TOLERANCE_S / h);
    st.inside = !st.inside;
    this.emit(st, st.inside ? 'enter' : 'leave', sr.seg.t0S + tau * h, sr.rangeM(tau));
  }

  private emit(st: Stream, event: 'enter' | 'leave', tS: number, rangeM: number): void {
    const target = st.b < 0;
    this.out.push({
      id: this.ids[st.a]!,
      other: target ? this.targetName : this.ids[st.b]!,
      otherKind: target ? 'target' : 'spacecraft',
      event,
      tS,
      rangeM,
    });
  }
}

/** A local minimum of the range between two objects. */
export interface ClosestApproach {
  /** When, s since the epoch. */
  tS: number;
  /** Range then (the miss distance), m. */
  rangeM: number;
}

/**
 * Every local minimum of the range along a relative trajectory, by time: where rho . rhoDot
 * crosses zero upwards on the cubic Hermite segment between samples (located to
 * EVENT_TIME_TOLERANCE_S), or a sample where the range rate jumps from closing to opening (an
 * impulse). A range still falling at the last sample gives no minimum.
 *
 * @param tS sample times, s (non-decreasing; two equal times are an impulse)
 * @param stateRic relative states [x, y, z, xd, yd, zd] (m, m/s), 6 per sample
 * @param count number of samples
 */
export function closestApproaches(
  tS: ArrayLike<number>,
  stateRic: ArrayLike<number>,
  count: number,
): ClosestApproach[] {
  const out: ClosestApproach[] = [];
  const sr = new SegmentRange();
  const rate = (k: number) =>
    stateRic[6 * k]! * stateRic[6 * k + 3]! +
    stateRic[6 * k + 1]! * stateRic[6 * k + 4]! +
    stateRic[6 * k + 2]! * stateRic[6 * k + 5]!;
  const rangeAt = (k: number) =>
    Math.hypot(stateRic[6 * k]!, stateRic[6 * k + 1]!, stateRic[6 * k + 2]!);
  for (let k = 1; k < count; k++) {
    const f0 = rate(k - 1);
    const f1 = rate(k);
    if (!(f0 < 0 && f1 >= 0)) continue;
    const h = tS[k]! - tS[k - 1]!;
    if (h <= 0) {
      out.push({ tS: tS[k]!, rangeM: rangeAt(k) });
      continue;
    }
    if (f1 === 0) {
      // exactly at the sample: found there (the next segment starts opening)
      out.push({ tS: tS[k]!, rangeM: rangeAt(k) });
      continue;
    }
    sr.seg.setAt(tS[k - 1]!, stateRic, 6 * (k - 1), tS[k]!, stateRic, 6 * k);
    const tau = bracketRoot(sr.rangeRate, 0, 1, f0, f1, EVENT_TIME_TOLERANCE_S / h);
    out.push({ tS: tS[k - 1]! + tau * h, rangeM: sr.rangeM(tau) });
  }
  return out;
}

/**
 * The first closest approach after `nowS` (strictly later), or null when the range does not
 * reach a minimum before the end of the trajectory.
 *
 * @param approaches closest approaches by time (`closestApproaches`)
 * @param nowS the time, s since the epoch
 */
export function nextClosestApproach(
  approaches: readonly ClosestApproach[],
  nowS: number,
): ClosestApproach | null {
  let lo = 0;
  let hi = approaches.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (approaches[mid]!.tS <= nowS) lo = mid + 1;
    else hi = mid;
  }
  return approaches[lo] ?? null;
}
