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
import { buildReport } from '../../src/scoring/report.ts';
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
    expect(files.sort()).toEqual([
      'coalition-olympic-defender.json',
      'defender-athena-fidus-2017.json',
      'skynet5a-2025.json',
      'us-france-2024.json',
    ]);
  });

  it.each(files)(
    '%s validates, runs, its description names sources and assumptions, its provenance sources',
    (file) => {
      const s = load(file);
      expect(s.description).toMatch(/source/i);
      expect(s.description).toMatch(/assum/i);
      expect(s.provenance?.marking).toBe('UNCLASSIFIED // TRAINING');
      expect(s.provenance?.source?.length).toBeGreaterThan(0);
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

describe("the defender's view of Luch passing ATHENA-FIDUS, October 2017", () => {
  const s = load('defender-athena-fidus-2017.json');
  // CW pure drift 85 km below the GEO radius: x = x0, y = y0 - 1.5 n x0 t (Clohessy & Wiltshire)
  const x0 = -85_000;
  const y0 = -800_000;
  const vMps = -1.5 * n * x0; // 9.297 m/s eastward
  const patrolY = 60_000;
  const W = s.warnRangeM!;

  it('drifts at -1.5 n x0', () => {
    const luch = s.spacecraft.find((c) => c.id === 'Luch')!;
    expect(luch.role).toBe('non-cooperative');
    expect(luch.initial.frame === 'RIC' && luch.initial.velocityMps[1]).toBeCloseTo(vMps, 6);
  });

  it(
    "the patrol's warning starts when the range falls to W = 100 km, 5,666 s before the 85 km miss",
    () => {
      const e = evaluateScenario(s);
      const report = buildReport(e);
      const enter = report.warnings!.events.filter(
        (w) => w.id === 'patrol' && w.other === 'Luch' && w.event === 'enter',
      );
      expect(enter).toHaveLength(1);
      // |y - patrolY| = sqrt(W^2 - x0^2) on the way in
      const tEnter = (patrolY - Math.sqrt(W * W - x0 * x0) - y0) / vMps;
      expect(enter[0]!.tS).toBeCloseTo(tEnter, 1); // 86,833 s
      // the defended satellite's own warning: Luch within W of the target at |y| = sqrt(W^2 - x0^2)
      const targetEnter = report.warnings!.events.filter(
        (w) => w.id === 'Luch' && w.otherKind === 'target' && w.event === 'enter',
      );
      expect(targetEnter).toHaveLength(1);
      expect(targetEnter[0]!.tS).toBeCloseTo((-Math.sqrt(W * W - x0 * x0) - y0) / vMps, 1); // 80,379 s
      const pair = e.run.pairs.find((p) => p.a === 'patrol' && p.b === 'Luch')!;
      expect(pair.minRangeTS).toBeCloseTo((patrolY - y0) / vMps, 0); // 92,498 s
      expect(pair.minRangeM).toBeCloseTo(-x0, 3);
      expect(pair.minRangeTS - enter[0]!.tS).toBeCloseTo(Math.sqrt(W * W - x0 * x0) / vMps, 0);
      // Luch passes the target 85 km away: outside its 50 km keep-out; the patrol is never inside it
      const luchRun = e.run.spacecraft.find((c) => c.id === 'Luch')!;
      expect(luchRun.minRangeM).toBeCloseTo(-x0, 3);
      for (const c of e.spacecraft) expect(c.violations, c.id).toEqual([]);
      // the braking stop leaves Luch about 0.4 deg east (38.2 deg E)
      expect(((luchRun.finalRic[1]! / a) * 180) / Math.PI).toBeCloseTo(0.4, 1);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );
});

describe('the coalition pass', () => {
  const s = load('coalition-olympic-defender.json');

  it(
    'scores two teams, not the competitor; warns the US inspector of it, not the UK one',
    () => {
      const e = evaluateScenario(s);
      const report = buildReport(e);
      expect(report.teams!.map((t) => t.team).sort()).toEqual(['UK', 'US']);
      for (const t of report.teams!) expect(t.spacecraft).not.toContain('competitor');
      for (const c of e.spacecraft) expect(c.violations, c.id).toEqual([]);
      // US-UK, and each team to the competitor (no team): all above the 500 m separation
      const sep = report.teamSeparations!;
      expect(sep.map((p) => p.teams.join('/')).sort()).toEqual(['UK/', 'US/', 'US/UK']);
      for (const p of sep) expect(p.minRange.rangeM).toBeGreaterThan(s.constraints!.separationM!);
      const warned = new Set(report.warnings!.events.map((w) => `${w.id}/${w.other}`));
      expect(warned.has('US-1/competitor')).toBe(true);
      // the UK inspector waits 5-8 km behind, the competitor stops 6 km ahead: never within 10 km
      expect(warned.has('UK-1/competitor')).toBe(false);
      const uk = e.run.pairs.find((p) => p.a === 'UK-1' && p.b === 'competitor')!;
      expect(uk.minRangeM).toBeGreaterThan(s.warnRangeM!);
      // the competitor stops 6 km ahead of the target, as its transfer says
      const comp = e.run.spacecraft.find((c) => c.id === 'competitor')!;
      expect(comp.burns).toHaveLength(2);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );
});

describe('the US-France bilateral RPO', () => {
  const s = load('us-france-2024.json');

  it(
    'meets 20 km behind the competitor, outside its keep-out, 2 km apart',
    () => {
      const e = evaluateScenario(s);
      const report = buildReport(e);
      expect(report.teams!.map((t) => t.team).sort()).toEqual(['France', 'US']);
      for (const c of e.spacecraft) expect(c.violations, c.id).toEqual([]);
      const us = e.run.spacecraft.find((c) => c.id === 'US')!;
      // the transfer reaches the meeting point 20 km behind, at rest (0.01 m targeting)
      expect(us.burns[1]!.tS).toBeCloseTo(3600 + 43_000, 6);
      const pair = e.run.pairs.find((p) => p.a === 'US' && p.b === 'FR')!;
      // the 2 km loop's legs bow in: closest 1.68 km, above the 500 m separation
      expect(pair.minRangeM).toBeGreaterThan(1000);
      expect(pair.minRangeM).toBeLessThan(2000);
      expect(report.teamSeparations![0]!.minRange.rangeM).toBeCloseTo(pair.minRangeM, 6);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );
});
