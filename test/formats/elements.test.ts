// Element sets in: TLE and OMM (KVN, XML, JSON) parsed and propagated with SGP4 (satellite.js),
// checked against Vallado's SGP4 verification vectors and against python3-sgp4 (fixtures made by
// test/fixtures/sgp4/make_fixtures.py); TEME -> TOD (the engine's ECI) checked against the
// sub-satellite longitude python computes with GMST 1982 on TEME, and round-tripped through RIC.
// References: Vallado et al., "Revisiting Spacetrack Report #3", AIAA 2006-6753; CCSDS 502.0-B-3.

import { readFileSync } from 'node:fs';
import { sgp4, twoline2satrec } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import {
  ElementsError,
  elementsState,
  geoSlot,
  parseElementsFile,
  parseTle,
  temeToTod,
  todToTeme,
} from '../../src/formats/elements.ts';
import { inertialToRic, ricToInertial } from '../../src/formats/trajectory.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/sgp4/${name}`, import.meta.url), 'utf8'));
const vallado = fixture('vallado.json') as {
  cases: { satnum: string; tle: [string, string]; rows: number[][] }[];
};
const py = fixture('python-sgp4.json') as {
  tle: [string, string];
  tleRows: number[][];
  omm: Record<string, string>;
  ommRows: number[][];
};
const ELEMENTS_EPOCH_MS = Date.UTC(2026, 5, 20, 12, 0, 0);

describe('SGP4 through satellite.js', () => {
  it.each(vallado.cases.map((c) => [c.satnum, c] as const))(
    'matches Vallado verification case %s to 1 m and 1 mm/s',
    (_, c) => {
      const satrec = twoline2satrec(c.tle[0], c.tle[1]);
      for (const row of c.rows) {
        const pv = sgp4(satrec, row[0]!);
        expect(pv).not.toBeNull();
        const got = [
          pv!.position.x,
          pv!.position.y,
          pv!.position.z,
          pv!.velocity.x,
          pv!.velocity.y,
          pv!.velocity.z,
        ];
        for (let i = 0; i < 3; i++) expect(Math.abs(got[i]! - row[1 + i]!)).toBeLessThan(1e-3);
        for (let i = 3; i < 6; i++) expect(Math.abs(got[i]! - row[1 + i]!)).toBeLessThan(1e-6);
      }
    },
  );

  it('elementsState gives python3-sgp4 TEME states for the TLE and the OMM (to 1 mm, 1e-9 km/s)', () => {
    for (const [elements, rows] of [
      [{ tle: py.tle }, py.tleRows],
      [{ omm: py.omm }, py.ommRows],
    ] as const) {
      for (const row of rows) {
        const st = elementsState(elements, ELEMENTS_EPOCH_MS + row[0]! * 60_000);
        for (let i = 0; i < 3; i++)
          expect(Math.abs(st.stateTeme[i]! / 1000 - row[1 + i]!)).toBeLessThan(1e-6);
        for (let i = 3; i < 6; i++)
          expect(Math.abs(st.stateTeme[i]! / 1000 - row[1 + i]!)).toBeLessThan(1e-9);
      }
    }
  });
});

describe('TEME -> TOD (the engine ECI)', () => {
  it('puts the GEO object where python finds it from TEME with GMST 1982 (to 2e-4 deg)', () => {
    // TOD longitude uses GAST (astronomy-engine); TEME longitude uses GMST: the equation of the
    // equinoxes (about -0.004 deg in 2026) cancels only if it is applied with the right sign.
    for (const row of py.tleRows) {
      const t = ELEMENTS_EPOCH_MS + row[0]! * 60_000;
      const st = elementsState({ tle: py.tle }, t);
      expect(Math.abs(geoSlot(st.stateEci, t).longitudeDeg - row[7]!)).toBeLessThan(2e-4);
    }
  });

  it('round-trips TEME -> TOD -> RIC -> TOD -> TEME to 1e-6 m', () => {
    const t = ELEMENTS_EPOCH_MS + 3600_000;
    const target = elementsState({ tle: py.tle }, t).stateEci;
    const teme = Float64Array.from([3e6, -4.2e7, 1.2e4, 3070, 220, -1.5]);
    const tod = temeToTod(t, teme, new Float64Array(6));
    const basis = new Float64Array(9);
    const ric = inertialToRic(target, tod, basis, new Float64Array(6));
    const back = new Float64Array(6);
    ricToInertial(target, ric, 0, basis, back);
    const teme2 = todToTeme(t, back, new Float64Array(6));
    for (let i = 0; i < 3; i++) expect(Math.abs(teme2[i]! - teme[i]!)).toBeLessThan(1e-6);
    for (let i = 3; i < 6; i++) expect(Math.abs(teme2[i]! - teme[i]!)).toBeLessThan(1e-9);
  });

  it('reports the GEO slot and drift of the element set', () => {
    const st = elementsState({ tle: py.tle }, ELEMENTS_EPOCH_MS);
    const slot = geoSlot(st.stateEci, ELEMENTS_EPOCH_MS);
    expect(slot.longitudeDeg).toBeCloseTo(6.03, 1);
    expect(slot.inclinationDeg).toBeCloseTo(0.045, 2);
    // 1.0027 rev/day is 0.00293 deg/day slower than the Earth in mean motion; the osculating
    // two-body drift differs (J2 and short-period terms) but stays within a few 0.01 deg/day
    expect(Math.abs(slot.driftDegPerDay)).toBeLessThan(0.1);
  });
});

