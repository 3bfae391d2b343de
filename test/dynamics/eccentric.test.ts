// Eccentric targets against independent two-body truth: target and chaser each propagated
// analytically (Kepler's equation, f and g functions: test/fixtures/kepler.ts; Vallado,
// Fundamentals of Astrodynamics and Applications, algorithm 8) and the chaser mapped to RIC with
// the target's frame as ../shared/REFERENCE.md "Nonlinear mode" says. Requirement (issue 11,
// item 5): whatever step the scenario asks for, the run stays within 1 mm or 1e-7 of the range
// (whichever is larger) of the truth for e <= 0.8.

import { describe, expect, it } from 'vitest';
import { MU_EARTH_M3_S2 } from '../../src/core/constants.ts';
import { rk4MaxSubStepS } from '../../src/dynamics/model.ts';
import { TwoBodyDynamics, keplerStateEci } from '../../src/dynamics/twobody.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { createModel, runScenario } from '../../src/sim/run.ts';
import { REF } from '../fixtures/reference.ts';
import { keplerRicTruth } from '../fixtures/kepler.ts';
import { ellipticalScenario, makeScenario, valid } from '../helpers.ts';

const mu = MU_EARTH_M3_S2;
const periodS = (a: number) => 2 * Math.PI * Math.sqrt((a * a * a) / mu);

/** Final position error of a run against the Kepler truth, m, and the range there, m. */
function finalError(s: Scenario, a: number, e: number, nuDeg: number, ric0: number[]) {
  const got = runScenario(s).spacecraft[0]!.finalRic;
  const truth = keplerRicTruth(a, e, (nuDeg * Math.PI) / 180, ric0, s.durationS, mu);
  return {
    errM: Math.hypot(got[0]! - truth[0]!, got[1]! - truth[1]!, got[2]! - truth[2]!),
    rangeM: Math.hypot(truth[0]!, truth[1]!, truth[2]!),
  };
}

describe('the Kepler truth itself', () => {
  // the same truth on a circular GEO target against the quad-precision reference vectors
  const rows = REF.nonlinear.flatMap((c) => c.rows.map((r) => ({ id: c.id, x0: c.x0, ...r })));
  it.each(rows)('$id at $label', ({ x0, t, nonlinear_truth: ref }) => {
    const got = keplerRicTruth(REF.radiusM, 0, 0, x0, t, REF.muM3S2);
    expect(Math.hypot(got[0]! - ref[0], got[1]! - ref[1], got[2]! - ref[2])).toBeLessThan(1e-6);
    expect(Math.hypot(got[3]! - ref[3], got[4]! - ref[4], got[5]! - ref[5])).toBeLessThan(1e-10);
  });
});

describe('eccentric target: the run against two-body truth at any allowed step', () => {
  const cases = [0.1, 0.3, 0.7, 0.8].flatMap((e) =>
    // e = 0.8 on a 26,600 km orbit would dip into the atmosphere (refused at load)
    [100, 1000, 50_000].flatMap((d) => {
      const a = e === 0.8 ? 42_164_000 : 26_600_000;
      const largest = Math.floor(periodS(a) / 20);
      return [largest, 10].flatMap((stepS) => [1, 2].map((orbits) => ({ e, a, d, stepS, orbits })));
    }),
  );
  it.each(cases)(
    'e = $e, chaser ~$d m, step $stepS s, $orbits orbit(s)',
    ({ e, a, d, stepS, orbits }) => {
      const nuDeg = 30;
      const ric0 = [0.3 * d, -d, 0.1 * d, 0, 0, 0];
      const s = ellipticalScenario(a, e, nuDeg, ric0, orbits * periodS(a), stepS);
      const { errM, rangeM } = finalError(s, a, e, nuDeg, ric0);
      expect(errM).toBeLessThan(Math.max(1e-3, 1e-7 * rangeM));
    },
  );

  it('the case of the issue (e = 0.7, a = 26,600 km, 60 s steps) was off by metres, now by under 1 mm', () => {
    const a = 26_600_000;
    const e = 0.7;
    const ric0 = [0, -50_000, 0, 0, 0, 0];
    const s = ellipticalScenario(a, e, 0, ric0, periodS(a), 60);
    const { errM, rangeM } = finalError(s, a, e, 0, ric0);
    expect(errM).toBeLessThan(Math.max(1e-3, 1e-7 * rangeM));
    // without sub-steps the same run is off by far more (the error the issue found)
    const model = new TwoBodyDynamics(mu);
    const y = new Float64Array(12);
    keplerStateEci(a, e, 0, mu, y);
    model.setRic(y, ric0);
    for (let k = 0; k * 60 < s.durationS; k++)
      model.rk4Step(k * 60, y, Math.min(60, s.durationS - k * 60));
    const plain = new Float64Array(6);
    model.toRic(y, plain);
    const truth = keplerRicTruth(a, e, 0, ric0, s.durationS, mu);
    expect(Math.hypot(plain[0]! - truth[0]!, plain[1]! - truth[1]!)).toBeGreaterThan(1);
  });
});

describe('sub-steps', () => {
  it('a GEO scenario at the usual steps takes them as they are (results unchanged)', () => {
    const s = makeScenario({ durationS: 172_800 });
    expect(createModel(s, 0).maxSubStepS).toBeGreaterThan(60);
    expect(createModel(valid({ ...s, dynamics: 'nonlinear' }), 0).maxSubStepS).toBeGreaterThan(60);
  });

  it('a long step is split into equal sub-steps, a short one is taken whole', () => {
    const model = new TwoBodyDynamics(mu);
    const start = new Float64Array(12);
    keplerStateEci(26_600_000, 0.7, 0, mu, start);
    model.setRic(start, [500, -1000, 20, 0.1, 0, 0]);
    model.maxSubStepS = 7;
    const a = Float64Array.from(start);
    model.rk4Step(100, a, 20); // 3 sub-steps of 20/3 s
    const b = Float64Array.from(start);
    model.maxSubStepS = Infinity;
    for (let i = 0; i < 3; i++) model.rk4Step(100 + (i * 20) / 3, b, 20 / 3);
    expect([...a]).toEqual([...b]);
    model.maxSubStepS = 7;
    const c = Float64Array.from(start);
    model.rk4Step(100, c, 7);
    const d = Float64Array.from(start);
    model.maxSubStepS = Infinity;
    model.rk4Step(100, d, 7);
    expect([...c]).toEqual([...d]);
  });

  it('the sub-step shrinks with eccentricity and with the number of orbits run', () => {
    const a = 26_600_000;
    const oneOrbit = periodS(a);
    expect(rk4MaxSubStepS(a, 0.7, oneOrbit, mu)).toBeLessThan(rk4MaxSubStepS(a, 0.3, oneOrbit, mu));
    expect(rk4MaxSubStepS(a, 0.7, 10 * oneOrbit, mu)).toBeLessThan(
      rk4MaxSubStepS(a, 0.7, oneOrbit, mu),
    );
    // shorter runs than one orbit keep the one-orbit sub-step
    expect(rk4MaxSubStepS(a, 0.7, 100, mu)).toBe(rk4MaxSubStepS(a, 0.7, oneOrbit, mu));
  });
});
