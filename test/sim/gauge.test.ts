// The model gauge (issue 16): per spacecraft, how far the linear model (CW; YA for an eccentric
// target) and two-body motion drift from the perturbed truth with the run's burns flown open
// loop. Reference: the same plan run in each dynamics (an impulse and a finite burn are open loop
// by nature, so each run flies the same burns) and the differences of their ephemerides.

import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/scenario/schema.ts';
import { evaluateScenario } from '../../src/scoring/evaluate.ts';
import { buildReport } from '../../src/scoring/report.ts';
import { modelGauge } from '../../src/sim/gauge.ts';
import { runScenario } from '../../src/sim/run.ts';
import { ellipticalScenario, makeScenario, valid } from '../helpers.ts';

const maneuvers: Scenario['spacecraft'][number]['maneuvers'] = [
  { type: 'impulse', tS: 3600, frame: 'RIC', dvMps: [0.05, -0.02, 0.01] },
  {
    type: 'finite',
    tS: 20_000,
    durationS: 600,
    frame: 'RIC',
    direction: [0, 1, 0.2],
    thrustN: 1,
    ispS: 220,
  },
];

const geo = valid(
  makeScenario(
    {
      dynamics: 'perturbed',
      durationS: 86_400,
      stepS: 30,
      target: {
        name: 'T',
        orbit: { type: 'geo', longitudeDeg: -20 },
        massKg: 3000,
        srp: { areaM2: 30, reflectivity: 1.2 },
      },
    },
    {
      initial: { frame: 'RIC', positionM: [200, -3000, 100], velocityMps: [0, 0.02, 0] },
      massKg: 150,
      srp: { areaM2: 6, reflectivity: 1.5 },
      maneuvers,
    },
  ),
);

/** Final and worst position difference (m, and when) between two runs' ephemerides. */
function runDifference(a: Scenario, b: Scenario) {
  const ea = runScenario(a, { recordEphemeris: true }).spacecraft[0]!.ephemeris!;
  const eb = runScenario(b, { recordEphemeris: true }).spacecraft[0]!.ephemeris!;
  expect(ea.count).toBe(eb.count);
  let worst = 0;
  let worstTS = 0;
  let last = 0;
  for (let k = 0; k < ea.count; k++) {
    const o = 6 * k;
    const p = ea.stateRic;
    const q = eb.stateRic;
    last = Math.hypot(p[o]! - q[o]!, p[o + 1]! - q[o + 1]!, p[o + 2]! - q[o + 2]!);
    if (last > worst) [worst, worstTS] = [last, ea.tS[k]!];
  }
  return { last, worst, worstTS };
}

describe('model gauge', () => {
  it('GEO: CW and two-body against the perturbed truth equal the differences of the runs in each dynamics', () => {
    const g = modelGauge(runScenario(geo))[0]!;
    expect(g.truth).toBe('perturbed');
    expect(g.finalTS).toBe(86_400);
    expect(g.models.map((m) => m.dynamics)).toEqual(['cw', 'nonlinear']);
    for (const m of g.models) {
      const ref = runDifference(geo, valid({ ...geo, dynamics: m.dynamics }));
      expect(Math.abs(m.finalPositionDifferenceM - ref.last)).toBeLessThan(1e-3);
      expect(Math.abs(m.worstPositionDifferenceM - ref.worst)).toBeLessThan(1e-3);
      expect(m.worstTS).toBe(ref.worstTS);
      expect(m.worstPositionDifferenceM).toBeGreaterThan(10);
    }
  });

  it('an eccentric target gauges YA (e = 0.1), whatever dynamics the scenario runs in', () => {
    const s = valid({
      ...ellipticalScenario(30_000_000, 0.1, 10, [500, -2000, 0, 0, 0.01, 0], 43_200, 30),
      forces: { j2: true, sun: false, moon: false, srp: false },
    });
    const g = modelGauge(runScenario(s))[0]!;
    expect(g.forces).toEqual({ j2: true, sun: false, moon: false, srp: false });
    expect(g.models.map((m) => m.dynamics)).toEqual(['ya', 'nonlinear']);
    const truth = valid({ ...s, dynamics: 'perturbed' });
    for (const m of g.models) {
      const ref = runDifference(truth, valid({ ...s, dynamics: m.dynamics }));
      expect(Math.abs(m.finalPositionDifferenceM - ref.last)).toBeLessThan(1e-3);
      expect(Math.abs(m.worstPositionDifferenceM - ref.worst)).toBeLessThan(1e-3);
    }
  });

  it('is in the report of a perturbed run (not of others unless asked), per spacecraft', () => {
    const report = buildReport(evaluateScenario(geo, { skipPassiveSafety: true }));
    const gauge = report.spacecraft[0]!.modelGauge!;
    expect(gauge.models[0]!.finalPositionDifferenceM).toBeGreaterThan(0);
    const cw = valid({ ...geo, dynamics: 'cw' });
    expect(buildReport(evaluateScenario(cw)).spacecraft[0]!.modelGauge).toBeUndefined();
    const asked = buildReport(evaluateScenario(cw, { modelGauge: true }));
    expect(asked.spacecraft[0]!.modelGauge!.models[0]!.finalPositionDifferenceM).toBeCloseTo(
      gauge.models[0]!.finalPositionDifferenceM,
      3,
    );
  });
});
