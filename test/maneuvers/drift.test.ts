// The drift approach against its relations (Soop, Handbook of Geostationary Orbits, sec. 3.2;
// Vallado, 4th ed., sec. 6.3): drift rate dlambda/dt = -1.5 n da / a, in-track burn dv = n da / 2
// (circular orbit), checked against the closed form in CW and against vis-viva and the mean
// motion of the osculating orbit in the nonlinear run, at 10,000 km along the GEO belt.

import { describe, expect, it } from 'vitest';
import { MU_EARTH_M3_S2 } from '../../src/core/constants.ts';
import {
  driftPlan,
  driftRateRadPerS,
  driftSemiMajorAxisChangeM,
  driftStartDvMps,
  orbitRadiusM,
} from '../../src/maneuvers/drift.ts';
import type { ManeuverSpec } from '../../src/scenario/schema.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { runScenario } from '../../src/sim/run.ts';
import { REF } from '../fixtures/reference.ts';
import { HEAVY_TEST_TIMEOUT_MS, makeScenario, valid } from '../helpers.ts';

const n = REF.nRadPerS;
const a = REF.radiusM;
const P = REF.orbitS;
const RATE_DEG_PER_DAY = 1.4;
const DAY_S = 86_400;
/** In-track speed of a 1.4 deg/day drift along the GEO belt, m/s (about 11.9). */
const DRIFT_SPEED_MPS = ((RATE_DEG_PER_DAY * Math.PI) / 180 / DAY_S) * a;

function fly(
  position: [number, number, number],
  maneuver: ManeuverSpec,
  durationS: number,
  dynamics: 'cw' | 'nonlinear',
) {
  const s = valid(
    makeScenario(
      { durationS, stepS: 60, dynamics },
      {
        initial: { frame: 'RIC', positionM: position, velocityMps: [0, 0, 0] },
        maneuvers: [maneuver],
      },
    ),
  );
  return runScenario(s, { recordEphemeris: true }).spacecraft[0]!;
}

/** RIC position at time tS from the ephemeris (the sample at that node), m. */
function positionAt(run: ReturnType<typeof fly>, tS: number): [number, number, number] {
  const e = run.ephemeris!;
  for (let k = 0; k < e.count; k++) {
    if (Math.abs(e.tS[k]! - tS) < 1e-6) {
      return [e.stateRic[6 * k]!, e.stateRic[6 * k + 1]!, e.stateRic[6 * k + 2]!];
    }
  }
  throw new Error(`no sample at ${tS} s`);
}

describe('drift relations', () => {
  it('da = -rate a / (1.5 n) and dv = n da / 2: 1.4 deg/day at GEO is 109 km and 3.98 m/s', () => {
    expect(orbitRadiusM(n)).toBeCloseTo(a, 0);
    const rate = driftRateRadPerS(RATE_DEG_PER_DAY);
    expect(rate).toBeCloseTo((1.4 * Math.PI) / 180 / 86400, 18);
    // drifting toward -I (westward, behind the target) raises the orbit
    const da = driftSemiMajorAxisChangeM(-rate, n, a);
    expect(da).toBeCloseTo(109_016, -1);
    expect(driftStartDvMps(da, n)).toBeCloseTo(DRIFT_SPEED_MPS / 3, 12);
    expect(driftStartDvMps(da, n)).toBeCloseTo(3.975, 3);
  });

  it('plans whole orbits: k at the full rate, one more for the remainder, ending at the stop', () => {
    const plan = driftPlan([0, 1e7, 0], RATE_DEG_PER_DAY, 1000, n, false);
    const orbits = (1e7 - 1000) / DRIFT_SPEED_MPS / P;
    expect(plan.fullOrbits).toBe(Math.floor(orbits));
    expect(plan.driftSpeedMps).toBeCloseTo(-DRIFT_SPEED_MPS, 12);
    expect(plan.lastOrbitSpeedMps * P).toBeCloseTo(
      1000 - 1e7 + DRIFT_SPEED_MPS * plan.fullOrbits * P,
      6,
    );
    expect(plan.legs).toHaveLength(2 * (plan.fullOrbits + 1));
    expect(plan.legs.at(-1)!.toPositionM).toEqual([0, 1000, 0]);
  });
});

