// The RPO pattern library against its closed forms (../shared/REFERENCE.md, hop formulas and
// forced motion; Fehse, Automated Rendezvous and Docking of Spacecraft, ch. 3): V-bar hops
// (radial n d / 4, tangential n d / (6 pi) per burn), the Hohmann-type radial hop
// (n (x1 - x0) / 4 per burn), R-bar hold cost 3 n^2 x, football closure, teardrops, glideslopes.

import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/sim/run.ts';
import type { ManeuverSpec } from '../../src/scenario/schema.ts';
import { REF } from '../fixtures/reference.ts';
import { makeScenario, valid } from '../helpers.ts';

const n = REF.nRadPerS;
const hops = REF.hops as unknown as {
  vbar_hop_radial_impulses_half_orbit: { each_m_s_per_km: number };
  vbar_hop_tangential_impulses_full_orbit: { each_m_s_per_km: number };
  radial_offset_change_hohmann: { each_m_s_per_km: number };
  forced_motion: { rbar_hold_dv_per_day_per_km_m_s: number };
};

function fly(
  position: [number, number, number],
  maneuvers: ManeuverSpec[],
  durationS: number,
  stepS = 10,
  dynamics: 'cw' | 'nonlinear' = 'cw',
  velocity: [number, number, number] = [0, 0, 0],
) {
  const s = valid(
    makeScenario(
      { durationS, stepS, dynamics },
      { initial: { frame: 'RIC', positionM: position, velocityMps: velocity }, maneuvers },
    ),
  );
  return runScenario(s, { recordEphemeris: true }).spacecraft[0]!;
}

describe('vbar-hop', () => {
  it('radial: two burns of n d / 4 toward Earth, half an orbit apart, arriving at rest', () => {
    const run = fly(
      [0, -10000, 0],
      [{ type: 'vbar-hop', tS: 1000, toInTrackM: -1000, burns: 'radial' }],
      1000 + REF.orbitS / 2 + 5000,
    );
    const each = 9 * hops.vbar_hop_radial_impulses_half_orbit.each_m_s_per_km;
    expect(run.burns).toHaveLength(2);
    expect(run.burns[0]!.dvMps[0]).toBeCloseTo(-each, 12);
    expect(run.burns[1]!.dvMps[0]).toBeCloseTo(-each, 9);
    expect(run.burns[1]!.tS - run.burns[0]!.tS).toBeCloseTo(REF.orbitS / 2, 6);
    expect(run.finalRic[1]).toBeCloseTo(-1000, 4);
    expect(Math.hypot(run.finalRic[0]!, run.finalRic[3]!, run.finalRic[4]!)).toBeLessThan(1e-6);
  });

  it('tangential: two burns of n d / (6 pi), one orbit apart', () => {
    const run = fly(
      [0, -10000, 0],
      [{ type: 'vbar-hop', tS: 0, toInTrackM: -1000, burns: 'tangential' }],
      REF.orbitS + 100,
    );
    const each = 9 * hops.vbar_hop_tangential_impulses_full_orbit.each_m_s_per_km;
    expect(run.burns[0]!.dvMps[1]).toBeCloseTo(-each, 12);
    expect(run.burns[1]!.dvMps[1]).toBeCloseTo(each, 9);
    expect(run.finalRic[1]).toBeCloseTo(-1000, 4);
  });
});

describe('rbar-hop (Hohmann-type change of radial offset)', () => {
  it('from a circular drift 2 km below to the target orbit: two in-track burns of n (x1 - x0) / 4', () => {
    const run = fly(
      [-2000, -20000, 0],
      [{ type: 'rbar-hop', tS: 0, toRadialM: 0 }],
      REF.orbitS / 2 + 1000,
      10,
      'cw',
      [0, 1.5 * n * 2000, 0],
    );
    const each = 2 * hops.radial_offset_change_hohmann.each_m_s_per_km;
    expect(run.burns[0]!.dvMps[1]).toBeCloseTo(each, 12);
    expect(run.burns[1]!.dvMps[1]).toBeCloseTo(each, 9);
    expect(Math.abs(run.finalRic[0]!)).toBeLessThan(1e-6);
    expect(Math.abs(run.finalRic[4]!)).toBeLessThan(1e-9);
  });
});