describe('reading element-set files', () => {
  const kvn = [
    'CCSDS_OMM_VERS = 3.0',
    'CREATION_DATE = 2026-06-20T13:00:00',
    'ORIGINATOR = TEST',
    '',
    ...Object.entries(py.omm).map(([k, v]) => `${k} = ${v}`),
  ].join('\n');
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<omm id="CCSDS_OMM_VERS" version="3.0"><header><CREATION_DATE>2026-06-20T13:00:00</CREATION_DATE><ORIGINATOR>TEST</ORIGINATOR></header>
<body><segment><metadata>
${Object.entries(py.omm)
  .map(([k, v]) => `<${k}>${v}</${k}>`)
  .join('\n')}
</metadata></segment></body></omm>`;

  it('reads the same OMM from KVN, XML and JSON, and the same state as the TLE', () => {
    const states = [
      kvn,
      xml,
      JSON.stringify([py.omm]),
      `SYNTHETIC GEO 6E\n${py.tle.join('\n')}`,
    ].map((text) => {
      const p = parseElementsFile(text);
      return { p, st: elementsState(p.elements, ELEMENTS_EPOCH_MS) };
    });
    expect(states.map((s) => s.p.kind)).toEqual(['omm-kvn', 'omm-xml', 'omm-json', 'tle']);
    expect(states.map((s) => s.p.name)).toEqual(Array(4).fill('SYNTHETIC GEO 6E'));
    for (const s of states)
      for (let i = 0; i < 6; i++)
        expect(s.st.stateEci[i]).toBeCloseTo(states[0]!.st.stateEci[i]!, 3);
  });

  it('names the line, columns and field of a malformed TLE', () => {
    const bad = py.tle[1].slice(0, 68) + String((Number(py.tle[1][68]) + 1) % 10);
    expect(() => parseTle([py.tle[0], bad])).toThrow(/line 2.*column 69 \(checksum\)/);
    const badEcc = py.tle[1].slice(0, 26) + '00x2100' + py.tle[1].slice(33);
    expect(() => parseTle([py.tle[0], badEcc])).toThrow(
      /line 2, columns 27-33 \(eccentricity\)|checksum/,
    );
    expect(() => parseTle([py.tle[0]])).toThrow(/expected 2 or 3 lines/);
    expect(() => parseTle([py.tle[0], py.tle[1].slice(0, 40)])).toThrow(
      /40 characters; a TLE line has 69/,
    );
    const other = py.tle[1].slice(0, 2) + '28885' + py.tle[1].slice(7, 68);
    const sum =
      [...other].reduce(
        (s, ch) => s + (ch >= '0' && ch <= '9' ? Number(ch) : ch === '-' ? 1 : 0),
        0,
      ) % 10;
    expect(() => parseTle([py.tle[0], other + sum])).toThrow(/columns 3-7 \(catalogue number\)/);
  });

  it('names the line and key of a malformed OMM, and refuses what SGP4 cannot use', () => {
    expect(() => parseElementsFile(kvn.replace(/MEAN_MOTION = .*/, 'MEAN_MOTION = fast'))).toThrow(
      /OMM line \d+: MEAN_MOTION: "fast" is not a number/,
    );
    expect(() =>
      parseElementsFile(
        `${kvn}\nREF_FRAME = GCRF`.replace(
          'CCSDS_OMM_VERS = 3.0',
          'CCSDS_OMM_VERS = 3.0\nREF_FRAME = GCRF',
        ),
      ),
    ).toThrow(/REF_FRAME: "GCRF" is not supported/);
    expect(() =>
      parseElementsFile(xml.replace(/<EPOCH>[^<]*<\/EPOCH>/, '<EPOCH>yesterday</EPOCH>')),
    ).toThrow(/OMM XML line \d+: <EPOCH>: "yesterday" is not a UTC time/);
    expect(() => parseElementsFile(JSON.stringify({ ...py.omm, INCLINATION: undefined }))).toThrow(
      /INCLINATION is missing/,
    );
    expect(() => parseElementsFile('not an element set')).toThrow(ElementsError);
  });
});
