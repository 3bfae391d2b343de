// Monte Carlo trials: without dispersions a trial is the nominal run to the bit; a keep-out
// violation probability known in closed form is reproduced within its confidence interval; a
// trial depends only on (scenario, seed, index); the worst trial written as a scenario flies the
// same trajectory.
//
// The closed-form case (Clohessy-Wiltshire [1], eqs. for the in-plane drift and the decoupled
// cross-track oscillation). The chaser sits at a radial offset x0 < 0 (below the target) with
// the in-track rate of a circular drift, y' = -1.5 n x0 = v > 0, so in the plane it moves on the
// straight line x = x0, y = y0 + v t (x'' = 3 n^2 x + 2 n y' = 0, y'' = -2 n x' = 0), and passes
// under the target at t* = -y0 / v. Its only error is a cross-track velocity e ~ N(0, sigma) at
// t = 0 with z0 = 0, so z = (e / n) sin(n t). Choosing y0 so that n t* = pi / 2 puts the pass at
// the crest of the cross-track swing: with tau = t - t*,
//   rho^2(tau) = x0^2 + v^2 tau^2 + (e / n)^2 cos^2(n tau).
// (a) If |e| <= v: rho^2(tau) - rho^2(0) = v^2 tau^2 - (e / n)^2 sin^2(n tau) >= (v^2 - e^2) tau^2
//     >= 0 since |sin u| <= |u|, so the minimum range is exactly sqrt(x0^2 + (e / n)^2), at t*.
// (b) If |e| > v: rho^2 >= x0^2 + (v / n)^2 ((n tau)^2 + cos^2(n tau)) >= x0^2 + (v / n)^2
//     = 3.25 x0^2, since u^2 + cos^2 u >= 1: the range never falls below 1.80 |x0|.
// With a keep-out radius R < 1.80 |x0|, the range falls below R exactly when
// |e| < n sqrt(R^2 - x0^2) =: a n, so P(keep-out) = P(|e| < a n) = erf(a n / (sigma sqrt 2)).
// Here x0 = -100 m, R = 110 m, a = sqrt(2100) m and sigma = a n: P = erf(1 / sqrt 2) = 0.682689.
//
// References:
// [1] Clohessy and Wiltshire, "Terminal guidance system for satellite rendezvous", J. Aerospace
//     Sciences 27(9), 1960; Curtis, Orbital Mechanics for Engineering Students, 3rd ed., sec. 7.4.
// [2] Wilson, JASA 22(158), 1927 (score interval); normal approximation of the binomial for the
//     4-sigma check.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DispersionSampler } from '../../src/montecarlo/sampler.ts';
import { summarize } from '../../src/montecarlo/stats.ts';
import { runTrial, TrialTable, violationBit } from '../../src/montecarlo/trial.ts';
import { trialScenario } from '../../src/montecarlo/worst.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { loadScenario, targetMeanMotionRadPerS } from '../../src/scenario/validate.ts';
import { evaluateScenario } from '../../src/scoring/evaluate.ts';
import { runScenario } from '../../src/sim/run.ts';
import { makeScenario, valid } from '../helpers.ts';

function load(name: string): Scenario {
  const r = loadScenario(readFileSync(`scenarios/${name}`, 'utf8'));
  if (!r.ok) throw new Error(`${name} invalid`);
  return r.scenario;
}

