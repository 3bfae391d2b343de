// The batch run: exact maneuver timing between steps, the final shorter step, burns at the end,
// finite burns against the rocket equation and an independent fine integration, football
// closure (../shared/REFERENCE.md "Football"), several spacecraft and their pair ranges.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { G0_MPS2 } from '../../src/core/constants.ts';
import { cwPropagate } from '../../src/dynamics/cw.ts';
import { loadScenario } from '../../src/scenario/validate.ts';
import { runScenario, ScenarioRunError } from '../../src/sim/run.ts';
import { REF } from '../fixtures/reference.ts';
import { makeScenario, valid } from '../helpers.ts';

const n = REF.nRadPerS;

/** Closed-form CW through a list of impulses: the independent reference for timing. */
function cwWithImpulses(
  x0: number[],
  impulses: { tS: number; dv: number[] }[],
  endS: number,
): Float64Array {
  let state: Float64Array = Float64Array.from(x0);
  let t = 0;
  for (const imp of impulses) {
    state = cwPropagate(n, state, imp.tS - t, new Float64Array(6));
    for (let i = 0; i < 3; i++) state[3 + i] = state[3 + i]! + imp.dv[i]!;
    t = imp.tS;
  }
  return cwPropagate(n, state, endS - t, new Float64Array(6));
}

describe('time nodes', () => {
  it('an impulse between steps happens at its exact time (step 100 s, burn at 1234.567 s)', () => {
    const impulses = [
      { tS: 1234.567, dv: [0.05, -0.02, 0.01] },
      { tS: 5000.001, dv: [-0.01, 0.03, 0] },
    ];
    const s = valid(
      makeScenario(
        { durationS: 20000, stepS: 100 },
        {
          maneuvers: impulses.map((m) => ({
            type: 'impulse' as const,
            tS: m.tS,
            frame: 'RIC' as const,
            dvMps: m.dv as [number, number, number],
          })),
        },
      ),
    );
    const run = runScenario(s, { recordEphemeris: true }).spacecraft[0]!;
    const want = cwWithImpulses([0, -10000, 0, 0, 0, 0], impulses, 20000);
    // A burn moved to the nearest step (0.433 s late) would be off by ~0.02 m here.
    for (let i = 0; i < 3; i++) expect(Math.abs(run.finalRic[i]! - want[i]!)).toBeLessThan(1e-5);
    const eph = run.ephemeris!;
    const times = Array.from(eph.tS.subarray(0, eph.count));
    expect(times.filter((t) => t === 1234.567)).toHaveLength(2);
    expect(times[times.length - 1]).toBe(20000);
  });

  it('a duration that is not a whole number of steps ends with a shorter step at exactly durationS', () => {
    const s = valid(
      makeScenario(
        { durationS: 1005.5, stepS: 10 },
        { initial: { frame: 'RIC', positionM: [1000, 0, 0], velocityMps: [0, 0, 0] } },
      ),
    );
    const run = runScenario(s, { recordEphemeris: true });
    const eph = run.spacecraft[0]!.ephemeris!;
    expect(eph.count).toBe(102);
    expect(eph.tS[eph.count - 1]).toBe(1005.5);
    expect(eph.tS[eph.count - 2]).toBe(1000);
    const want = cwPropagate(n, [1000, 0, 0, 0, 0, 0], 1005.5, new Float64Array(6));
    for (let i = 0; i < 3; i++)
      expect(Math.abs(run.spacecraft[0]!.finalRic[i]! - want[i]!)).toBeLessThan(1e-9);
    expect(run.steps).toBe(101);
  });

  it('step times are k * stepS, not accumulated sums', () => {
    const s = valid(makeScenario({ durationS: 1000, stepS: 0.1 }));
    const eph = runScenario(s, { recordEphemeris: true }).spacecraft[0]!.ephemeris!;
    for (let k = 0; k < eph.count; k++)
      expect(eph.tS[k]).toBe(k * 0.1 > 1000 ? 1000 : Math.min(k * 0.1, 1000));
  });

  it('a burn scheduled at durationS is in the final state', () => {
    const s = valid(
      makeScenario(
        { durationS: 3600 },
        { maneuvers: [{ type: 'impulse', tS: 3600, frame: 'RIC', dvMps: [0, 0.5, 0] }] },
      ),
    );
    const run = runScenario(s).spacecraft[0]!;
    expect(run.finalRic[4]).toBeCloseTo(0.5, 12);
    expect(run.burns).toHaveLength(1);
  });

  it('impulses at the same instant run in file order and both count', () => {
    const s = valid(
      makeScenario(
        { durationS: 3600 },
        {
          maneuvers: [
            { type: 'impulse', tS: 100, frame: 'RIC', dvMps: [0.1, 0, 0] },
            { type: 'impulse', tS: 100, frame: 'RIC', dvMps: [-0.1, 0, 0] },
          ],
        },
      ),
    );
    const run = runScenario(s).spacecraft[0]!;
    expect(run.totalDvMps).toBeCloseTo(0.2, 12);
    expect(Math.hypot(...run.finalRic.subarray(3))).toBeLessThan(1e-15);
    expect(run.burns.map((b) => b.maneuverIndex)).toEqual([0, 1]);
  });
});

