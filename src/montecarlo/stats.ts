/**
 * Statistics of a Monte Carlo run: violation probabilities with 95 % Wilson score intervals,
 * percentiles, fixed-count histograms, the worst trial, and the `rpo-montecarlo` v1 summary.
 *
 * Everything is computed from a TrialTable read in trial-index order (sums in that order, sorts
 * with ties broken by index), so the result depends only on which trials are included, never on
 * the order in which workers delivered them.
 *
 * - Wilson score interval [1] (recommended over the Wald interval by [2]): for x successes in n
 *   trials, p = x / n and z = 1.959963984540054 (the 97.5 % normal quantile),
 *   centre = (p + z^2 / 2n) / (1 + z^2 / n), half-width = z / (1 + z^2 / n) sqrt(p (1 - p) / n +
 *   z^2 / 4n^2). It stays inside [0, 1] and is not degenerate at x = 0 or x = n (0 of 10 gives
 *   [0, 0.2775]).
 * - Percentiles: linear interpolation between order statistics, definition 7 of Hyndman and Fan
 *   [3] (the default of R, NumPy and Excel's PERCENTILE.INC): with x sorted ascending and
 *   h = (n - 1) q, Q(q) = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
 * - Histograms: HISTOGRAM_BINS equal bins spanning [min, max] of the values; the maximum goes in
 *   the last bin.
 * - Trials that could not be flown (a dispersed plan the run rejects) are counted apart and left
 *   out of every statistic.
 *
 * References:
 * [1] Wilson, "Probable inference, the law of succession, and statistical inference", JASA
 *     22(158), 1927.
 * [2] Agresti and Coull, "Approximate is better than 'exact' for interval estimation of binomial
 *     proportions", The American Statistician 52(2), 1998.
 * [3] Hyndman and Fan, "Sample quantiles in statistical packages", The American Statistician
 *     50(4), 1996.
 */

import type { DispersionsSpec, Scenario } from '../scenario/schema.ts';
import { isZeroDispersion } from './sampler.ts';
import type { TrialTable } from './trial.ts';
import { possibleViolationKinds, TRIAL_FAILED, TRIAL_OK, violationBit } from './trial.ts';

/** Two-sided 95 % standard normal quantile (the 0.975 quantile). */
export const Z_95 = 1.959963984540054;

/** Number of histogram bins. */
export const HISTOGRAM_BINS = 20;

/** Summary format name and version (`rpo-sim montecarlo --json`). */
export const MONTECARLO_FORMAT = 'rpo-montecarlo';
export const MONTECARLO_FORMAT_VERSION = 1;

/** A proportion with its confidence interval. */
export interface Proportion {
  /** Point estimate x / n. */
  p: number;
  /** Lower and upper bounds of the 95 % Wilson score interval. */
  lo: number;
  hi: number;
  /** Successes x (trials with the event). */
  count: number;
}

/**
 * Wilson score interval of x successes in n trials [1].
 * @param z normal quantile (Z_95 for 95 %)
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): Proportion {
  if (n <= 0) return { p: Number.NaN, lo: 0, hi: 1, count: successes };
  const p = successes / n;
  const z2n = (z * z) / n;
  const denom = 1 + z2n;
  const centre = (p + z2n / 2) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  return {
    p,
    // at x = 0 (x = n) the bound is 0 (1) analytically; rounding would leave +-1e-17
    lo: successes === 0 ? 0 : Math.max(0, centre - half),
    hi: successes === n ? 1 : Math.min(1, centre + half),
    count: successes,
  };
}

/**
 * Percentile by linear interpolation between order statistics (Hyndman-Fan 7 [3]).
 * @param sorted values in ascending order
 * @param q quantile in [0, 1]
 */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo]!;
  return a + (h - lo) * (sorted[hi]! - a);
}

/** Equal-width histogram over [start, start + bins * binWidth]. */
export interface Histogram {
  start: number;
  binWidth: number;
  counts: number[];
}

/** Histogram of ascending values in HISTOGRAM_BINS bins spanning their range. */
export function histogram(sorted: ArrayLike<number>, bins = HISTOGRAM_BINS): Histogram {
  const n = sorted.length;
  const counts = new Array<number>(bins).fill(0);
  if (n === 0) return { start: Number.NaN, binWidth: Number.NaN, counts };
  const start = sorted[0]!;
  const binWidth = (sorted[n - 1]! - start) / bins;
  for (let i = 0; i < n; i++) {
    const k = binWidth > 0 ? Math.floor((sorted[i]! - start) / binWidth) : 0;
    counts[Math.min(bins - 1, k)]!++;
  }
  return { start, binWidth, counts };
}

/** Percentiles and spread of one quantity over the trials. */
export interface Distribution {
  p5: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
  histogram: Histogram;
}

function distribution(values: Float64Array): Distribution {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  return {
    p5: percentile(sorted, 0.05),
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    min: n > 0 ? sorted[0]! : Number.NaN,
    max: n > 0 ? sorted[n - 1]! : Number.NaN,
    mean: n > 0 ? sum / n : Number.NaN,
    histogram: histogram(sorted),
  };
}

