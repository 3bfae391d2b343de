// The accuracy estimate of the final position (RK4 step doubling of the final arc) against the
// true error, from independent two-body truth (Kepler's equation for both objects,
// test/fixtures/kepler.ts), and the warning above 1 m in the report and the CLI summary.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/cli/summary.ts';
import { MU_EARTH_M3_S2 } from '../../src/core/constants.ts';
import { loadScenario } from '../../src/scenario/validate.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { evaluateScenario } from '../../src/scoring/evaluate.ts';
import { buildReport } from '../../src/scoring/report.ts';
import { ACCURACY_WARNING_M, runScenario } from '../../src/sim/run.ts';
import { keplerRicTruth } from '../fixtures/kepler.ts';
import { ellipticalScenario } from '../helpers.ts';

const mu = MU_EARTH_M3_S2;
const periodS = (a: number) => 2 * Math.PI * Math.sqrt((a * a * a) / mu);

interface Case {
  e: number;
  a: number;
  nuDeg: number;
  ric0: number[];
  orbits: number;
}

function scenarioOf({ e, a, nuDeg, ric0, orbits }: Case): Scenario {
  return ellipticalScenario(a, e, nuDeg, ric0, orbits * periodS(a), Math.floor(periodS(a) / 20));
}

function trueErrorM(c: Case, finalRic: ArrayLike<number>): number {
  const s = scenarioOf(c);
  const t = keplerRicTruth(c.a, c.e, (c.nuDeg * Math.PI) / 180, c.ric0, s.durationS, mu);
  return Math.hypot(finalRic[0]! - t[0]!, finalRic[1]! - t[1]!, finalRic[2]! - t[2]!);
}

// A chaser 50 km behind on a different orbit (50 m/s faster in-track): after three orbits of an
// e = 0.8 target it is ~90,000 km away and the run's error is a real 1.4 m (within 1e-7 of the
// range, as required, but above the 1 m a reader should be told about).
const far: Case = { e: 0.8, a: 42_164_000, nuDeg: 0, ric0: [0, -50_000, 0, 0, 50, 0], orbits: 3 };

describe('final position error estimate against the true error', () => {
  // cases whose error is truncation error well above round-off (~1e-6 m)
  const cases: Case[] = [
    { e: 0.8, a: 42_164_000, nuDeg: 0, ric0: [0, -50_000, 0, 0, 0, 0], orbits: 3 },
    { e: 0.7, a: 26_600_000, nuDeg: 120, ric0: [0, -50_000, 0, 0, 0, 0], orbits: 10 },
    { e: 0.3, a: 26_600_000, nuDeg: 120, ric0: [0, -50_000, 0, 0, 0, 0], orbits: 1 },
    { e: 0.7, a: 26_600_000, nuDeg: 0, ric0: [0, -50_000, 0, 0, 20, 0], orbits: 3 },
    far,
  ];
  it.each(cases)('e = $e, from $ric0, $orbits orbit(s): within a factor 3', (c) => {
    const craft = runScenario(scenarioOf(c)).spacecraft[0]!;
    const err = trueErrorM(c, craft.finalRic);
    expect(err).toBeGreaterThan(1e-4);
    const est = craft.accuracy!.finalPositionErrorEstimateM;
    expect(est).toBeGreaterThan(err / 3);
    expect(est).toBeLessThan(err * 3);
    expect(craft.accuracy!.fromS).toBe(0); // a free drift: the whole run
  });
});

describe('the warning', () => {
  it('appears in the report and the CLI summary when the estimate is above 1 m', () => {
    const s = scenarioOf(far);
    const report = buildReport(evaluateScenario(s));
    const acc = report.spacecraft[0]!.accuracy!;
    expect(trueErrorM(far, runScenario(s).spacecraft[0]!.finalRic)).toBeGreaterThan(1);
    expect(acc.finalPositionErrorEstimateM).toBeGreaterThan(ACCURACY_WARNING_M);
    expect(acc.method).toBe('rk4-step-doubling-final-arc');
    expect(acc.warning).toMatch(/final position may be off by about 1\.\d m/);
    expect(formatSummary(report)).toMatch(/\n {2}WARNING {6}the final position may be off by/);
  });

  it('is absent from an ordinary GEO plan, whose estimate covers the arc after its last burn', () => {
    const loaded = loadScenario(readFileSync('scenarios/vbar-hop.json', 'utf8'));
    if (!loaded.ok) throw new Error('example invalid');
    const report = buildReport(evaluateScenario(loaded.scenario));
    const c = report.spacecraft[0]!;
    expect(c.accuracy!.fromS).toBe(c.burns[c.burns.length - 1]!.tS);
    expect(c.accuracy!.finalPositionErrorEstimateM).toBeLessThan(1e-3);
    expect(c.accuracy!.warning).toBeUndefined();
    const text = formatSummary(report);
    expect(text).toMatch(/accuracy {5}final position error estimate \d\.\de-\d+ m/);
    expect(text).not.toMatch(/WARNING/);
  });
});
