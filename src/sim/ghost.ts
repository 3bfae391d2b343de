/**
 * The ghost of the truth: the same scenario flown in the other dynamics model (Clohessy-Wiltshire
 * against the nonlinear two-body motion), and its difference from the run, so that the app can
 * show where the linear model stops being true.
 *
 * The ghost is the scenario with only `dynamics` replaced: the same initial states, the same
 * maneuver program (a targeted maneuver solves its targeting in the ghost's model, as a run in
 * that model would). Which model is "the other one" is one table, `GHOST_OF`: a model kind added
 * to the dynamics registry (./dynamics/registry.ts) gets a ghost by one entry there.
 */

import type { Scenario } from '../scenario/schema.ts';
import { lastSampleAtOrBefore, type Ephemeris } from './ephemeris.ts';
import { BUILTIN_DYNAMICS } from './dynamics/registry.ts';
import type { DynamicsModule } from './dynamics/module.ts';

/**
 * For each `dynamics` value, the models its ghost may fly, in order of preference: the first
 * that serves the target's orbit type (a registry module with that `dynamics` and orbit) is the
 * ghost. A circular target: CW against the nonlinear model both ways; an eccentric target
 * (`elliptical`, `elements`) flown in two-body motion: the Yamanaka-Ankersen linear model, and
 * back; the perturbed truth: the unperturbed nonlinear (two-body) motion.
 */
export const GHOST_OF: Readonly<Record<string, readonly string[]>> = {
  cw: ['nonlinear'],
  nonlinear: ['cw', 'ya'],
  ya: ['nonlinear'],
  perturbed: ['nonlinear'],
};

/**
 * The dynamics module the ghost of `s` flies, or null when there is none for its model and
 * target orbit.
 * @param s the scenario
 * @param registry the dynamics model kinds (default: the built-in ones)
 */
export function ghostModule(
  s: Scenario,
  registry: readonly DynamicsModule[] = BUILTIN_DYNAMICS,
): DynamicsModule | null {
  const orbit = s.target.orbit.type;
  for (const name of GHOST_OF[s.dynamics] ?? []) {
    const m = registry.find((d) => d.dynamics === name && d.orbits.includes(orbit));
    if (m) return m;
  }
  return null;
}

/**
 * The scenario of the ghost: `s` with the ghost's `dynamics`, or null when there is no ghost.
 * @param s the scenario
 * @param registry the dynamics model kinds (default: the built-in ones)
 */
export function ghostScenario(
  s: Scenario,
  registry: readonly DynamicsModule[] = BUILTIN_DYNAMICS,
): Scenario | null {
  const m = ghostModule(s, registry);
  return m ? { ...s, dynamics: m.dynamics } : null;
}

/** Why `s` has no ghost (one sentence), for the toggle's tooltip. */
export function noGhostReason(s: Scenario): string {
  return `no other model flies "dynamics": "${s.dynamics}" about a ${s.target.orbit.type} target`;
}

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