/** The statistics of one spacecraft. */
export interface SpacecraftSummary {
  id: string;
  /** Probability of each violation kind (a ViolationKind) this spacecraft can incur. */
  violations: Record<string, Proportion>;
  /** Probability that any of them occurs in a trial. */
  anyViolation: Proportion;
  minRangeM: Distribution;
  totalDvMps: Distribution;
  /** Worst free-drift range, m, when the scenario sets constraints.passiveSafety. */
  passiveSafetyWorstRangeM?: Distribution;
  /** The trial with the smallest minimum range (ties: lowest index); null if none was flown. */
  worst: { trialIndex: number; seed: number; minRangeM: number } | null;
}

/** The summary of a Monte Carlo run (`rpo-montecarlo` v1). */
export interface MonteCarloSummary {
  format: typeof MONTECARLO_FORMAT;
  version: typeof MONTECARLO_FORMAT_VERSION;
  scenario: string;
  /** Trials asked for. */
  trials: number;
  seed: number;
  /** Trials the statistics cover: 0..completed-1 (fewer than `trials` when interrupted). */
  completed: number;
  interrupted: boolean;
  /** Trials that could not be flown (left out of the statistics), with the first reason. */
  failed: { count: number; firstTrialIndex: number | null; message: string | null };
  /** Trials flown and counted (completed - failed.count). */
  flown: number;
  /** The dispersions applied (1-sigma, RIC); null: none (every trial is the nominal run). */
  dispersions: DispersionsSpec | null;
  confidence: 0.95;
  intervalMethod: 'wilson';
  percentileMethod: 'linear (Hyndman-Fan 7)';
  spacecraft: SpacecraftSummary[];
  /** Over all spacecraft, the trial with the smallest minimum range. */
  worst: { trialIndex: number; seed: number; spacecraft: string; minRangeM: number } | null;
}

/**
 * Summarises trials 0..count-1 of a table (all must be done).
 * @param count trials to include (a prefix, so that an interrupted run's result is the same as a
 *   full run of `count` trials)
 */
export function summarize(
  s: Scenario,
  table: TrialTable,
  seed: number,
  count: number = table.trials,
  interrupted = false,
): MonteCarloSummary {
  const crafts = table.craftCount;
  let flown = 0;
  let failedCount = 0;
  let firstFailed: number | null = null;
  for (let t = 0; t < count; t++) {
    const st = table.status[t];
    if (st === TRIAL_OK) flown++;
    else if (st === TRIAL_FAILED) {
      failedCount++;
      firstFailed ??= t;
    } else throw new Error(`trial ${t} is not done`);
  }
  const spacecraft = s.spacecraft.map((sc, i): SpacecraftSummary => {
    const kinds = possibleViolationKinds(s, i);
    const hits = new Array<number>(kinds.length).fill(0);
    let any = 0;
    const minRange = new Float64Array(flown);
    const dv = new Float64Array(flown);
    const passive = new Float64Array(flown);
    let worst: SpacecraftSummary['worst'] = null;
    let k = 0;
    for (let t = 0; t < count; t++) {
      if (table.status[t] !== TRIAL_OK) continue;
      const at = t * crafts + i;
      const mask = table.violationMask[at]!;
      kinds.forEach((kind, j) => {
        if (mask & violationBit(kind)) hits[j]!++;
      });
      if (mask !== 0) any++;
      const r = table.minRangeM[at]!;
      minRange[k] = r;
      dv[k] = table.totalDvMps[at]!;
      passive[k] = table.passiveWorstRangeM[at]!;
      k++;
      if (worst === null || r < worst.minRangeM) worst = { trialIndex: t, seed, minRangeM: r };
    }
    const violations: Record<string, Proportion> = {};
    kinds.forEach((kind, j) => (violations[kind] = wilsonInterval(hits[j]!, flown)));
    const out: SpacecraftSummary = {
      id: sc.id,
      violations,
      anyViolation: wilsonInterval(any, flown),
      minRangeM: distribution(minRange),
      totalDvMps: distribution(dv),
      worst,
    };
    if (s.constraints?.passiveSafety) out.passiveSafetyWorstRangeM = distribution(passive);
    return out;
  });
  let worst: MonteCarloSummary['worst'] = null;
  spacecraft.forEach((c) => {
    if (c.worst && (worst === null || c.worst.minRangeM < worst.minRangeM)) {
      worst = { ...c.worst, spacecraft: c.id };
    }
  });
  return {
    format: MONTECARLO_FORMAT,
    version: MONTECARLO_FORMAT_VERSION,
    scenario: s.name,
    trials: table.trials,
    seed,
    completed: count,
    interrupted,
    failed: {
      count: failedCount,
      firstTrialIndex: firstFailed,
      message: firstFailed === null ? null : (table.errors.get(firstFailed) ?? null),
    },
    flown,
    dispersions: isZeroDispersion(s.dispersions) ? null : (s.dispersions ?? null),
    confidence: 0.95,
    intervalMethod: 'wilson',
    percentileMethod: 'linear (Hyndman-Fan 7)',
    spacecraft,
    worst,
  };
}
