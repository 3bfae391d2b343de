// Scenarios whose target and spacecraft come from element sets: the RIC start against python3-sgp4
// TEME states (fixture), the two-body propagation of an element-set target against RK4, and the
// problems and warnings with their JSON paths.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MU_EARTH_M3_S2 } from '../../src/core/constants.ts';
import { TwoBodyDynamics } from '../../src/dynamics/twobody.ts';
import { exportRun } from '../../src/formats/export.ts';
import {
  elementsWarnings,
  initialRicOf,
  objectSlots,
  targetInitialEci,
} from '../../src/formats/scenarioElements.ts';
import { keplerPropagate } from '../../src/formats/trajectory.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { createSunTable, runScenario } from '../../src/sim/run.ts';
import { buildReport } from '../../src/scoring/report.ts';
import { evaluateScenario } from '../../src/scoring/evaluate.ts';

const py = JSON.parse(
  readFileSync(new URL('../fixtures/sgp4/python-sgp4.json', import.meta.url), 'utf8'),
) as {
  tle: [string, string];
  tleRows: number[][];
  omm: Record<string, string>;
  nearOmm: Record<string, string>;
  nearOmmRows: number[][];
};

/** 12 h after the element sets' epoch (row 720 min of the fixture). */
const EPOCH = '2026-06-21T00:00:00Z';

function scenario(over: Partial<Scenario> = {}): unknown {
  return {
    format: 'rpo-scenario',
    version: 1,
    name: 'from element sets',
    epoch: EPOCH,
    durationS: 21600,
    stepS: 10,
    dynamics: 'nonlinear',
    target: { name: 'SYNTHETIC GEO 6E', orbit: { type: 'elements', tle: py.tle } },
    spacecraft: [
      { id: 'inspector', initial: { frame: 'elements', omm: py.nearOmm }, maneuvers: [] },
    ],
    ...over,
  };
}

function load(value: unknown): Scenario {
  const r = validateScenario(value);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.scenario;
}

/** RIC of b relative to a, both inertial [km, km/s] -> [m, m/s], written out from the definition. */
function ricOf(a: number[], b: number[]): number[] {
  const [rx, ry, rz, vx, vy, vz] = a.map((v) => v * 1000) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const d = b.map((v, i) => v * 1000 - a[i]! * 1000);
  const r = Math.hypot(rx, ry, rz);
  const h = [ry * vz - rz * vy, rz * vx - rx * vz, rx * vy - ry * vx];
  const hn = Math.hypot(h[0]!, h[1]!, h[2]!);
  const R = [rx / r, ry / r, rz / r];
  const C = h.map((c) => c / hn);
  const I = [
    C[1]! * R[2]! - C[2]! * R[1]!,
    C[2]! * R[0]! - C[0]! * R[2]!,
    C[0]! * R[1]! - C[1]! * R[0]!,
  ];
  const w = hn / (r * r);
  const dot = (u: number[], o: number) => u[0]! * d[o]! + u[1]! * d[o + 1]! + u[2]! * d[o + 2]!;
  const rho = [dot(R, 0), dot(I, 0), dot(C, 0)];
  return [...rho, dot(R, 3) + w * rho[1]!, dot(I, 3) - w * rho[0]!, dot(C, 3)];
}