describe('finite burns', () => {
  const thrustN = 1;
  const ispS = 220;
  const massKg = 500;

  it('delta-v and mass follow the rocket equation; a short burn acts like an impulse', () => {
    const durationS = 20;
    const s = valid(
      makeScenario(
        { durationS: 40000, stepS: 5 },
        {
          massKg,
          maneuvers: [
            {
              type: 'finite',
              tS: 1000,
              durationS,
              frame: 'RIC',
              direction: [0, 2, 0],
              thrustN,
              ispS,
            },
          ],
        },
      ),
    );
    const run = runScenario(s).spacecraft[0]!;
    const mdot = thrustN / (ispS * G0_MPS2);
    const m1 = massKg - mdot * durationS;
    const dv = ispS * G0_MPS2 * Math.log(massKg / m1);
    expect(run.finalMassKg).toBeCloseTo(m1, 10);
    expect(run.burns[0]!.dvMps[1]).toBeCloseTo(dv, 12);
    expect(run.burns[0]!.durationS).toBe(20);
    // same as an impulse at the burn's midpoint, to second order in the burn length
    const impulse = cwWithImpulses([0, -10000, 0, 0, 0, 0], [{ tS: 1010, dv: [0, dv, 0] }], 40000);
    expect(Math.hypot(run.finalRic[0]! - impulse[0]!, run.finalRic[1]! - impulse[1]!)).toBeLessThan(
      0.01,
    );
    // and not like an impulse at the start (wrong timing by 10 s moves it by metres)
    const early = cwWithImpulses([0, -10000, 0, 0, 0, 0], [{ tS: 1000, dv: [0, dv, 0] }], 40000);
    expect(Math.hypot(run.finalRic[0]! - early[0]!, run.finalRic[1]! - early[1]!)).toBeGreaterThan(
      0.05,
    );
  });

  it('a long burn matches an independent fine-step integration with falling mass', () => {
    const durationS = 3000;
    const s = valid(
      makeScenario(
        { durationS: 10000, stepS: 10 },
        {
          massKg,
          maneuvers: [
            {
              type: 'finite',
              tS: 500,
              durationS,
              frame: 'RIC',
              direction: [1, 0, 0],
              thrustN,
              ispS,
            },
          ],
        },
      ),
    );
    const run = runScenario(s).spacecraft[0]!;
    // Euler-Cromer-free reference: semi-analytic CW with thrust, integrated at 0.01 s by midpoint.
    const mdot = thrustN / (ispS * G0_MPS2);
    let [x, y, u, v] = [0, -10000, 0, 0];
    const h = 0.01;
    const acc = (t: number, xx: number, vv: number, uu: number) => {
      const thrust = t >= 500 && t < 500 + durationS ? thrustN / (massKg - mdot * (t - 500)) : 0;
      return [3 * n * n * xx + 2 * n * vv + thrust, -2 * n * uu];
    };
    for (let k = 0; k < 10000 / h; k++) {
      const t = k * h;
      const [ax, ay] = acc(t, x, v, u);
      const xm = x + 0.5 * h * u;
      const um = u + 0.5 * h * ax!;
      const vm = v + 0.5 * h * ay!;
      const [bx, by] = acc(t + 0.5 * h, xm, vm, um);
      x += h * um;
      y += h * vm;
      u += h * bx!;
      v += h * by!;
    }
    expect(Math.abs(run.finalRic[0]! - x)).toBeLessThan(1e-3);
    expect(Math.abs(run.finalRic[1]! - y)).toBeLessThan(1e-3);
  });
});