describe('hold with a deadband', () => {
  it('on R-bar 1 km above: costs 3 n^2 x = 1.378 m/s per day and stays within the deadband', () => {
    const deadbandM = 10;
    const run = fly([1000, 0, 0], [{ type: 'hold', tS: 0, durationS: 86400, deadbandM }], 86400, 5);
    const perDay = hops.forced_motion.rbar_hold_dv_per_day_per_km_m_s;
    expect(perDay).toBeCloseTo(3 * n * n * 1000 * 86400, 9);
    expect(Math.abs(run.totalDvMps - perDay) / perDay).toBeLessThan(0.02);
    const e = run.ephemeris!;
    let worst = 0;
    for (let k = 0; k < e.count; k++) {
      const o = 6 * k;
      worst = Math.max(
        worst,
        Math.hypot(e.stateRic[o]! - 1000, e.stateRic[o + 1]!, e.stateRic[o + 2]!),
      );
    }
    expect(worst).toBeLessThan(deadbandM * 1.05);
    expect(worst).toBeGreaterThan(deadbandM * 0.5);
  });

  it('on V-bar: free in CW', () => {
    const run = fly(
      [0, -1000, 0],
      [{ type: 'hold', tS: 0, durationS: 86400, deadbandM: 10 }],
      86400,
      30,
    );
    expect(run.totalDvMps).toBeLessThan(1e-9);
  });

  it('on H-bar (cross-track) costs n^2 z per unit time', () => {
    const run = fly(
      [0, 0, 1000],
      [{ type: 'hold', tS: 0, durationS: 43200, deadbandM: 10 }],
      43200,
      5,
    );
    const want = n * n * 1000 * 43200;
    expect(Math.abs(run.totalDvMps - want) / want).toBeLessThan(0.03);
  });
});

describe('football with a cross-track amplitude', () => {
  it('closes after one orbit with cross-track amplitude B', () => {
    const A = 1000;
    const B = 500;
    const run = fly(
      [0, 2 * A, 0],
      [{ type: 'football', tS: 0, amplitudeM: A, crossTrackM: B }],
      REF.orbitS,
      10,
    );
    const e = run.ephemeris!;
    let zMax = 0;
    for (let k = 0; k < e.count; k++) zMax = Math.max(zMax, Math.abs(e.stateRic[6 * k + 2]!));
    expect(zMax).toBeCloseTo(B, 2);
    expect(Math.hypot(run.finalRic[0]!, run.finalRic[1]! - 2 * A, run.finalRic[2]!)).toBeLessThan(
      1e-6,
    );
  });
});

describe('teardrop', () => {
  it('returns to the cusp every period, one burn per cycle, symmetric about R-bar, below the target orbit', () => {
    const periodS = 6 * 3600;
    const run = fly(
      [-1000, 0, 0],
      [{ type: 'teardrop', tS: 0, periodS, cycles: 3 }],
      3 * periodS + 100,
      10,
    );
    expect(run.burns).toHaveLength(4);
    const e = run.ephemeris!;
    const cusp = new Float64Array(6);
    for (let k = 1; k <= 3; k++) {
      e.stateAt(k * periodS - 1e-6, cusp);
      expect(Math.hypot(cusp[0]! + 1000, cusp[1]!, cusp[2]!)).toBeLessThan(1e-5);
    }
    // every cycle is the same loop: the same burn each time (mirror symmetry about R-bar)
    expect(Math.hypot(...run.burns[1]!.dvMps)).toBeCloseTo(Math.hypot(...run.burns[2]!.dvMps), 9);
    // the loop rises toward the target orbit (against the gravity gradient) and back, mirror
    // symmetric about R-bar: I(t) = -I(period - t), R(t) = R(period - t)
    let xMax = -Infinity;
    for (let k = 0; k < e.count; k++) xMax = Math.max(xMax, e.stateRic[6 * k]!);
    expect(xMax).toBeLessThan(0);
    expect(xMax).toBeGreaterThan(-1000);
    const a = e.stateAt(periodS + 5000, new Float64Array(6));
    const b = e.stateAt(2 * periodS - 5000, new Float64Array(6));
    expect(a[0]).toBeCloseTo(b[0]!, 5);
    expect(a[1]).toBeCloseTo(-b[1]!, 5);
  });
});

describe('glideslope', () => {
  it('approaches along the line of sight in equal-time legs of falling length, stopping at the end', () => {
    const run = fly(
      [0, -2000, 0],
      [{ type: 'glideslope', tS: 0, toRangeM: 100, pulses: 5, durationS: 20000 }],
      25000,
      5,
      'nonlinear',
    );
    expect(run.burns).toHaveLength(6);
    expect(run.burns.map((b) => b.tS)).toEqual([0, 4000, 8000, 12000, 16000, 20000]);
    expect(Math.hypot(run.finalRic[0]!, run.finalRic[1]! + 100, run.finalRic[2]!)).toBeLessThan(
      0.01,
    );
    // every waypoint reached within 1 cm, on the -I axis
    for (const b of run.burns.slice(1)) expect(b.missM).toBeLessThan(0.01);
    const e = run.ephemeris!;
    const at = (t: number) => e.stateAt(t, new Float64Array(6))[1]!;
    const legs = [0, 1, 2, 3, 4].map((k) => at((k + 1) * 4000 - 1e-6) - at(k * 4000 + 1e-6));
    for (let k = 1; k < 5; k++) expect(legs[k]!).toBeLessThan(legs[k - 1]!);
    expect(legs[4]! / legs[0]!).toBeCloseTo(0.1, 6);
  });
});
