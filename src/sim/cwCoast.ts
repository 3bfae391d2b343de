/**
 * The coast of a lone spacecraft in Clohessy-Wiltshire dynamics, fused with its event monitor:
 * the common case of a Monte Carlo trial (issue 18), where the run spends nearly all its time.
 *
 * `Run.coastAlone` (./run.ts) steps the model (`CwDynamics.rk4Step`, a call that loads and stores
 * the state array) and then calls `StreamMonitor.advance`, which V8 does not inline. Here both are
 * one loop on plain numbers: the state stays in locals from step to step, and the per-step part
 * of `advance` (range, range rate, a keep-out sphere's g and worst margin, the closest approach at
 * nodes) is done in line. A step in which anything happens (the range rate or the sphere's g
 * changes sign) is handed whole to `StreamMonitor.advance`, so event location is its code alone.
 *
 * The state's stores are written out where they are needed, not in a helper: V8 leaves a helper
 * that takes the six numbers out of line here, and then boxes all six on every step (8 MB of
 * garbage a 24 h trial at 1 s, measured with the heap sampler).
 *
 * Every operation is the one `CwDynamics` (src/dynamics/cw.ts) and `StreamMonitor.advance`
 * (src/events/monitor.ts) perform, in the same order, so the results are the same bits
 * (test/sim/cwCoast.test.ts, test/sim/bit-identical.test.ts).
 */

import { CwDynamics } from '../dynamics/cw.ts';
import type { DynamicsModel } from '../dynamics/model.ts';
import type { StreamMonitor } from '../events/monitor.ts';
import type { Ephemeris } from './ephemeris.ts';

/**
 * Whether `coastCw` can fly a lone spacecraft's coast: CW dynamics without thrust, steps of
 * `stepS` taken whole (no sub-steps), and a monitor (if any) with at most one constraint, a
 * keep-out sphere.
 * @param stepS the run's step, s
 */
export function canCoastCw(
  model: DynamicsModel,
  monitor: StreamMonitor | null,
  stepS: number,
): model is CwDynamics {
  // the class itself, not a subclass: the loop repeats CwDynamics.rk4Single
  if (Object.getPrototypeOf(model) !== CwDynamics.prototype || model.thrust.active) return false;
  // a step to a grid node is at most stepS (plus rounding): well inside one RK4 step
  if (!(2 * stepS <= model.maxSubStepS)) return false;
  if (monitor === null) return true;
  const tracks = monitor.tracks;
  return tracks.length === 0 || (tracks.length === 1 && tracks[0]!.sphereRadiusM >= 0);
}

/**
 * A test after each step of a coast: true stops the coast before that step (an armed trigger
 * whose condition becomes true within it). `prev` and `next` hold the RIC states at the step's
 * start t0S and end t1S (m, m/s); the test must not change them.
 */
export type CoastStop = (
  t0S: number,
  t1S: number,
  prev: Float64Array,
  next: Float64Array,
) => boolean;

/**
 * Steps `y` from `tS` over the grid nodes `(gridIndex + 1) * stepS` .. `last * stepS`, feeding
 * each node to `monitor` (when not null) and appending it to `eph` (when not null, room reserved
 * by the caller), as `Run.coastAlone` does. With `stop`, each step is tested before the monitor
 * and the ephemeris see it, and the first step it stops is undone: `y` is left at that step's
 * start. Only for a model and monitor that `canCoastCw` accepts.
 * @param model CW dynamics, no thrust active
 * @param y the RIC state [x, y, z, xd, yd, zd] at tS, m and m/s; advanced in place
 * @param tS time of the state, s (a grid node or an instant between nodes)
 * @param gridIndex index of the last grid node at or before tS
 * @param last index of the last grid node to reach (> gridIndex)
 * @param stepS grid step, s
 * @param stop the test after each step, or null
 * @param prevScratch room for `stop`'s start state (6 values); one is made when `stop` needs it
 *   and none is given
 * @returns the index of the last grid node reached: `last`, or the node before the stopped step
 */
