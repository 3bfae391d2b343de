// "dynamics": "perturbed" selected in a scenario (issue 16): the run against a direct propagation
// with src/dynamics/perturbed.ts (whose forces test/dynamics/perturbed.test.ts checks against
// poliastro), forces off against the two-body run, solar pressure acting through the difference
// of area-to-mass ratios, targeting closed on the perturbed arcs, and the loader's errors.

import { describe, expect, it } from 'vitest';
import { MU_EARTH_M3_S2, GEO_RADIUS_M, DEG_TO_RAD } from '../../src/core/constants.ts';
import { greenwichSiderealRad } from '../../src/core/lighting.ts';
import {
  PerturbationEphemeris,
  PerturbedDynamics,
  type PerturbationForces,
} from '../../src/dynamics/perturbed.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { evaluateScenario } from '../../src/scoring/evaluate.ts';
import { runScenario, TRANSFER_TOLERANCE_M } from '../../src/sim/run.ts';
import { ellipticalScenario, makeScenario, valid } from '../helpers.ts';

const ALL: PerturbationForces = { j2: true, sun: true, moon: true, srp: true };
const NONE: PerturbationForces = { j2: false, sun: false, moon: false, srp: false };
const ric0 = [300, -5000, 200, 0.01, 0, -0.02];
const DAY_S = 86_400;
const dist = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);

/** A GEO scenario (longitude 75 deg E, equinox: eclipses) flown with perturbed dynamics. */
function geoPerturbed(over: Partial<Scenario> = {}, craft: object = {}): Scenario {
  return valid(
    makeScenario(
      {
        dynamics: 'perturbed',
        durationS: DAY_S,
        stepS: 60,
        target: {
          name: 'T',
          orbit: { type: 'geo', longitudeDeg: 75 },
          massKg: 2000,
          srp: { areaM2: 20, reflectivity: 1.3 },
        },
        ...over,
      },
      {
        initial: {
          frame: 'RIC',
          positionM: [ric0[0]!, ric0[1]!, ric0[2]!],
          velocityMps: [ric0[3]!, ric0[4]!, ric0[5]!],
        },
        massKg: 100,
        srp: { areaM2: 4, reflectivity: 1.5 },
        ...craft,
      },
    ),
  );
}

