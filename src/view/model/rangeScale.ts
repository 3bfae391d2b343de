/**
 * The range plot's scale: logarithmic when the ranges shown span more than two decades (a drift
 * from 1,000 km down to a 1 km football), linear otherwise, with a unit that fits the largest.
 */

import { distanceUnitFor, type DistanceUnit } from './format.ts';

/** Ratio of the largest to the smallest range above which the range plot is logarithmic. */
export const LOG_RANGE_RATIO = 100;

/** How the range plot is scaled: chosen from the data, or forced by the user. */
export type RangeScaleMode = 'auto' | 'linear' | 'log';

/** The range plot's y scale. */
export interface RangeScale {
  log: boolean;
  unit: DistanceUnit;
  /** Smallest and largest range above zero over every spacecraft, m. */
  minM: number;
  maxM: number;
}

/**
 * The range plot's scale for ranges sampled in `ranges` (each valid up to its count).
 *
 * @param ranges per spacecraft, range samples (m) and how many are valid
 * @param mode `auto`: log when max / min > LOG_RANGE_RATIO
 */
export function rangeScale(
  ranges: readonly { rangeM: ArrayLike<number>; count: number }[],
  mode: RangeScaleMode = 'auto',
): RangeScale {
  let minM = Infinity;
  let maxM = 0;
  for (const r of ranges) {
    for (let k = 0; k < r.count; k++) {
      const x = r.rangeM[k]!;
      if (x > 0 && x < minM) minM = x;
      if (x > maxM) maxM = x;
    }
  }
  const spans = maxM > 0 && maxM / minM > LOG_RANGE_RATIO;
  return {
    log: mode === 'log' ? maxM > 0 : mode === 'linear' ? false : spans,
    unit: distanceUnitFor(maxM),
    minM: Number.isFinite(minM) ? minM : 0,
    maxM,
  };
}
