/**
 * Passive (abort) safety: if a burn fails, the spacecraft drifts free. From the state after every
 * burn and from states sampled along every coast, the free drift is propagated for N orbits with
 * the scenario's dynamics, and its closest approach to the target located between steps. The
 * worst of them is the plan's passive-safety margin.
 *
 * References:
 * [1] Fehse, Automated Rendezvous and Docking of Spacecraft, sec. 4.3 (passive trajectory
 *     safety: "a trajectory is passively safe if, when thrust stops at any point, the free drift
 *     does not enter the keep-out zone for at least N orbits").
 * [2] Gaylor and Barbee, "Algorithms for safe spacecraft proximity operations", AAS 07-125, 2007.
 */

import { StreamMonitor } from '../events/monitor.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { SpacecraftRun } from '../sim/run.ts';
import { createModel } from '../sim/run.ts';

/** Passive-safety result of one spacecraft. */
export interface PassiveSafetyResult {
  /** Smallest range to the target reached by any free drift, m. */
  worstRangeM: number;
  /**
   * Index in `burns` of the burn whose failure leads to the worst drift (the first burn after the
   * worst drift's start); null when the worst drift starts after the last burn.
   */
  worstBurnIndex: number | null;
  /** Start of the worst drift, s, and when it comes closest, s. */
  worstStartS: number;
  worstAtS: number;
  /** Drift starts whose drift comes closer than the limit: [first, last], s; null if none. */
  unsafeSpan: { startS: number; endS: number } | null;
  /** Number of drifts propagated. */
  drifts: number;
}

/** Step of the free drifts, s: 1/1440 of an orbit at most (RK4 error ~1e-6 m), at most 60 s. */
export function driftStepS(meanMotionRadPerS: number): number {
  return Math.min(60, (2 * Math.PI) / meanMotionRadPerS / 1440);
}

/**
 * Free drifts from every snapshot of a run (see `RunOptions.snapshotEveryS`).
 * @param spacecraftIndex index of the spacecraft in the scenario (its model's properties)
 * @param orbits drift length in target orbits
 * @param limitM range below which a drift is unsafe, m (0 for none)
 */
export function passiveSafety(
  s: Scenario,
  spacecraftIndex: number,
  craft: SpacecraftRun,
  meanMotionRadPerS: number,
  orbits: number,
  limitM: number,
): PassiveSafetyResult {
  const model = createModel(s, spacecraftIndex);
  const h = driftStepS(meanMotionRadPerS);
  const spanS = (orbits * 2 * Math.PI) / meanMotionRadPerS;
  const steps = Math.ceil(spanS / h);
  const ric = new Float64Array(6);
  const y = new Float64Array(model.stateSize);
  const result: PassiveSafetyResult = {
    worstRangeM: Infinity,
    worstBurnIndex: null,
    worstStartS: 0,
    worstAtS: 0,
    unsafeSpan: null,
    drifts: 0,
  };
  for (const snap of craft.snapshots) {
    y.set(snap.y);
    const monitor = new StreamMonitor([]);
    model.toRic(y, ric);
    monitor.begin(snap.tS, ric);
    for (let k = 0; k < steps; k++) {
      const t0 = snap.tS + k * h;
      const hk = Math.min(h, snap.tS + spanS - t0);
      model.rk4Step(t0, y, hk);
      model.toRic(y, ric);
      monitor.advance(t0 + hk, ric);
    }
    result.drifts++;
    if (monitor.minRangeM < limitM) {
      const span = result.unsafeSpan;
      result.unsafeSpan = span
        ? { startS: Math.min(span.startS, snap.tS), endS: Math.max(span.endS, snap.tS) }
        : { startS: snap.tS, endS: snap.tS };
    }
    if (monitor.minRangeM < result.worstRangeM) {
      result.worstRangeM = monitor.minRangeM;
      result.worstStartS = snap.tS;
      result.worstAtS = monitor.minRangeTS;
      const after =
        snap.burnIndex === null ? craft.burns.findIndex((b) => b.tS > snap.tS) : snap.burnIndex + 1;
      result.worstBurnIndex = after >= 0 && after < craft.burns.length ? after : null;
    }
  }
  return result;
}
