/**
 * The difference of a ghost's trajectory from the run's (./ghost.ts): computed in the simulation
 * worker, read by the page's HUD and plots. Apart from ./ghost.ts, which reads the dynamics
 * registry, so that the page does not load the dynamics models to read a difference.
 */

import { lastSampleAtOrBefore, type Ephemeris } from './ephemeris.ts';

/**
 * The ghost's position minus the run's, RIC, m, at each sample time of the run, and its length.
 * The ghost is interpolated (cubic Hermite) at the run's times; after an impulse at exactly a
 * sample time both sides read the state after it.
 */
export interface GhostDifference {
  /** Samples. */
  count: number;
  /** The run's sample times, s since the epoch. */
  tS: Float64Array;
  /** Ghost minus run position, RIC, m, 3 numbers per sample. */
  dRicM: Float64Array;
  /** |ghost minus run position|, m, per sample. */
  distanceM: Float64Array;
}

/**
 * The difference of a ghost trajectory from the run's (see `GhostDifference`).
 * @param run the run's ephemeris
 * @param ghost the ghost's ephemeris (same spacecraft, same epoch)
 */
export function ghostDifference(run: Ephemeris, ghost: Ephemeris): GhostDifference {
  const n = run.count;
  const tS = run.tS.slice(0, n);
  const dRicM = new Float64Array(3 * n);
  const distanceM = new Float64Array(n);
  const g = new Float64Array(6);
  const st = run.stateRic;
  for (let k = 0; k < n; k++) {
    ghost.stateAt(tS[k]!, g);
    const dx = g[0]! - st[6 * k]!;
    const dy = g[1]! - st[6 * k + 1]!;
    const dz = g[2]! - st[6 * k + 2]!;
    dRicM[3 * k] = dx;
    dRicM[3 * k + 1] = dy;
    dRicM[3 * k + 2] = dz;
    distanceM[k] = Math.sqrt(dx * dx + dy * dy + dz * dz);
  }
  return { count: n, tS, dRicM, distanceM };
}

/**
 * The difference at time `tS` (linear between samples, clamped to the span), into `out`:
 * [dR, dI, dC] in m. NaN when there are no samples.
 * @param d the difference
 * @param tS time, s since the epoch
 * @param out 3 numbers
 */
export function ghostDifferenceAt(d: GhostDifference, tS: number, out: Float64Array): Float64Array {
  const n = d.count;
  if (n === 0) return out.fill(Number.NaN);
  const t = d.tS;
  if (tS <= t[0]! || tS >= t[n - 1]!) {
    const k = tS <= t[0]! ? 0 : n - 1;
    out.set(d.dRicM.subarray(3 * k, 3 * k + 3));
    return out;
  }
  const lo = lastSampleAtOrBefore(t, n, tS);
  const hi = lo + 1;
  const span = t[hi]! - t[lo]!;
  const f = span > 0 ? (tS - t[lo]!) / span : 1;
  for (let i = 0; i < 3; i++) {
    const a = d.dRicM[3 * lo + i]!;
    out[i] = a + f * (d.dRicM[3 * hi + i]! - a);
  }
  return out;
}
