/**
 * Histograms as the panel draws them. The summary's histograms (src/montecarlo/stats.ts) span
 * [min, max] of the values, so the few trials with a missed burn, which drift kilometres away,
 * squeeze every other trial into a bar or two. The panel's bins span Tukey's "far out" fences
 * instead [1], [Q1 - 3 IQR, Q3 + 3 IQR] clipped to [min, max] (about +-4.7 sigma for a normal
 * distribution, so a well-behaved quantity is drawn whole), and the trials outside are counted
 * apart, as "below" and "above". When half the trials or more share one value (IQR = 0) the
 * central 99 % is used, and failing that [min, max]. Computed from the trial table in index
 * order, so they too depend only on the trials included.
 *
 * References:
 * [1] J. W. Tukey, Exploratory Data Analysis, Addison-Wesley, 1977, ch. 2 (fences).
 */

import { percentile } from '../../montecarlo/stats.ts';
import { TRIAL_OK, type TrialTable } from '../../montecarlo/trial.ts';

/** Bins drawn. */
export const DISPLAY_BINS = 30;
/** Fences at this many interquartile ranges beyond the quartiles. */
export const FENCE_IQR = 3;
/** Fraction left out at each end when the quartiles coincide. */
export const DISPLAY_TAIL = 0.005;

/** Equal bins over [start, start + bins * binWidth], and the counts outside. */
export interface DisplayHistogram {
  start: number;
  /** 0 when every value is the same (one bar). */
  binWidth: number;
  counts: number[];
  /** Values below `start` and above the last bin. */
  below: number;
  above: number;
  /** Smallest and largest value. */
  min: number;
  max: number;
}

/**
 * Histogram of ascending values between their fences.
 *
 * @param sorted values in ascending order
 * @param bins number of bins
 */
export function displayHistogram(sorted: ArrayLike<number>, bins = DISPLAY_BINS): DisplayHistogram {
  const n = sorted.length;
  const counts = new Array<number>(bins).fill(0);
  if (n === 0) {
    const nan = Number.NaN;
    return { start: nan, binWidth: nan, counts, below: 0, above: 0, min: nan, max: nan };
  }
  const min = sorted[0]!;
  const max = sorted[n - 1]!;
  const q1 = percentile(sorted, 0.25);
  const q3 = percentile(sorted, 0.75);
  let lo = q1 - FENCE_IQR * (q3 - q1);
  let hi = q3 + FENCE_IQR * (q3 - q1);
  if (!(q3 > q1)) {
    lo = percentile(sorted, DISPLAY_TAIL);
    hi = percentile(sorted, 1 - DISPLAY_TAIL);
  }
  if (!(hi > lo)) {
    lo = min;
    hi = max;
  }
  lo = Math.max(min, lo);
  hi = Math.min(max, hi);
  const binWidth = hi > lo ? (hi - lo) / bins : 0;
  let below = 0;
  let above = 0;
  for (let i = 0; i < n; i++) {
    const v = sorted[i]!;
    if (v < lo) below++;
    else if (v > hi) above++;
    else counts[binWidth > 0 ? Math.min(bins - 1, Math.floor((v - lo) / binWidth)) : 0]!++;
  }
  return { start: lo, binWidth, counts, below, above, min, max };
}

/** The panel's histograms of one spacecraft. */
export interface CraftHistograms {
  minRangeM: DisplayHistogram;
  totalDvMps: DisplayHistogram;
}

/**
 * Histograms of every spacecraft over trials 0..count-1 of a table (trials not flown left out).
 *
 * @param table the trials
 * @param count trials included (a done prefix)
 */
export function tableHistograms(table: TrialTable, count: number): CraftHistograms[] {
  const crafts = table.craftCount;
  let flown = 0;
  for (let t = 0; t < count; t++) if (table.status[t] === TRIAL_OK) flown++;
  const out: CraftHistograms[] = [];
  for (let i = 0; i < crafts; i++) {
    const range = new Float64Array(flown);
    const dv = new Float64Array(flown);
    let k = 0;
    for (let t = 0; t < count; t++) {
      if (table.status[t] !== TRIAL_OK) continue;
      range[k] = table.minRangeM[t * crafts + i]!;
      dv[k] = table.totalDvMps[t * crafts + i]!;
      k++;
    }
    out.push({
      minRangeM: displayHistogram(range.sort()),
      totalDvMps: displayHistogram(dv.sort()),
    });
  }
  return out;
}
