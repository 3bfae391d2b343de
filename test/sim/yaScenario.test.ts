// "dynamics": "ya" selected in a scenario (issue 16): the Yamanaka-Ankersen matrix as the
// propagation model of an eccentric target, against the two-body run (nonlinear dynamics, the
// truth at these separations) after one orbit at e = 0.1: the linearisation error must fall with
// the square of the separation. Plus its closed form against its own equations integrated under
// thrust, and transfers aimed with its own targeting.

import { describe, expect, it } from 'vitest';
import { MU_EARTH_M3_S2 } from '../../src/core/constants.ts';
import { keplerStateEci } from '../../src/dynamics/twobody.ts';
import { YaDynamics } from '../../src/dynamics/ya.ts';
import { ellipticTargetOfState } from '../../src/sim/dynamics/ya.ts';
import { runScenario } from '../../src/sim/run.ts';
import { ellipticalScenario, makeScenario, valid } from '../helpers.ts';

const A_M = 30_000_000;
const E = 0.1;
const PERIOD_S = 2 * Math.PI * Math.sqrt(A_M ** 3 / MU_EARTH_M3_S2);
const dist = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);

/** Final position of a free drift over one orbit in the YA and two-body models, m. */
function oneOrbit(scale: number, stepS: number) {
  // a bounded-ish relative orbit with all six components, scaled
  const ric0 = [0.4, -1, 0.3, 0.02e-3, -0.05e-3, 0.04e-3].map((v) => v * scale);
  const s = ellipticalScenario(A_M, E, 30, ric0, Math.round(PERIOD_S), stepS);
  const truth = runScenario(s).spacecraft[0]!.finalRic;
  const ya = runScenario(valid({ ...s, dynamics: 'ya' })).spacecraft[0]!.finalRic;
  return { errorM: dist(ya, truth), truth };
}

describe('"dynamics": "ya" in a scenario (e = 0.1, one orbit)', () => {
  it('differs from two-body truth by an error falling with the square of the separation', () => {
    const near = oneOrbit(1000, 60);
    const far = oneOrbit(4000, 60);
    // second order: 4x the separation, 16x the error (within 15 %; RK4 of the truth < 1 mm)
    expect(far.errorM / near.errorM).toBeGreaterThan(16 * 0.85);
    expect(far.errorM / near.errorM).toBeLessThan(16 * 1.15);
    // and small against the motion itself: below 1e-3 of the range at 1 km
    expect(near.errorM).toBeLessThan(1e-3 * Math.hypot(...near.truth.subarray(0, 3)) + 1e-3);
    expect(near.errorM).toBeGreaterThan(1e-4);
  });

  it('gives the same state whatever the step (closed form: the matrices compose)', () => {
    const s = ellipticalScenario(A_M, E, 30, [400, -1000, 300, 0.02, -0.05, 0.04], 20_000, 7);
    const fine = runScenario(valid({ ...s, dynamics: 'ya' })).spacecraft[0]!.finalRic;
    const coarse = runScenario(valid({ ...s, dynamics: 'ya', stepS: 500 })).spacecraft[0]!.finalRic;
    expect(dist(fine, coarse)).toBeLessThan(1e-6);
  });

  it('its equations integrated by RK4 (the thrust path) agree with the closed form (1 mm)', () => {
    const model = new YaDynamics({
      semiMajorAxisM: A_M,
      eccentricity: 0.3,
      trueAnomalyRad: 1,
      muM3S2: MU_EARTH_M3_S2,
    });
    const closed = Float64Array.from([400, -1000, 300, 0.02, -0.05, 0.04]);
    const integrated = Float64Array.from(closed);
    model.rk4Step(0, closed, PERIOD_S);
    model.thrust.active = true;
    model.thrust.thrustN = 0;
    model.thrust.massStartKg = 1;
    model.maxSubStepS = 10;
    model.rk4Step(0, integrated, PERIOD_S);
    expect(dist(closed, integrated)).toBeLessThan(1e-3);
    expect(dist(closed, [400, -1000, 300])).toBeGreaterThan(100);
  });

  it('aims a transfer with its own solution: it arrives at the point in the model', () => {
    const s = ellipticalScenario(A_M, E, 30, [0, -5000, 0, 0, 0, 0], 30_000, 10);
    const run = runScenario(
      valid({
        ...s,
        dynamics: 'ya',
        spacecraft: [
          {
            ...s.spacecraft[0]!,
            maneuvers: [
              { type: 'transfer', tS: 100, durationS: 20_000, toPositionM: [0, -1000, 50] },
            ],
          },
        ],
      }),
    );
    expect(run.spacecraft[0]!.burns[1]!.missM).toBeLessThan(1e-6);
  });

  it('flies a football about a GEO target as CW does (no energy to match in a linear model)', () => {
    const s = valid(
      makeScenario(
        { dynamics: 'cw', durationS: 86_400, stepS: 10 },
        {
          initial: { frame: 'RIC', positionM: [0, -2000, 0], velocityMps: [0, 0, 0] },
          maneuvers: [{ type: 'football', tS: 0, amplitudeM: 1000 }],
        },
      ),
    );
    const cw = runScenario(s).spacecraft[0]!;
    const ya = runScenario(valid({ ...s, dynamics: 'ya' })).spacecraft[0]!;
    expect(ya.burns).toHaveLength(1);
    expect(dist(ya.burns[0]!.dvMps, cw.burns[0]!.dvMps)).toBeLessThan(1e-9);
    expect(dist(ya.finalRic, cw.finalRic)).toBeLessThan(1e-3);
  });

  it.each([0.3, -2, 3])(
    'an element-set target gets the orbit through its state (e = 0.3, true anomaly %s rad)',
    (nu) => {
      const x = keplerStateEci(A_M, 0.3, nu, MU_EARTH_M3_S2, new Float64Array(6));
      const t = ellipticTargetOfState(x, MU_EARTH_M3_S2);
      expect(t.semiMajorAxisM).toBeCloseTo(A_M, 3);
      expect(t.eccentricity).toBeCloseTo(0.3, 12);
      expect(Math.cos(t.trueAnomalyRad - nu)).toBeCloseTo(1, 12);
      expect(Math.sin(t.trueAnomalyRad - nu)).toBeCloseTo(0, 12);
    },
  );
});