describe('football (REFERENCE: closes after one orbit in CW; drifts ~0.22 m/orbit at 1 km nonlinear)', () => {
  it.each(REF.football)('$id entered on V-bar closes after one orbit in CW', (c) => {
    const start = c.x0_start_at_Vbar;
    const s = valid(
      makeScenario(
        { durationS: 1000 + REF.orbitS, stepS: 30 },
        {
          initial: { frame: 'RIC', positionM: [0, start[1], 0], velocityMps: [0, 0, 0] },
          maneuvers: [{ type: 'football', tS: 1000, amplitudeM: c.A_m }],
        },
      ),
    );
    const run = runScenario(s).spacecraft[0]!;
    expect(run.burns[0]!.dvMps[0]).toBeCloseTo(start[3], 12);
    expect(Math.hypot(run.finalRic[0]!, run.finalRic[1]! - start[1])).toBeLessThan(
      1e-6 * c.A_m + 1e-6,
    );
    expect(run.minRangeM).toBeCloseTo(c.A_m, 3);
  });

  it.each(REF.football)(
    '$id in nonlinear motion: the energy-matched entry closes (CW entry would drift)',
    (c) => {
      const A = c.A_m;
      const s = valid(
        makeScenario(
          { durationS: REF.orbitS, stepS: 10, dynamics: 'nonlinear' },
          {
            initial: { frame: 'RIC', positionM: [A, 0, 0], velocityMps: [0, 0, 0] },
            maneuvers: [{ type: 'football', tS: 0, amplitudeM: A }],
          },
        ),
      );
      const run = runScenario(s).spacecraft[0]!;
      // REFERENCE: energy-matched in-track rate at R-bar, and its closure after one orbit
      expect(run.burns[0]!.dvMps[1]).toBeCloseTo(c.nonlinear.energy_matched_yd0_m_s, 11);
      const closure = Math.hypot(run.finalRic[0]! - A, run.finalRic[1]!);
      expect(closure).toBeLessThan(1e-3 * (A / 1000));
      expect(c.nonlinear.drift_pos_err_m).toBeGreaterThan(100 * closure);
    },
  );

  it('refuses an amplitude the spacecraft is not on, naming the maneuver', () => {
    const s = valid(
      makeScenario({}, { maneuvers: [{ type: 'football', tS: 0, amplitudeM: 1000 }] }),
    );
    expect(() => runScenario(s)).toThrow(ScenarioRunError);
    try {
      runScenario(s);
    } catch (err) {
      expect((err as ScenarioRunError).path).toBe('spacecraft[0].maneuvers[0].amplitudeM');
    }
  });
});

describe('several spacecraft', () => {
  it('each flies its own plan; the pair range is refined between steps', () => {
    // A at rest on V-bar at -1000 m; B on a circular orbit 100 m below, drifting past A.
    const yd = -1.5 * n * -100;
    const s = makeScenario({ durationS: 100000, stepS: 300 });
    s.spacecraft = [
      {
        id: 'A',
        initial: { frame: 'RIC', positionM: [0, -1000, 0], velocityMps: [0, 0, 0] },
        maneuvers: [],
      },
      {
        id: 'B',
        initial: { frame: 'RIC', positionM: [-100, -1800, 0], velocityMps: [0, yd, 0] },
        maneuvers: [],
      },
    ];
    const run = runScenario(valid(s));
    expect(run.pairs).toHaveLength(1);
    const p = run.pairs[0]!;
    expect(p.a).toBe('A');
    expect(p.b).toBe('B');
    // B moves at constant speed along I at R = -100: closest to A at |dR| = 100 m when it passes
    const tca = 800 / yd;
    expect(p.minRangeM).toBeCloseTo(100, 5);
    expect(Math.abs(p.minRangeTS - tca)).toBeLessThan(0.01);
    expect(run.spacecraft[0]!.minRangeM).toBeCloseTo(1000, 9);
  });
});

describe('checkConstraints: false (the editor worker: trajectory only)', () => {
  it('flies the same trajectory with the same closest approach, and tracks no constraint', () => {
    const text = readFileSync(
      new URL('../../scenarios/skynet5a-inspection.json', import.meta.url),
      'utf8',
    );
    const loaded = loadScenario(text);
    if (!loaded.ok) throw new Error('the default scenario does not load');
    // The default plan (every maneuver kind it flies, its trigger, its constraints) at 30 s
    // steps: the same code paths as at 1 s with 30 times fewer nodes, so the test does not
    // depend on the machine's speed.
    const s = { ...loaded.scenario, stepS: 30 };
    const full = runScenario(s, { recordEphemeris: true });
    const bare = runScenario(s, { recordEphemeris: true, checkConstraints: false });
    const a = full.spacecraft[0]!;
    const b = bare.spacecraft[0]!;
    // The default scenario has a keep-out sphere, an approach ellipsoid and a braking profile.
    expect(a.monitor.tracks.length).toBeGreaterThan(0);
    expect(b.monitor.tracks).toHaveLength(0);
    expect(b.ephemeris!.count).toBe(a.ephemeris!.count);
    expect(b.ephemeris!.count).toBeGreaterThan(5000);
    // compared in a plain loop: a deep equality of arrays this long is slow
    let differing = 0;
    for (let k = 0; k < 6 * a.ephemeris!.count; k++)
      if (b.ephemeris!.stateRic[k] !== a.ephemeris!.stateRic[k]) differing++;
    expect(differing).toBe(0);
    expect(b.burns).toEqual(a.burns);
    expect(b.burns.length).toBeGreaterThan(3);
    expect(b.minRangeM).toBe(a.minRangeM);
    expect(b.minRangeTS).toBe(a.minRangeTS);
    // The sample ranges come with it (same pass); a streamed run has none.
    expect(a.rangeM).toBeNull();
    const eph = b.ephemeris!;
    expect(b.rangeM!.length).toBe(eph.count);
    let worst = 0;
    for (let k = 0; k < eph.count; k++) {
      const r = Math.hypot(
        eph.stateRic[6 * k]!,
        eph.stateRic[6 * k + 1]!,
        eph.stateRic[6 * k + 2]!,
      );
      worst = Math.max(worst, Math.abs(b.rangeM![k]! - r));
    }
    expect(worst).toBeLessThan(1e-9);
  });
});