describe('scenario element sets', () => {
  const s = load(scenario());

  it('starts the inspector at the RIC offset python3-sgp4 gives (frame-free: TEME in, RIC out)', () => {
    const target = py.tleRows.find((r) => r[0] === 720)!.slice(1, 7);
    const craft = py.nearOmmRows.find((r) => r[0] === 720)!.slice(1, 7);
    const want = ricOf(target, craft);
    const got = initialRicOf(s, 0);
    // ~15 km in-track ahead; python and satellite.js agree to ~1 mm
    expect(want[1]).toBeGreaterThan(10_000);
    for (let i = 0; i < 3; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(5e-3);
    for (let i = 3; i < 6; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(1e-6);
  });

  it('propagates the target in two-body motion from its SGP4 state (Kepler = RK4 to 1 mm)', () => {
    const x0 = targetInitialEci(s.target.orbit, s.epoch);
    const tb = new TwoBodyDynamics(MU_EARTH_M3_S2);
    const y = new Float64Array(12);
    y.set(x0);
    for (let k = 0; k < 8640; k++) tb.rk4Step(k * 10, y, 10);
    const kepler = keplerPropagate(x0, 86400, MU_EARTH_M3_S2, new Float64Array(6));
    for (let i = 0; i < 3; i++) expect(Math.abs(kepler[i]! - y[i]!)).toBeLessThan(1e-3);
    // and the exported target OEM starts at that state (EME2000 rotation keeps the length)
    const run = runScenario(s, { recordEphemeris: true, checkConstraints: false });
    const oem = exportRun(run, 'oem', { creationDate: EPOCH }).find(
      (f) => f.name === 'target.oem',
    )!.text;
    const first = oem
      .split('\n')
      .find((l) => l.startsWith('2026-06-21T00:00:00.000000'))!
      .split(' ')
      .slice(1)
      .map(Number);
    expect(Math.hypot(first[0]!, first[1]!, first[2]!) * 1000).toBeCloseTo(
      Math.hypot(x0[0]!, x0[1]!, x0[2]!),
      2,
    );
    // the run's inspector starts where the element set puts it
    const e = run.spacecraft[0]!.ephemeris!;
    const ric0 = initialRicOf(s, 0);
    for (let i = 0; i < 6; i++) expect(e.stateRic[i]).toBeCloseTo(ric0[i]!, 6);
  });

  it('reports the GEO slot and drift of every object', () => {
    const report = buildReport(evaluateScenario(s));
    expect(report.geoSlots.map((g) => g.id)).toEqual(['target', 'inspector']);
    const [t, c] = report.geoSlots;
    expect(t!.longitudeDeg).toBeCloseTo(6.03, 1);
    expect(c!.longitudeDeg - t!.longitudeDeg).toBeCloseTo(0.02, 2);
    expect(t!.elementsEpoch).toBe('2026-06-20T12:00:00.000Z');
    // mean motion 1.0027 rev/day: 360 x 1.0027 - 360.9856 = -0.0136 deg/day
    expect(t!.elementsDriftDegPerDay).toBeCloseTo(360 * 1.0027 - 360.98564736629, 9);
  });

  it('lights a near-GEO element-set target like a geo target at its slot (Sun in RIC to 0.1 deg)', () => {
    const table = createSunTable(s)!;
    expect(table).not.toBeNull();
    const slot = objectSlots(s)[0]!;
    const geo = createSunTable(
      load(
        scenario({
          target: { name: 'G', orbit: { type: 'geo', longitudeDeg: slot.longitudeDeg } },
          spacecraft: [
            {
              id: 'a',
              initial: { frame: 'RIC', positionM: [0, -1000, 0], velocityMps: [0, 0, 0] },
              maneuvers: [],
            },
          ],
        }),
      ),
    )!;
    const a = new Float64Array(3);
    const b = new Float64Array(3);
    for (const t of [0, 7200, 21600]) {
      table.sunRic(t, a);
      geo.sunRic(t, b);
      const angleDeg =
        (Math.acos(Math.min(1, a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!)) * 180) / Math.PI;
      // the element set's inclination (0.045 deg) tilts its orbit normal; the drift is tiny
      expect(angleDeg).toBeLessThan(0.1);
    }
    // a non-GEO element-set target has no lighting: sun-phase triggers are refused
    const leoTarget = {
      name: 'L',
      orbit: { type: 'elements', omm: { ...py.omm, MEAN_MOTION: '2.0' } },
    };
    const r = validateScenario(
      scenario({
        target: leoTarget,
        objectives: [{ type: 'observe', rangeBandM: [100, 1000], maxPhaseDeg: 60, requiredS: 60 }],
      } as Partial<Scenario>),
    );
    expect(!r.ok && r.issues.map((i) => i.message).join()).toMatch(/element-set target near GEO/);
  });

  it('keeps the geo, circular and elliptical forms working', () => {
    const geo = load(
      scenario({
        target: { name: 'G', orbit: { type: 'geo', longitudeDeg: 6 } },
        spacecraft: [
          {
            id: 'a',
            initial: { frame: 'RIC', positionM: [0, -1000, 0], velocityMps: [0, 0, 0] },
            maneuvers: [],
          },
        ],
      }),
    );
    expect(Array.from(initialRicOf(geo, 0))).toEqual([0, -1000, 0, 0, 0, 0]);
    expect(objectSlots(geo)[0]!.longitudeDeg).toBeCloseTo(6, 9);
  });
});

describe('scenario element-set problems and warnings', () => {
  it('names the JSON path, the TLE line and the column of a bad checksum', () => {
    const bad = [py.tle[0], py.tle[1].slice(0, 68) + String((Number(py.tle[1][68]) + 1) % 10)];
    const r = validateScenario(
      scenario({ target: { name: 'T', orbit: { type: 'elements', tle: bad } } }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]!.path).toBe('target.orbit.tle');
      expect(r.issues[0]!.message).toMatch(/TLE line 2.*column 69 \(checksum\)/);
    }
  });

  it('names the OMM key of a bad value under spacecraft[i].initial', () => {
    const r = validateScenario(
      scenario({
        spacecraft: [
          {
            id: 'x',
            initial: { frame: 'elements', omm: { ...py.nearOmm, ECCENTRICITY: 'round' } },
            maneuvers: [],
          },
        ],
      } as Partial<Scenario>),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]!.path).toBe('spacecraft[0].initial.omm');
      expect(r.issues[0]!.message).toMatch(/ECCENTRICITY: "round" is not a number/);
    }
  });

  it('refuses both or neither of tle and omm, and the CW model', () => {
    const both = validateScenario(
      scenario({
        target: { name: 'T', orbit: { type: 'elements', tle: py.tle, omm: py.omm } },
      } as Partial<Scenario>),
    );
    expect(!both.ok && both.issues[0]!.message).toMatch(/exactly one of "tle" or "omm"/);
    const cw = validateScenario(scenario({ dynamics: 'cw' }));
    expect(!cw.ok && cw.issues.map((i) => i.message).join()).toMatch(
      /element set is propagated in two-body motion/,
    );
  });

  it('warns about an element set far from the epoch and an object not near GEO', () => {
    const late = load(scenario({ epoch: '2026-06-25T00:00:00Z' }));
    const w = elementsWarnings(late);
    expect(w.map((x) => x.path)).toEqual(['target.orbit', 'spacecraft[0].initial']);
    expect(w[0]!.message).toMatch(/4\.5 days before the scenario epoch/);
    const leo = load(
      scenario({
        spacecraft: [
          {
            id: 'x',
            initial: { frame: 'elements', omm: { ...py.nearOmm, MEAN_MOTION: '2.0' } },
            maneuvers: [],
          },
        ],
      } as Partial<Scenario>),
    );
    expect(
      elementsWarnings(leo)
        .map((x) => x.message)
        .join(),
    ).toMatch(/x is not near GEO \(semi-major axis 26\d\d\d km/);
    expect(elementsWarnings(load(scenario()))).toEqual([]);
  });
});
