// The sourced event pack (scenarios/events/): every file validates and runs, and its key numbers
// are checked against hand-worked values. Drift relations of a circular orbit (Soop, Handbook of
// Geostationary Orbits, sec. 3.2): dlambda/dt = -1.5 n da / a, in-track burn dv = n da / 2, so a
// drift at in-track speed v starts with a burn of v / 3 and its orbit's period is longer by
// 1.5 P da / a. Nonlinear creep on V-bar: a point at rest at distance d drifts toward the target
// by 6 pi d^2 / a per orbit (../shared/REFERENCE.md, "Linearization error").

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/validate.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { evaluateScenario } from '../../src/scoring/evaluate.ts';
import { REF } from '../fixtures/reference.ts';
import { HEAVY_TEST_TIMEOUT_MS } from '../helpers.ts';

const DIR = 'scenarios/events';
const n = REF.nRadPerS;
const a = REF.radiusM;
const P = REF.orbitS;

function load(file: string): Scenario {
  const r = loadScenario(readFileSync(join(DIR, file), 'utf8'));
  if (!r.ok) throw new Error(`${file}: ${JSON.stringify(r.issues)}`);
  return r.scenario;
}

describe('event scenarios', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

  it('the pack is there', () => {
    expect(files).toContain('skynet5a-2025.json');
  });

  it.each(files)(
    '%s validates, runs, and its description names sources and assumptions',
    (file) => {
      const s = load(file);
      expect(s.description).toMatch(/source/i);
      expect(s.description).toMatch(/assum/i);
      const e = evaluateScenario(s);
      for (const c of e.run.spacecraft) {
        for (let k = 0; k < 6; k++) expect(Number.isFinite(c.finalRic[k])).toBe(true);
      }
    },
    HEAVY_TEST_TIMEOUT_MS,
  );
});

describe('SKYNET 5A, September 2025', () => {
  const s = load('skynet5a-2025.json');

  it('puts the target at its published slot (94.8 deg E) within the published dates (4-12 Sept 2025)', () => {
    expect(s.target.orbit).toEqual({ type: 'geo', longitudeDeg: 94.8 });
    const startMs = Date.parse(s.epoch);
    expect(startMs).toBeGreaterThanOrEqual(Date.parse('2025-09-04T00:00:00Z'));
    expect(startMs + s.durationS * 1000).toBeLessThanOrEqual(Date.parse('2025-09-13T00:00:00Z'));
  });

  it(
    'starts and stops the drift with in-track burns of v / 3 and stops after one drifting orbit',
    () => {
      const run = evaluateScenario(s).run.spacecraft[0]!;
      const [start, mid, stop] = run.burns;
      // 999,906 m along the belt to the stop 40 km out: less than one orbit at 1.4 deg/day
      // (1,040 km per orbit), so one orbit at the lower in-track speed v.
      const startI = s.spacecraft[0]!.initial;
      const alongM = (startI.frame === 'RIC' ? startI.positionM[1] : NaN) - 40_000;
      expect(((1.4 * Math.PI) / 180 / 86_400) * a * P).toBeGreaterThan(alongM);
      const vMps = alongM / P;
      const daM = (2 * (vMps / 3)) / n; // dv = n da / 2
      expect(daM).toBeCloseTo((vMps / a / (1.5 * n)) * a, 6); // dlambda/dt = -1.5 n da / a
      // westward (toward -I from +I): the start burn is along +I (raises the orbit), the stop along -I
      expect(start!.dvMps[1]).toBeCloseTo(vMps / 3, 1); // 3.71 m/s, within 0.05
      expect(stop!.dvMps[1]).toBeCloseTo(-vMps / 3, 1);
      expect(Math.abs(mid!.dvMps[1])).toBeLessThan(1e-3); // the half-orbit correction only
      // the drift lasts the drifting orbit's own period, P (1 + 1.5 da / a): 313 s over P
      expect(stop!.tS).toBeCloseTo(P * (1 + (1.5 * daM) / a), -1);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );

  it(
    'reaches the 13 km stand-off on V-bar, then creeps in by 6 pi d^2 / a per orbit',
    () => {
      const full = evaluateScenario(s).run.spacecraft[0]!;
      const arrivalTS = full.burns[4]!.tS;
      const atArrival = evaluateScenario({ ...s, durationS: arrivalTS }).run.spacecraft[0]!;
      expect(atArrival.finalRic[0]).toBeCloseTo(0, 1);
      expect(atArrival.finalRic[1]).toBeCloseTo(13_000, 1);
      expect(Math.hypot(atArrival.finalRic[3]!, atArrival.finalRic[4]!)).toBeLessThan(1e-4);
      const d = 13_000;
      const orbits = (s.durationS - arrivalTS) / P;
      const creepM = ((6 * Math.PI * d * d) / a) * orbits; // 472 m over 6.3 orbits
      expect(full.finalRic[1]).toBeGreaterThan(d - creepM - 20);
      expect(full.finalRic[1]).toBeLessThan(d - creepM + 20);
      // never closer than the stand-off less the creep, never inside the 5 km keep-out
      expect(full.minRangeM).toBeGreaterThan(d - creepM - 20);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );
});