describe('drift approach in CW, 10,000 km along V-bar to 1 km', () => {
  const run = fly(
    [0, 1e7, 0],
    { type: 'drift', tS: 0, rateDegPerDay: RATE_DEG_PER_DAY, stopAtInTrackM: 1000 },
    11 * P,
    'cw',
  );
  const k = Math.floor((1e7 - 1000) / DRIFT_SPEED_MPS / P);

  it('starts with one in-track burn of n da / 2 and stops with in-track burns, 2 |dv| in all', () => {
    const dv = DRIFT_SPEED_MPS / 3;
    const first = run.burns[0]!;
    expect(first.tS).toBe(0);
    expect(first.dvMps[1]).toBeCloseTo(dv, 9);
    expect(Math.hypot(first.dvMps[0], first.dvMps[2])).toBeLessThan(1e-9);
    // the burns between the half-orbit points of the natural path are zero in CW
    const slow = run.burns[2 * k]!;
    expect(slow.tS).toBeCloseTo(k * P, 6);
    for (const b of run.burns.slice(1, 2 * k)) expect(Math.hypot(...b.dvMps)).toBeLessThan(1e-9);
    expect(Math.hypot(slow.dvMps[0], slow.dvMps[2])).toBeLessThan(1e-9);
    expect(run.totalDvMps).toBeCloseTo(2 * dv, 8);
  });

  it('drifts at -1.5 n da / a: after k whole orbits it is k P times the drift speed nearer', () => {
    const [x, y] = positionAt(run, k * P);
    expect(x).toBeCloseTo(0, 4);
    expect(y).toBeCloseTo(1e7 - DRIFT_SPEED_MPS * k * P, 3);
  });

  it('ends at rest at the stop point', () => {
    const last = run.burns.at(-1)!;
    expect(last.tS).toBeCloseTo((k + 1) * P, 6);
    expect(Math.hypot(run.finalRic[0]!, run.finalRic[1]! - 1000, run.finalRic[2]!)).toBeLessThan(
      1e-3,
    );
    expect(Math.hypot(run.finalRic[3]!, run.finalRic[4]!, run.finalRic[5]!)).toBeLessThan(1e-9);
  });
});

describe('drift approach in the nonlinear model, 10,000 km along the GEO belt to 1 km', () => {
  // start on the belt (13.6 deg ahead), at rest in the rotating frame: the same circular orbit
  const th = 1e7 / a;
  const start: [number, number, number] = [a * Math.cos(th) - a, a * Math.sin(th), 0];
  const run = fly(
    start,
    { type: 'drift', tS: 0, rateDegPerDay: RATE_DEG_PER_DAY, stopAtInTrackM: 1000 },
    11 * P,
    'nonlinear',
  );
  const dv = run.burns[0]!.dvMps;
  // the inertial state after the first burn (RIC of the target: rates plus n x rho)
  const r = [a + start[0], start[1], 0];
  const v = [dv[0] - n * start[1], dv[1] + n * (a + start[0]), dv[2]];
  const aAfter =
    1 / (2 / Math.hypot(...r) - (v[0]! ** 2 + v[1]! ** 2 + v[2]! ** 2) / MU_EARTH_M3_S2);
  const da = aAfter - a;

  it('the first burn changes the semi-major axis by da = 2 dv / n (vis-viva), within 0.5 %', () => {
    expect(Math.abs(Math.hypot(...dv) - driftStartDvMps(da, n))).toBeLessThan(
      0.005 * Math.hypot(...dv),
    );
    // along the local direction of motion (13.6 deg around the belt from the I axis)
    const along = -dv[0] * Math.sin(th) + dv[1] * Math.cos(th);
    expect(along).toBeGreaterThan(0.999 * Math.hypot(...dv));
    expect(da).toBeGreaterThan(0);
  });

  it('the osculating orbit drifts at -1.5 n da / a within 0.5 % (the rate asked for)', () => {
    const drift = Math.sqrt(MU_EARTH_M3_S2 / aAfter ** 3) - n;
    expect(drift / ((-1.5 * n * da) / a) - 1).toBeLessThan(0.005);
    expect(drift / -driftRateRadPerS(RATE_DEG_PER_DAY) - 1).toBeLessThan(0.005);
  });

  it(
    'flies nearly naturally (corrections under 0.1 % of the drift burns) and stops at rest within 1 m',
    () => {
      const total = run.totalDvMps;
      const ideal = 2 * Math.hypot(...dv);
      expect(total).toBeGreaterThan(ideal * 0.999);
      expect(total).toBeLessThan(ideal * 1.001);
      expect(Math.hypot(run.finalRic[0]!, run.finalRic[1]! - 1000, run.finalRic[2]!)).toBeLessThan(
        1,
      );
      expect(Math.hypot(run.finalRic[3]!, run.finalRic[4]!, run.finalRic[5]!)).toBeLessThan(1e-6);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );
});

describe('drift: clear errors', () => {
  it('names the JSON path of a missing or negative rate', () => {
    const bad = makeScenario(
      {},
      { maneuvers: [{ type: 'drift', tS: 0, rateDegPerDay: -1 } as unknown as ManeuverSpec] },
    );
    const r = validateScenario(bad);
    expect(r.ok).toBe(false);
    const msgs = r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
    expect(msgs).toContain(
      'spacecraft[0].maneuvers[0].rateDegPerDay: expected drift rate in deg/day > 0',
    );
    expect(msgs).toContain(
      'spacecraft[0].maneuvers[0].stopAtInTrackM: missing in-track stop point in m',
    );
  });

  it('refuses a rate whose semi-major axis change is beyond the first-order relations', () => {
    expect(() =>
      fly([0, 1e7, 0], { type: 'drift', tS: 0, rateDegPerDay: 500, stopAtInTrackM: 0 }, 1000, 'cw'),
    ).toThrow(/rateDegPerDay.*semi-major axis change/);
  });
});
