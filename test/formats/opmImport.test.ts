// An OPM as a spacecraft's initial state (`"initial": { "frame": "opm", "opm": "<KVN>" }`,
// src/formats/opmImport.ts): our own OPM export of a scenario's initial state reads back to the
// same RIC state (1e-6 m, 1e-9 m/s); a hand-written OPM 1 km above a GEO target gives the
// closed-form RIC state; TAI and TT epochs are UTC shifted by 37 s and 69.184 s; errors name the
// line and the keyword.
import { describe, expect, it } from 'vitest';
import { exportRun } from '../../src/formats/export.ts';
import { parseOpm, OpmError } from '../../src/formats/opmImport.ts';
import { initialRicOf } from '../../src/formats/scenarioElements.ts';
import { InertialFrame } from '../../src/formats/trajectory.ts';
import { runScenario } from '../../src/sim/run.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { makeScenario, valid } from '../helpers.ts';

function withOpm(s: Scenario, opm: string): Scenario {
  return valid({ ...s, spacecraft: [{ ...s.spacecraft[0]!, initial: { frame: 'opm', opm } }] });
}

function opmText(frame: string, timeSystem: string, epoch: string, x: ArrayLike<number>): string {
  const km = (v: number, d: number) => (v / 1000).toFixed(d);
  return [
    'CCSDS_OPM_VERS = 3.0',
    'CREATION_DATE = 2026-03-19T00:00:00',
    'ORIGINATOR = hand',
    'OBJECT_NAME = HAND',
    'OBJECT_ID = 2026-001A',
    'CENTER_NAME = EARTH',
    `REF_FRAME = ${frame}`,
    `TIME_SYSTEM = ${timeSystem}`,
    `EPOCH = ${epoch}`,
    `X = ${km(x[0]!, 9)} [km]`,
    `Y = ${km(x[1]!, 9)} [km]`,
    `Z = ${km(x[2]!, 9)} [km]`,
    `X_DOT = ${km(x[3]!, 12)} [km/s]`,
    `Y_DOT = ${km(x[4]!, 12)} [km/s]`,
    `Z_DOT = ${km(x[5]!, 12)} [km/s]`,
  ].join('\n');
}

describe('OPM import as an initial state', () => {
  const base = valid(
    makeScenario(
      { dynamics: 'nonlinear', durationS: 3600 },
      {
        initial: { frame: 'RIC', positionM: [250, -4000, 120], velocityMps: [0.1, -0.02, 0.03] },
      },
    ),
  );

  it('our OPM export of the initial state reads back to the same RIC state', () => {
    const run = runScenario(base, { recordEphemeris: true });
    const [file] = exportRun(run, 'opm', { creationDate: '2026-03-19T00:00:00Z' });
    const back = initialRicOf(withOpm(base, file!.text), 0);
    const ric = initialRicOf(base, 0);
    for (let i = 0; i < 3; i++) expect(Math.abs(back[i]! - ric[i]!)).toBeLessThan(1e-6);
    for (let i = 3; i < 6; i++) expect(Math.abs(back[i]! - ric[i]!)).toBeLessThan(1e-9);
  });

  it('a hand-written OPM 1 km above the target: RIC [1000, 0, 0], rate -n 1000 in-track', () => {
    const frame = new InertialFrame(base);
    const t = new Float64Array(6);
    frame.targetEme(0, t);
    const r = Math.hypot(t[0]!, t[1]!, t[2]!);
    const x = t.map((v, i) => (i < 3 ? v * (1 + 1000 / r) : v));
    const s = withOpm(base, opmText('EME2000', 'UTC', '2026-03-20T00:00:00.000', x));
    const ric = initialRicOf(s, 0);
    const n = Math.hypot(t[3]!, t[4]!, t[5]!) / r;
    expect(ric[0]).toBeCloseTo(1000, 5);
    expect(Math.abs(ric[1]!)).toBeLessThan(1e-5);
    expect(Math.abs(ric[2]!)).toBeLessThan(1e-5);
    expect(Math.abs(ric[3]!)).toBeLessThan(1e-8);
    expect(ric[4]).toBeCloseTo(-n * 1000, 8);
    // GCRF is read as EME2000
    expect(
      initialRicOf(withOpm(base, opmText('GCRF', 'UTC', '2026-03-20T00:00:00', x)), 0)[0],
    ).toBeCloseTo(1000, 5);
    // the same instant in TAI and TT
    for (const [ts, e] of [
      ['TAI', '2026-03-20T00:00:37.000'],
      ['TT', '2026-03-20T00:01:09.184'],
    ] as const) {
      const other = initialRicOf(withOpm(base, opmText('EME2000', ts, e, x)), 0);
      for (let i = 0; i < 6; i++) expect(Math.abs(other[i]! - ric[i]!)).toBeLessThan(1e-6);
    }
    expect(parseOpm(opmText('EME2000', 'TT', '2026-03-20T00:01:09.184', x)).epochMs).toBe(
      Date.parse('2026-03-20T00:00:00Z'),
    );
  });

  it('an OPM an hour before the epoch is flown to the epoch on its two-body orbit', () => {
    const frame = new InertialFrame(base);
    const t = new Float64Array(6);
    frame.targetEme(-3600, t); // the target an hour before, on its circular orbit
    const s = withOpm(base, opmText('EME2000', 'UTC', '2026-03-19T23:00:00', t));
    const ric = initialRicOf(s, 0);
    for (let i = 0; i < 3; i++) expect(Math.abs(ric[i]!)).toBeLessThan(1e-3);
  });

  it('errors name the line and the keyword, at the JSON path', () => {
    const x = [42164e3, 0, 0, 0, 3074.7, 0];
    const bad = opmText('ITRF', 'UTC', '2026-03-20T00:00:00', x);
    expect(() => parseOpm(bad)).toThrow(OpmError);
    expect(() => parseOpm(bad)).toThrow(/line 7: REF_FRAME = ITRF is not supported/);
    expect(() => parseOpm(opmText('EME2000', 'GPS', '2026-03-20T00:00:00', x))).toThrow(
      /line 8: TIME_SYSTEM = GPS/,
    );
    expect(() =>
      parseOpm(opmText('EME2000', 'UTC', '2026-03-20T00:00:00', x).replace(/^Y_DOT.*$/m, '')),
    ).toThrow(/Y_DOT missing/);
    expect(() =>
      parseOpm(opmText('EME2000', 'UTC', '2026-03-20T00:00:00', x).replace('[km/s]', '[m/s]')),
    ).toThrow(/line 13: X_DOT is in \[m\/s\]/);
    const r = validateScenario({
      ...base,
      spacecraft: [{ ...base.spacecraft[0]!, initial: { frame: 'opm', opm: bad } }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.some((i) => i.path === 'spacecraft[0].initial.opm')).toBe(true);
      expect(r.issues.map((i) => i.message).join(' ')).toMatch(/line 7: REF_FRAME/);
    }
  });
});