export function coastCw(
  model: CwDynamics,
  y: Float64Array,
  monitor: StreamMonitor | null,
  eph: Ephemeris | null,
  tS: number,
  gridIndex: number,
  last: number,
  stepS: number,
  stop: CoastStop | null = null,
  prevScratch: Float64Array | null = null,
): number {
  // the step start for `stop` (never written without it)
  const prev = stop === null ? y : (prevScratch ?? new Float64Array(6));
  const n = model.nRadPerS;
  const a = 3 * n * n;
  const b = 2 * n;
  const w2 = n * n;
  let x1 = y[0]!;
  let y1 = y[1]!;
  let z1 = y[2]!;
  let u1 = y[3]!;
  let v1 = y[4]!;
  let w1 = y[5]!;
  // the monitor's per-step state, in locals (written back before a step it handles and at the end)
  const track = monitor !== null && monitor.tracks.length === 1 ? monitor.tracks[0]! : null;
  const radiusM = track !== null ? track.sphereRadiusM : 0;
  let minRangeM = monitor !== null ? monitor.minRangeM : 0;
  let minRangeTS = monitor !== null ? monitor.minRangeTS : 0;
  let f0 = monitor !== null ? monitor.lastRangeRate : 0;
  let gPrev = track !== null ? track.gPrev : 0;
  let worstMargin = track !== null ? track.worstMargin : 0;
  let worstMarginTS = track !== null ? track.worstMarginTS : 0;
  let t = tS;
  let hPrev = Number.NaN;
  let h2 = 0;
  let h6 = 0;
  let reached = last;
  for (let g = gridIndex + 1; g <= last; g++) {
    const tNext = g * stepS;
    const hS = tNext - t;
    if (hS !== hPrev) {
      hPrev = hS;
      h2 = 0.5 * hS;
      h6 = hS / 6;
    }
    // CwDynamics.rk4Single
    const au1 = a * x1 + b * v1;
    const av1 = -b * u1;
    const aw1 = -w2 * z1;
    const x2 = x1 + h2 * u1;
    const z2 = z1 + h2 * w1;
    const u2 = u1 + h2 * au1;
    const v2 = v1 + h2 * av1;
    const w2s = w1 + h2 * aw1;
    const au2 = a * x2 + b * v2;
    const av2 = -b * u2;
    const aw2 = -w2 * z2;
    const x3 = x1 + h2 * u2;
    const z3 = z1 + h2 * w2s;
    const u3 = u1 + h2 * au2;
    const v3 = v1 + h2 * av2;
    const w3 = w1 + h2 * aw2;
    const au3 = a * x3 + b * v3;
    const av3 = -b * u3;
    const aw3 = -w2 * z3;
    const x4 = x1 + hS * u3;
    const z4 = z1 + hS * w3;
    const u4 = u1 + hS * au3;
    const v4 = v1 + hS * av3;
    const w4 = w1 + hS * aw3;
    const au4 = a * x4 + b * v4;
    const av4 = -b * u4;
    const aw4 = -w2 * z4;
    const x = x1 + h6 * (u1 + 2 * (u2 + u3) + u4);
    const yy = y1 + h6 * (v1 + 2 * (v2 + v3) + v4);
    const z = z1 + h6 * (w1 + 2 * (w2s + w3) + w4);
    const u = u1 + h6 * (au1 + 2 * (au2 + au3) + au4);
    const v = v1 + h6 * (av1 + 2 * (av2 + av3) + av4);
    const w = w1 + h6 * (aw1 + 2 * (aw2 + aw3) + aw4);
    if (stop !== null) {
      prev[0] = x1;
      prev[1] = y1;
      prev[2] = z1;
      prev[3] = u1;
      prev[4] = v1;
      prev[5] = w1;
      y[0] = x;
      y[1] = yy;
      y[2] = z;
      y[3] = u;
      y[4] = v;
      y[5] = w;
      if (stop(t, tNext, prev, y)) {
        reached = g - 1;
        break;
      }
    }
    if (monitor !== null) {
      // StreamMonitor.advance's per-step path
      const f1 = x * u + yy * v + z * w;
      const r2 = x * x + yy * yy + z * z;
      let handOver = (f0 < 0 && f1 > 0) || (f0 > 0 && f1 < 0);
      let g1 = 0;
      if (!handOver && track !== null) {
        g1 = Math.sqrt(r2) - radiusM;
        handOver = gPrev < 0 !== g1 < 0;
      }
      if (handOver) {
        // a range extremum or a crossing inside the step: the monitor's own code, from its state
        // at the step's start
        y[0] = x1;
        y[1] = y1;
        y[2] = z1;
        y[3] = u1;
        y[4] = v1;
        y[5] = w1;
        monitor.minRangeM = minRangeM;
        monitor.minRangeTS = minRangeTS;
        if (track !== null) {
          track.gPrev = gPrev;
          track.worstMargin = worstMargin;
          track.worstMarginTS = worstMarginTS;
        }
        monitor.resume(t, y);
        y[0] = x;
        y[1] = yy;
        y[2] = z;
        y[3] = u;
        y[4] = v;
        y[5] = w;
        monitor.advance(tNext, y);
        minRangeM = monitor.minRangeM;
        minRangeTS = monitor.minRangeTS;
        if (track !== null) {
          gPrev = track.gPrev;
          worstMargin = track.worstMargin;
          worstMarginTS = track.worstMarginTS;
        }
      } else {
        if (track !== null) {
          if (g1 < worstMargin) {
            worstMargin = g1;
            worstMarginTS = tNext;
          }
          gPrev = g1;
        }
        if (r2 < minRangeM * minRangeM) {
          minRangeM = Math.sqrt(r2);
          minRangeTS = tNext;
        }
      }
      f0 = f1;
    }
    if (eph !== null) {
      const k = eph.count;
      eph.tS[k] = tNext;
      const o = 6 * k;
      const st = eph.stateRic;
      st[o] = x;
      st[o + 1] = yy;
      st[o + 2] = z;
      st[o + 3] = u;
      st[o + 4] = v;
      st[o + 5] = w;
      eph.count = k + 1;
    }
    x1 = x;
    y1 = yy;
    z1 = z;
    u1 = u;
    v1 = v;
    w1 = w;
    t = tNext;
  }
  y[0] = x1;
  y[1] = y1;
  y[2] = z1;
  y[3] = u1;
  y[4] = v1;
  y[5] = w1;
  if (monitor !== null) {
    monitor.minRangeM = minRangeM;
    monitor.minRangeTS = minRangeTS;
    if (track !== null) {
      track.gPrev = gPrev;
      track.worstMargin = worstMargin;
      track.worstMarginTS = worstMarginTS;
    }
    monitor.resume(t, y);
  }
  return reached;
}