/** erf by Abramowitz and Stegun 7.1.26 is too coarse here; use the series (|x| < 3). */
function erf(x: number): number {
  let term = x;
  let sum = x;
  for (let k = 1; k < 200; k++) {
    term *= (-x * x) / k;
    sum += term / (2 * k + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

describe('zero dispersion reproduces the nominal run to the bit', () => {
  const withoutDispersions = (s: Scenario): Scenario => {
    const copy = { ...s };
    delete copy.dispersions;
    return copy;
  };
  it.each([
    'vbar-hop.json',
    'close-flyby.json',
    'football.json',
    'radial-drift.json',
    'dispersed-vbar-approach.json',
    'skynet5a-inspection.json',
  ])('%s', (name) => {
    const s = withoutDispersions(load(name));
    const zeros: Scenario = {
      ...s,
      dispersions: {
        burnMagnitudePct: 0,
        pointingDeg: 0,
        timingS: 0,
        positionM: [0, 0, 0],
        velocityMps: [0, 0, 0],
        missedBurnProbability: 0,
      },
    };
    const nominalRun = runScenario(s);
    const nominal = evaluateScenario(s, { skipPassiveSafety: !s.constraints?.passiveSafety });
    for (const scenario of [s, zeros]) {
      const trial = runTrial(scenario, 12345, 17);
      expect(trial.error).toBeNull();
      trial.spacecraft.forEach((c, i) => {
        expect(Object.is(c.minRangeM, nominalRun.spacecraft[i]!.minRangeM)).toBe(true);
        expect(Object.is(c.totalDvMps, nominalRun.spacecraft[i]!.totalDvMps)).toBe(true);
        const ev = nominal.spacecraft[i]!;
        expect(Object.is(c.passiveWorstRangeM, ev.passiveSafety.worstRangeM)).toBe(true);
        let mask = 0;
        for (const v of ev.violations) mask |= violationBit(v.kind);
        expect(c.violationMask).toBe(mask);
      });
    }
  });
});

describe('keep-out probability in closed form (CW drift under the target, cross-track error)', () => {
  const n = targetMeanMotionRadPerS({ type: 'geo', longitudeDeg: 0 });
  const x0 = -100;
  const radiusM = 110;
  const a = Math.sqrt(radiusM ** 2 - x0 ** 2);
  const sigmaMps = a * n;
  const v = -1.5 * n * x0;
  const tPassS = Math.PI / 2 / n;
  const scenario = valid(
    makeScenario(
      {
        durationS: 2 * tPassS,
        stepS: 60,
        target: {
          name: 'T',
          orbit: { type: 'geo', longitudeDeg: 0 },
          keepOut: { shape: 'sphere', radiusM },
        },
        dispersions: { velocityMps: [0, 0, sigmaMps] },
      },
      { initial: { frame: 'RIC', positionM: [x0, -v * tPassS, 0], velocityMps: [0, v, 0] } },
    ),
  );
  const trials = 2000;
  const seed = 2024;
  const table = new TrialTable(trials, 1);
  for (let t = 0; t < trials; t++) table.set(runTrial(scenario, seed, t));

  it('each trial passes at exactly sqrt(x0^2 + (e/n)^2) when |e| <= v', () => {
    let checked = 0;
    for (let t = 0; t < trials; t++) {
      const ric = new Float64Array(6);
      new DispersionSampler(scenario.dispersions, seed, t).initialState(0, ric);
      const e = ric[5]!;
      if (Math.abs(e) > v) continue;
      // 60 s RK4 steps and the Hermite-located closest approach: well under a micrometre
      expect(Math.abs(table.minRangeM[t]! - Math.hypot(x0, e / n))).toBeLessThan(1e-6);
      checked++;
    }
    expect(checked).toBeGreaterThan(0.99 * trials);
  });

  it('P(keep-out) = erf(1 / sqrt 2) lies in the Wilson interval, within 4 sigma [2]', () => {
    const exact = erf(1 / Math.SQRT2);
    expect(exact).toBeCloseTo(0.6826894921, 9);
    const ko = summarize(scenario, table, seed).spacecraft[0]!.violations['keep-out']!;
    expect(ko.lo).toBeLessThanOrEqual(exact);
    expect(ko.hi).toBeGreaterThanOrEqual(exact);
    expect(Math.abs(ko.p - exact)).toBeLessThan(4 * Math.sqrt((exact * (1 - exact)) / trials));
    // the keep-out flag and the minimum range agree trial by trial
    for (let t = 0; t < trials; t++) {
      const flagged = (table.violationMask[t]! & violationBit('keep-out')) !== 0;
      expect(flagged).toBe(table.minRangeM[t]! < radiusM);
    }
  });
});

describe('reproducibility', () => {
  const s = load('dispersed-vbar-approach.json');

  it('a trial depends only on (scenario, seed, index)', () => {
    const a = runTrial(s, 42, 7);
    runTrial(s, 42, 8);
    runTrial(s, 43, 7);
    expect(runTrial(s, 42, 7)).toStrictEqual(a);
  });

  it('different seeds and different trials differ', () => {
    const a = runTrial(s, 42, 7).spacecraft[0]!;
    expect(runTrial(s, 43, 7).spacecraft[0]!.minRangeM).not.toBe(a.minRangeM);
    expect(runTrial(s, 42, 8).spacecraft[0]!.minRangeM).not.toBe(a.minRangeM);
    expect(runTrial(s, 43, 7).spacecraft[0]!.totalDvMps).not.toBe(a.totalDvMps);
  });

  it('a dispersed plan that cannot be flown is a failed trial, not a crash', () => {
    // A half-orbit transfer cannot change the cross-track position (it returns to -z0 whatever
    // the burn): nominally z0 = 0 and it flies; a dispersed z0 makes it unflyable.
    const base = load('vbar-hop.json');
    const halfOrbitS = 43082.045213084304;
    const football = {
      ...base,
      dispersions: { positionM: [0, 0, 5] as [number, number, number] },
      spacecraft: [
        {
          ...base.spacecraft[0]!,
          maneuvers: [
            {
              type: 'transfer' as const,
              tS: 600,
              durationS: halfOrbitS,
              toPositionM: [0, -5000, 0] as [number, number, number],
            },
          ],
        },
      ],
    };
    expect(runTrial({ ...football, dispersions: {} }, 1, 0).error).toBeNull();
    const outcomes = Array.from({ length: 5 }, (_, t) => runTrial(football, 1, t));
    const failed = outcomes.filter((o) => o.error !== null);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]!.error).toMatch(
      /maneuvers\[0\]: the cross-track position .* cannot be reached/,
    );
    expect(failed[0]!.spacecraft).toEqual([]);
  });
});

describe('a trial written as a scenario flies the same trajectory', () => {
  it.each([
    ['dispersed-vbar-approach.json', 0],
    ['dispersed-vbar-approach.json', 319],
  ])('%s trial %i: same minimum range and delta-v, to the bit', (name, t) => {
    const s = load(name);
    const { scenario, outcome } = trialScenario(s, 1, t);
    const reloaded = loadScenario(JSON.stringify(scenario));
    expect(reloaded.ok).toBe(true);
    if (!reloaded.ok) return;
    expect(reloaded.scenario.dispersions).toBeUndefined();
    const run = runScenario(reloaded.scenario);
    run.spacecraft.forEach((c, i) => {
      expect(c.minRangeM).toBe(outcome.spacecraft[i]!.minRangeM);
      expect(c.totalDvMps).toBe(outcome.spacecraft[i]!.totalDvMps);
    });
    expect(outcome).toStrictEqual(runTrial(s, 1, t));
  });

  it('every maneuver type, missed burns, delays, a trigger and a finite burn', () => {
    const s = valid(
      makeScenario(
        {
          durationS: 180_000,
          stepS: 20,
          dispersions: {
            burnMagnitudePct: 3,
            pointingDeg: 2,
            timingS: 20,
            positionM: [5, 5, 5],
            velocityMps: [1e-4, 1e-4, 1e-4],
            missedBurnProbability: 0.2,
          },
        },
        {
          massKg: 500,
          initial: { frame: 'RIC', positionM: [0, -3000, 0], velocityMps: [0, 0, 0] },
          maneuvers: [
            { type: 'vbar-hop', tS: 600, toInTrackM: -2000, burns: 'radial' },
            { type: 'hold', after: 0, durationS: 20_000, deadbandM: 50 },
            { type: 'glideslope', after: 600, toRangeM: 800, pulses: 3, durationS: 20_000 },
            { type: 'teardrop', after: 600, periodS: 20_000, cycles: 2 },
            { type: 'transfer', after: 600, durationS: 14_000, toPositionM: [0, -1500, 0] },
            { type: 'football', after: 600 },
            {
              type: 'finite',
              after: 1000,
              durationS: 300,
              frame: 'RIC',
              direction: [0, 1, 0.2],
              thrustN: 0.2,
              ispS: 220,
            },
            { type: 'rbar-hop', when: 'tS > 141000', toRadialM: 50 },
            { type: 'impulse', tS: 179_990, frame: 'RIC', dvMps: [0.001, 0, 0] },
          ],
        },
      ),
    );
    let exactWithMissed = 0;
    let withFinite = 0;
    for (let t = 0; t < 16; t++) {
      const { scenario, outcome, notes } = trialScenario(s, 5, t);
      const reloaded = loadScenario(JSON.stringify(scenario));
      expect(reloaded.ok).toBe(true);
      if (!reloaded.ok) continue;
      const c = runScenario(reloaded.scenario).spacecraft[0]!;
      const want = outcome.spacecraft[0]!;
      if (scenario.spacecraft[0]!.maneuvers.some((m) => m.type === 'finite')) {
        // the thrust vector is renormalised from (direction, thrustN): last-bit changes
        withFinite++;
        expect(Math.abs(c.minRangeM - want.minRangeM)).toBeLessThan(1e-12 * want.minRangeM);
        expect(Math.abs(c.totalDvMps - want.totalDvMps)).toBeLessThan(1e-15);
      } else {
        // missed burns kept as zero impulses: the same time nodes, the same trajectory
        if (notes.some((m) => m.includes('missed'))) exactWithMissed++;
        expect(c.minRangeM).toBe(want.minRangeM);
        expect(c.totalDvMps).toBe(want.totalDvMps);
      }
    }
    expect(exactWithMissed).toBeGreaterThan(0);
    expect(withFinite).toBeGreaterThan(0);
  });
});
