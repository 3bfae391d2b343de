/**
 * The fused CW coast (src/sim/cwCoast.ts, issue 18) against the general path it replaces in
 * `Run.coastAlone`: `CwDynamics.rk4Step`, then `StreamMonitor.advance` and the ephemeris, step by
 * step. States, ephemeris, closest approach, worst margin and violation intervals must be the same
 * bits, across keep-out entries and exits, range extrema and a start between grid nodes, and the
 * monitor handed back must carry on as the general one does.
 */

import { describe, expect, it } from 'vitest';
import { CwDynamics } from '../../src/dynamics/cw.ts';
import { NonlinearCircularDynamics } from '../../src/dynamics/nonlinear.ts';
import { EllipsoidDetector, SphereDetector } from '../../src/events/detectors.ts';
import { StreamMonitor } from '../../src/events/monitor.ts';
import { canCoastCw, coastCw, type CoastStop } from '../../src/sim/cwCoast.ts';
import { Ephemeris } from '../../src/sim/ephemeris.ts';

/** GEO mean motion, rad/s. */
const N_GEO = 7.292115e-5;

/** The bits of a float array, for exact comparison (+0 and -0, NaN payloads included). */
function bits(a: Float64Array): bigint[] {
  return Array.from(new BigUint64Array(Float64Array.from(a).buffer));
}

interface Flight {
  y: Float64Array;
  monitor: StreamMonitor | null;
  eph: Ephemeris | null;
}

function start(y0: readonly number[], t0S: number, keepOutM: number | null, eph: boolean): Flight {
  const y = Float64Array.from(y0);
  const monitor =
    keepOutM === null ? null : new StreamMonitor([new SphereDetector('keep-out', keepOutM)]);
  monitor?.begin(t0S, y);
  return { y, monitor, eph: eph ? new Ephemeris(16) : null };
}

/**
 * What `Run.coastAlone` does without the fused loop with a trigger armed: each step tested after
 * it is taken, the first step that stops undone (its start state restored) before the monitor and
 * the ephemeris see it. Returns the last grid node reached.
 */
function coastGeneralUntil(
  model: CwDynamics,
  f: Flight,
  tS: number,
  gridIndex: number,
  last: number,
  stepS: number,
  stop: CoastStop,
): number {
  let t = tS;
  const prev = new Float64Array(6);
  for (let g = gridIndex + 1; g <= last; g++) {
    const tNext = g * stepS;
    prev.set(f.y);
    model.rk4Step(t, f.y, tNext - t);
    if (stop(t, tNext, prev, f.y)) {
      f.y.set(prev);
      return g - 1;
    }
    f.monitor?.advance(tNext, f.y);
    f.eph?.push(tNext, f.y);
    t = tNext;
  }
  return last;
}

/** What `Run.coastAlone` does without the fused loop and no trigger armed: one call per step. */
function coastGeneral(
  model: CwDynamics,
  f: Flight,
  tS: number,
  gridIndex: number,
  last: number,
  stepS: number,
): void {
  coastGeneralUntil(model, f, tS, gridIndex, last, stepS, () => false);
}

function coastFused(
  model: CwDynamics,
  f: Flight,
  tS: number,
  gridIndex: number,
  last: number,
  stepS: number,
): void {
  f.eph?.reserve(last - gridIndex);
  coastCw(model, f.y, f.monitor, f.eph, tS, gridIndex, last, stepS);
}

function expectSame(a: Flight, b: Flight): void {
  expect(bits(a.y)).toEqual(bits(b.y));
  if (a.monitor !== null && b.monitor !== null) {
    expect(Object.is(a.monitor.minRangeM, b.monitor.minRangeM)).toBe(true);
    expect(a.monitor.minRangeTS).toBe(b.monitor.minRangeTS);
    expect(Object.is(a.monitor.lastRangeRate, b.monitor.lastRangeRate)).toBe(true);
    const ta = a.monitor.tracks[0];
    const tb = b.monitor.tracks[0];
    if (ta !== undefined && tb !== undefined) {
      expect(Object.is(ta.worstMargin, tb.worstMargin)).toBe(true);
      expect(ta.worstMarginTS).toBe(tb.worstMarginTS);
      expect(Object.is(ta.gPrev, tb.gPrev)).toBe(true);
      expect(ta.intervals).toEqual(tb.intervals);
    }
  }
  if (a.eph !== null && b.eph !== null) {
    expect(a.eph.count).toBe(b.eph.count);
    expect(bits(a.eph.tS.subarray(0, a.eph.count))).toEqual(
      bits(b.eph.tS.subarray(0, b.eph.count)),
    );
    expect(bits(a.eph.stateRic.subarray(0, 6 * a.eph.count))).toEqual(
      bits(b.eph.stateRic.subarray(0, 6 * b.eph.count)),
    );
  }
}

/**
 * A pass by the target from 1 km behind at 0.4 m/s in-track, 20 m cross-track: it enters a 200 m
 * sphere near 2003 s, comes within about 72 m near 2461 s and leaves near 2920 s.
 */
const PASS = [0, -1000, 20, -0.1, 0.4, 0];

