/**
 * A maneuvering target (`target.maneuvers`): the RIC frame stays centred on the target.
 *
 * - Nonlinear: the run (inertial two-body, relative formulation, RK4) against an independent
 *   reference (test/fixtures/kepler.ts: target and spacecraft each propagated in closed form,
 *   Kepler's equation and f and g), the target's burns added to its ECI velocity along its own
 *   R, I, C at the burn, and the spacecraft's state expressed in the target's RIC frame
 *   (rotating-frame rates).
 * - CW: a target burn changes the relative velocity by -dv; from the V-bar equilibrium the motion
 *   is then the CW closed form (Curtis eq. 7.53 with x0 = 0, y0, xd0 = -dvR).
 */

import { describe, expect, it } from 'vitest';
import { GEO_RADIUS_M, MU_EARTH_M3_S2 } from '../../src/core/constants.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { loadScenario } from '../../src/scenario/validate.ts';
import { evaluateScenario } from '../../src/scoring/evaluate.ts';
import { buildReport } from '../../src/scoring/report.ts';
import { eciToRic, keplerPropagate, ricToEci } from '../fixtures/kepler.ts';
import { makeScenario } from '../helpers.ts';

type V3 = [number, number, number];
const MU = MU_EARTH_M3_S2;

const BURNS: { tS: number; dv: V3 }[] = [
  { tS: 3000, dv: [0.1, 0.5, -0.2] },
  { tS: 9000, dv: [-0.3, -0.2, 0.4] },
];
const INITIAL_RIC: V3 = [0, -2000, 0];

/** The reference RIC state of the spacecraft at tS (m, m/s, rotating-frame rates). */
function referenceRic(tS: number): number[] {
  let rt: V3 = [GEO_RADIUS_M, 0, 0];
  let vt: V3 = [0, Math.sqrt(MU / GEO_RADIUS_M), 0];
  const c0 = ricToEci(rt, vt, [...INITIAL_RIC, 0, 0, 0]);
  let t = 0;
  for (const b of BURNS) {
    if (b.tS > tS) break;
    ({ r: rt, v: vt } = keplerPropagate(rt, vt, b.tS - t, MU));
    // the burn along the target's own R, I, C at that instant
    vt = ricToEci(rt, vt, [0, 0, 0, ...b.dv]).v;
    t = b.tS;
  }
  ({ r: rt, v: vt } = keplerPropagate(rt, vt, tS - t, MU));
  const c = keplerPropagate(c0.r, c0.v, tS, MU);
  return eciToRic(rt, vt, c.r, c.v);
}

function scenario(dynamics: 'cw' | 'nonlinear', burns = BURNS): Scenario {
  const over = {
    dynamics,
    durationS: 20000,
    stepS: 10,
    target: {
      name: 'T',
      orbit: { type: 'geo' as const, longitudeDeg: 0 },
      maneuvers: burns.map((b, i) => ({
        type: 'impulse' as const,
        ...(i === 0 ? { tS: b.tS } : { after: b.tS - burns[i - 1]!.tS }),
        frame: 'RIC' as const,
        dvMps: b.dv,
      })),
    },
  };
  const r = loadScenario(
    JSON.stringify(
      makeScenario(over, {
        initial: { frame: 'RIC', positionM: INITIAL_RIC, velocityMps: [0, 0, 0] },
      }),
    ),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.scenario;
}

describe('a maneuvering target', () => {
  it('nonlinear: the RIC state matches an inertial Kepler run of both objects within 1 mm', () => {
    const e = evaluateScenario(scenario('nonlinear'), { recordEphemeris: true });
    const eph = e.run.spacecraft[0]!.ephemeris!;
    let checked = 0;
    for (let k = 0; k < eph.count; k += 97) {
      const tS = eph.tS[k]!;
      const want = referenceRic(tS);
      const got = Array.from(eph.stateRic.subarray(6 * k, 6 * k + 6));
      for (let i = 0; i < 3; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(1e-3);
      for (let i = 3; i < 6; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(1e-6);
      checked++;
    }
    expect(checked).toBeGreaterThan(15);
    const final = Array.from(e.run.spacecraft[0]!.finalRic);
    const want = referenceRic(20000);
    for (let i = 0; i < 3; i++) expect(Math.abs(final[i]! - want[i]!)).toBeLessThan(1e-3);
    // the burns moved the frame by kilometres: a frame or sign error could not pass
    expect(Math.hypot(want[0]! - 0, want[1]! + 2000, want[2]!)).toBeGreaterThan(1000);
  });

  it('CW: after a radial target burn the relative motion is the CW closed form with xd0 = -dvR', () => {
    const dvR = 0.1;
    const tb = 3000;
    const e = evaluateScenario(scenario('cw', [{ tS: tb, dv: [dvR, 0, 0] }]));
    const n = e.run.meanMotionRadPerS;
    const t = 20000 - tb;
    const xd0 = -dvR;
    const want = [
      (xd0 / n) * Math.sin(n * t),
      -2000 + ((2 * xd0) / n) * (Math.cos(n * t) - 1),
      0,
      xd0 * Math.cos(n * t),
      -2 * xd0 * Math.sin(n * t),
      0,
    ];
    const got = Array.from(e.run.spacecraft[0]!.finalRic);
    for (let i = 0; i < 3; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(1e-3);
    for (let i = 3; i < 6; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(1e-7);
  });

  it('the report lists the target burns; the spacecraft burns and delta-v do not include them', () => {
    const r = buildReport(evaluateScenario(scenario('cw')));
    expect(r.target?.burns.map((b) => [b.tS, b.dvMps, b.maneuverIndex])).toEqual([
      [3000, [0.1, 0.5, -0.2], 0],
      [9000, [-0.3, -0.2, 0.4], 1],
    ]);
    expect(r.spacecraft[0]!.burns).toEqual([]);
    expect(r.spacecraft[0]!.totalDvMps).toBe(0);
  });

  it('refuses a triggered or late target burn, naming its JSON path', () => {
    const s = scenario('cw') as unknown as { target: { maneuvers: Record<string, unknown>[] } };
    s.target.maneuvers[0] = {
      type: 'impulse',
      when: 'rangeM < 100',
      frame: 'RIC',
      dvMps: [0, 0, 0],
    };
    s.target.maneuvers[1]!.after = 30000;
    const r = loadScenario(JSON.stringify(s));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'target.maneuvers[0].when' }),
        expect.objectContaining({
          path: 'target.maneuvers[1].after',
          message: 'fires at 30000 s, after the end of the run (durationS 20000 s)',
        }),
      ]),
    );
  });
});