describe('"dynamics": "perturbed" in a scenario', () => {
  it('the run equals a direct propagation of the perturbed model (1e-6 m), and the forces move it by hundreds of metres', () => {
    const s = geoPerturbed();
    const run = runScenario(s);
    // independent set-up: target on the GEO circle at right ascension GAST + longitude
    const epochMs = Date.parse(s.epoch);
    const ra = greenwichSiderealRad(epochMs) + 75 * DEG_TO_RAD;
    const v = Math.sqrt(MU_EARTH_M3_S2 / GEO_RADIUS_M);
    const model = new PerturbedDynamics({
      muM3S2: MU_EARTH_M3_S2,
      forces: ALL,
      ephemeris: new PerturbationEphemeris(epochMs, 0, DAY_S),
      target: { areaM2: 20, massKg: 2000, reflectivity: 1.3 },
      spacecraft: { areaM2: 4, massKg: 100, reflectivity: 1.5 },
    });
    const y = new Float64Array(12);
    y.set([GEO_RADIUS_M * Math.cos(ra), GEO_RADIUS_M * Math.sin(ra), 0]);
    y.set([-v * Math.sin(ra), v * Math.cos(ra), 0], 3);
    model.setRic(y, ric0);
    for (let k = 0; k < DAY_S / 60; k++) model.rk4Step(k * 60, y, 60);
    const ric = new Float64Array(6);
    model.toRic(y, ric);
    expect(dist(run.spacecraft[0]!.finalRic, ric)).toBeLessThan(1e-6);
    const twoBody = runScenario(valid({ ...s, dynamics: 'nonlinear' }));
    expect(dist(run.spacecraft[0]!.finalRic, twoBody.spacecraft[0]!.finalRic)).toBeGreaterThan(100);
  });

  it('with every force off equals the two-body run (elliptical target, e = 0.1; 1e-6 m)', () => {
    const base = ellipticalScenario(30_000_000, 0.1, 40, ric0, DAY_S, 30);
    const twoBody = runScenario(base);
    const off = runScenario(valid({ ...base, dynamics: 'perturbed', forces: NONE }));
    expect(dist(off.spacecraft[0]!.finalRic, twoBody.spacecraft[0]!.finalRic)).toBeLessThan(1e-6);
    const on = runScenario(valid({ ...base, dynamics: 'perturbed' }));
    expect(dist(on.spacecraft[0]!.finalRic, twoBody.spacecraft[0]!.finalRic)).toBeGreaterThan(1);
  });

  it('solar pressure moves the relative state far less when both have the same area-to-mass ratio', () => {
    const srpOnly = { forces: { j2: false, sun: false, moon: false } };
    const none = runScenario(geoPerturbed({ forces: NONE })).spacecraft[0]!.finalRic;
    // target 20 m^2 / 2000 kg = 0.01 m^2/kg, Cr 1.3
    const same = runScenario(geoPerturbed(srpOnly, { srp: { areaM2: 1, reflectivity: 1.3 } }))
      .spacecraft[0]!.finalRic;
    const different = runScenario(geoPerturbed(srpOnly)).spacecraft[0]!.finalRic;
    const sameM = dist(same, none);
    const differentM = dist(different, none);
    // 0.04 vs 0.01 m^2/kg: about 4.6e-8 m/s^2 of difference, metres to km over a day
    expect(differentM).toBeGreaterThan(100);
    expect(sameM).toBeLessThan(differentM / 1000);
    // a spacecraft without an srp block feels none: the relative motion then carries the
    // target's whole solar acceleration, the opposite way
    const bare = runScenario(geoPerturbed(srpOnly, { srp: undefined })).spacecraft[0]!.finalRic;
    expect(dist(bare, none)).toBeGreaterThan(10 * sameM);
  });

  it('targets transfers on the perturbed arcs: arrival within the tolerance, and not at the two-body aim', () => {
    const s = geoPerturbed(
      {},
      {
        maneuvers: [{ type: 'transfer', tS: 600, durationS: 21_600, toPositionM: [0, -1000, 0] }],
      },
    );
    const run = runScenario(s);
    const arrival = run.spacecraft[0]!.burns[1]!;
    expect(arrival.missM).toBeLessThan(TRANSFER_TOLERANCE_M * 10);
    const twoBody = runScenario(valid({ ...s, dynamics: 'nonlinear' })).spacecraft[0]!.burns[0]!;
    const departure = run.spacecraft[0]!.burns[0]!;
    expect(dist(departure.dvMps, twoBody.dvMps)).toBeGreaterThan(1e-5);
  });

  it('the passive-safety drifts past the run end stay inside the Sun and Moon table', () => {
    const s = geoPerturbed({
      constraints: { passiveSafety: { orbits: 2, minRangeM: 100 } },
    });
    const e = evaluateScenario(s);
    expect(e.spacecraft[0]!.passiveSafety.drifts).toBeGreaterThan(10);
    expect(Number.isFinite(e.spacecraft[0]!.passiveSafety.worstRangeM)).toBe(true);
  });

  it.each([
    [
      'spacecraft',
      'spacecraft[0].srp',
      (s: Scenario) => ({ ...s, spacecraft: [{ ...s.spacecraft[0]!, massKg: undefined }] }),
    ],
    [
      'target',
      'target.srp',
      (s: Scenario) => ({ ...s, target: { ...s.target, massKg: undefined } }),
    ],
  ])('srp without massKg on the %s is an error at %s', (_who, path, edit) => {
    const r = validateScenario(edit(geoPerturbed()));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toContainEqual({ path, message: expect.stringMatching(/massKg/) });
  });

  it('names the path of a bad reflectivity and a bad force switch', () => {
    const s = geoPerturbed();
    const bad = validateScenario({
      ...s,
      forces: { j2: 'yes' },
      spacecraft: [{ ...s.spacecraft[0]!, srp: { areaM2: 4, reflectivity: 3 } }],
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    const paths = bad.issues.map((i) => i.path);
    expect(paths).toContain('forces.j2');
    expect(paths).toContain('spacecraft[0].srp.reflectivity');
  });
});