describe('fused CW coast', () => {
  const model = new CwDynamics(N_GEO);

  it.each([
    ['1 s grid from t = 0', 1, 0, 0, 6000],
    ['7 s grid from t = 0', 7, 0, 0, 900],
    ['0.1 s grid (steps not exact in binary)', 0.1, 0, 0, 60_000],
    ['10 s grid from 12.3 s, between nodes', 10, 12.3, 1, 600],
  ])('%s: the same bits as step-by-step stepping and monitoring', (_name, stepS, t0S, g0, last) => {
    const general = start(PASS, t0S, 200, true);
    const fused = start(PASS, t0S, 200, true);
    coastGeneral(model, general, t0S, g0, last, stepS);
    coastFused(model, fused, t0S, g0, last, stepS);
    expectSame(fused, general);
    // the case is the one it claims to be: the sphere entered and left, a range minimum between
    const track = general.monitor!.tracks[0]!;
    expect(track.intervals).toHaveLength(1);
    expect(track.intervals[0]!.endS).toBeGreaterThan(track.intervals[0]!.startS);
    expect(track.worstMargin).toBeLessThan(0);
    expect(general.monitor!.minRangeM).toBeLessThan(80);
  });

  it('hands the monitor back in a state from which the general path carries on the same', () => {
    const general = start(PASS, 0, 200, false);
    const fused = start(PASS, 0, 200, false);
    // stop the fused coast inside the zone, then go on with the general path on both
    coastGeneral(model, general, 0, 0, 2400, 1);
    coastFused(model, fused, 0, 0, 2400, 1);
    expect(fused.monitor!.tracks[0]!.violated).toBe(true);
    // still closing at 2400 s: the worst margin so far is the last node's
    expect(fused.monitor!.tracks[0]!.worstMarginTS).toBe(2400);
    expectSame(fused, general);
    coastGeneral(model, general, 2400, 2400, 6000, 1);
    coastGeneral(model, fused, 2400, 2400, 6000, 1);
    general.monitor!.finish(6000);
    fused.monitor!.finish(6000);
    expectSame(fused, general);
  });

  it('coasts without a constraint, and without a monitor (ephemeris only)', () => {
    for (const keepOut of [null, undefined]) {
      const general = start(PASS, 0, keepOut === null ? null : 200, true);
      const fused = start(PASS, 0, keepOut === null ? null : 200, true);
      if (keepOut === undefined) {
        general.monitor = new StreamMonitor([]);
        fused.monitor = new StreamMonitor([]);
        general.monitor.begin(0, general.y);
        fused.monitor.begin(0, fused.y);
      }
      coastGeneral(model, general, 0, 0, 5000, 1);
      coastFused(model, fused, 0, 0, 5000, 1);
      expectSame(fused, general);
    }
  });

  it.each([
    ['inside the keep-out zone (range < 120 m)', 120, 2400],
    ['before the zone (range < 500 m)', 500, 1500],
  ])(
    'with a trigger armed, stops before the step in which it becomes true: %s',
    (_name, rangeM, afterS) => {
      // a condition on the step's end state, and one that reads the start state too (as the
      // trigger's scan between nodes does): both must see the states the general path sees
      const seen: number[] = [];
      const stop: CoastStop = (t0S, t1S, prev, next) => {
        const r0 = Math.hypot(prev[0]!, prev[1]!, prev[2]!);
        const r1 = Math.hypot(next[0]!, next[1]!, next[2]!);
        seen.push(t0S, t1S, r0, r1);
        return t1S > afterS && r1 < rangeM && r1 < r0;
      };
      const general = start(PASS, 0, 200, true);
      const fused = start(PASS, 0, 200, true);
      const reachedGeneral = coastGeneralUntil(model, general, 0, 0, 6000, 1, stop);
      const seenGeneral = seen.splice(0);
      fused.eph!.reserve(6000);
      const reachedFused = coastCw(
        model,
        fused.y,
        fused.monitor,
        fused.eph,
        0,
        0,
        6000,
        1,
        stop,
        new Float64Array(6),
      );
      expect(reachedFused).toBe(reachedGeneral);
      expect(reachedGeneral).toBeGreaterThanOrEqual(afterS);
      expect(reachedGeneral).toBeLessThan(6000);
      expect(seen).toEqual(seenGeneral);
      expectSame(fused, general);
      // and the monitor carries on from there as the general one does
      coastGeneral(model, general, reachedGeneral, reachedGeneral, 6000, 1);
      coastGeneral(model, fused, reachedGeneral, reachedGeneral, 6000, 1);
      general.monitor!.finish(6000);
      fused.monitor!.finish(6000);
      expectSame(fused, general);
    },
  );

  it('takes only what it reproduces: CW without thrust, whole steps, a lone keep-out sphere', () => {
    const sphere = () => new SphereDetector('keep-out', 200);
    const ellipsoid = () => new EllipsoidDetector('approach-ellipsoid', [200, 400, 200]);
    expect(canCoastCw(model, null, 1)).toBe(true);
    expect(canCoastCw(model, new StreamMonitor([]), 1)).toBe(true);
    expect(canCoastCw(model, new StreamMonitor([sphere()]), 1)).toBe(true);
    expect(canCoastCw(model, new StreamMonitor([ellipsoid()]), 1)).toBe(false);
    expect(canCoastCw(model, new StreamMonitor([sphere(), sphere()]), 1)).toBe(false);
    expect(canCoastCw(new NonlinearCircularDynamics(N_GEO, 42_164_169.6), null, 1)).toBe(false);
    const limited = new CwDynamics(N_GEO);
    limited.maxSubStepS = 30;
    expect(canCoastCw(limited, null, 15)).toBe(true);
    expect(canCoastCw(limited, null, 20)).toBe(false);
    // a subclass may step differently from the loop's copy of CwDynamics.rk4Single
    class OtherCw extends CwDynamics {}
    expect(canCoastCw(new OtherCw(N_GEO), null, 1)).toBe(false);
    const thrusting = new CwDynamics(N_GEO);
    thrusting.thrust.active = true;
    expect(canCoastCw(thrusting, null, 1)).toBe(false);
  });
});
