import { describe, expect, it } from 'vitest';
import { looksLikeOpm, withSpacecraftOpm } from '../../src/editing/spacecraftOpm.ts';
import { OpmError } from '../../src/formats/opmImport.ts';

const OPM = `CCSDS_OPM_VERS = 3.0
CREATION_DATE = 2026-03-19T00:00:00
ORIGINATOR = hand
OBJECT_NAME = B
OBJECT_ID = B
CENTER_NAME = EARTH
REF_FRAME = EME2000
TIME_SYSTEM = UTC
EPOCH = 2026-03-20T00:00:00.000
X = 42164 [km]
Y = 0 [km]
Z = 0 [km]
X_DOT = 0 [km/s]
Y_DOT = 3.0747 [km/s]
Z_DOT = 0 [km/s]
`;

const PLAN = JSON.stringify(
  {
    spacecraft: [
      { id: 'a', initial: { frame: 'RIC', positionM: [0, -1000, 0], velocityMps: [0, 0, 0] } },
      { id: 'b', initial: { frame: 'RIC', positionM: [0, 1000, 0], velocityMps: [0, 0, 0] } },
    ],
  },
  null,
  2,
);

describe('an OPM as the initial state of a spacecraft in the app', () => {
  it('is recognised by its extension or its first keyword, not a scenario or element set', () => {
    expect(looksLikeOpm('x.OPM', '')).toBe(true);
    expect(looksLikeOpm('x.txt', `  ${OPM}`)).toBe(true);
    expect(looksLikeOpm('x.json', PLAN)).toBe(false);
    expect(looksLikeOpm('x.txt', 'CCSDS_OMM_VERS = 3.0')).toBe(false);
  });

  it('sets the spacecraft in focus, else the first; the others stay as written', () => {
    const b = JSON.parse(withSpacecraftOpm(PLAN, 'b', OPM)) as { spacecraft: unknown[] };
    expect(b.spacecraft[1]).toEqual({ id: 'b', initial: { frame: 'opm', opm: OPM } });
    expect(b.spacecraft[0]).toEqual(JSON.parse(PLAN).spacecraft[0]);
    const first = JSON.parse(withSpacecraftOpm(PLAN, null, OPM)) as { spacecraft: unknown[] };
    expect(first.spacecraft[0]).toEqual({ id: 'a', initial: { frame: 'opm', opm: OPM } });
  });

  it('a malformed OPM throws its line and keyword; a plan without spacecraft says so', () => {
    expect(() => withSpacecraftOpm(PLAN, 'a', OPM.replace('Z_DOT = 0', 'Z_DOT = x'))).toThrow(
      new OpmError('line 15: Z_DOT = "x" is not a finite number'),
    );
    expect(() => withSpacecraftOpm('{"spacecraft": []}', null, OPM)).toThrow(/no spacecraft/);
  });
});
