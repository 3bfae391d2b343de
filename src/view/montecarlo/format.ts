/**
 * Text of the Monte Carlo panel: probabilities as per cent with as many digits as the count
 * supports, violation kind names, counts and rates. Pure functions.
 */

import { constraintModule } from '../../constraints/registry.ts';
import type { ViolationKind } from '../../events/detectors.ts';

/** Short name of a violation kind, as the panel lists it (its constraint module's label). */
export function kindLabel(kind: ViolationKind): string {
  return constraintModule(kind)?.label ?? kind;
}

/**
 * A probability as per cent: `0 %`, `0.05 %`, `1.5 %`, `23.4 %`, `100 %`. Below 1 % two
 * significant digits, else one decimal; exact 0 and 1 without decimals.
 *
 * @param p probability in [0, 1] (NaN: no trials)
 */
export function formatPercent(p: number): string {
  if (!Number.isFinite(p)) return '—';
  if (p === 0) return '0 %';
  if (p === 1) return '100 %';
  const pct = p * 100;
  if (pct < 1) return `${pct.toPrecision(2)} %`;
  return `${pct.toFixed(1)} %`;
}

/**
 * A confidence interval as per cent, `0 – 1.9 %`.
 *
 * @param lo lower bound, probability
 * @param hi upper bound, probability
 */
export function formatInterval(lo: number, hi: number): string {
  const a = formatPercent(lo).replace(' %', '');
  return `${a} – ${formatPercent(hi)}`;
}

/**
 * An integer with thousands separators: `12,345`.
 *
 * @param n the number
 */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—';
}

/**
 * A distance for percentile tables, finer than the HUD's: `287.3 m`, `1.234 km`, `12.35 km`.
 *
 * @param m distance, m
 */
export function formatRangeFine(m: number): string {
  if (!Number.isFinite(m)) return '—';
  const a = Math.abs(m);
  if (a < 1000) return `${m.toFixed(1)} m`;
  if (a < 10_000) return `${(m / 1000).toFixed(3)} km`;
  return `${(m / 1000).toFixed(2)} km`;
}

/**
 * A delta-v for percentile tables with four significant digits: `0.1234 m/s`, `12.35 m/s`.
 *
 * @param mps delta-v, m/s
 */
export function formatDvFine(mps: number): string {
  if (!Number.isFinite(mps)) return '—';
  const a = Math.abs(mps);
  if (a === 0) return '0 m/s';
  const digits = Math.max(0, Math.min(6, 3 - Math.floor(Math.log10(a))));
  return `${mps.toFixed(digits)} m/s`;
}

/**
 * Trials per second, rounded to 3 significant digits: `1,850 trials/s`.
 *
 * @param trials trials done
 * @param seconds wall time, s
 */
export function formatRate(trials: number, seconds: number): string {
  if (!(seconds > 0) || !(trials > 0)) return '';
  const r = trials / seconds;
  const rounded = Number(r.toPrecision(3));
  return `${rounded.toLocaleString('en-US')} trials/s`;
}
