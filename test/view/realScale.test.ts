// The view at real scale: units (m, km, Mm), the range plot's log scale, the camera's framing
// boxes, and the GEO longitude of an object from the target's slot and its RIC offset,
// against hand-worked geometry: 1,000 km ahead in-track at the GEO radius a = 42,164,169.6 m is
// atan(1e6 / a) = 1.35862 deg east of the target; a target drifting 1.4 deg/day is 0.7 deg east
// after 12 h; wrapping across the antimeridian.

import { describe, expect, it } from 'vitest';
import { evaluateScenario } from '../../src/scoring/evaluate.ts';
import {
  distanceUnitFor,
  formatDistance,
  formatRoundDistance,
} from '../../src/view/model/format.ts';
import { MIN_BOX_KM, missionBoxKm, pairBoxKm } from '../../src/view/model/framing.ts';
import { formatLongitude, longitudeDegAt, wrapDeg } from '../../src/view/model/longitude.ts';
import { buildMission } from '../../src/view/model/payload.ts';
import { rangeScale } from '../../src/view/model/rangeScale.ts';
import { makeScenario, valid } from '../helpers.ts';

const A = 42_164_169.6;

describe('GEO longitude of an object', () => {
  it('an in-track offset ahead is east, behind is west', () => {
    const t = { longitudeDeg: 95, driftDegPerDay: 0, radiusM: A };
    expect(longitudeDegAt(t, 0, 0, 1e6)).toBeCloseTo(95 + 1.358619, 5);
    expect(longitudeDegAt(t, 0, 0, -1e6)).toBeCloseTo(95 - 1.358619, 5);
    // a radial offset alone keeps the longitude
    expect(longitudeDegAt(t, 0, 5e4, 0)).toBe(95);
  });

  it('the target drifts at its slot rate', () => {
    const t = { longitudeDeg: 10, driftDegPerDay: 1.4, radiusM: A };
    expect(longitudeDegAt(t, 43_200, 0, 0)).toBeCloseTo(10.7, 12);
  });

  it('wraps to (-180, 180]', () => {
    expect(wrapDeg(181)).toBe(-179);
    expect(wrapDeg(-180)).toBe(180);
    expect(wrapDeg(540)).toBe(180);
    expect(formatLongitude(-12.3)).toBe('12.30° W');
    expect(formatLongitude(95.123)).toBe('95.12° E');
  });
});

describe('units and range scale from 10 m to 10,000 km', () => {
  it('distances read in m, km or Mm', () => {
    expect(formatDistance(12.34)).toBe('12.3 m');
    expect(formatDistance(999_949)).toBe('999.9 km');
    expect(formatDistance(1_234_567)).toBe('1.235 Mm');
    expect(formatDistance(10_000_000)).toBe('10.00 Mm');
    expect(distanceUnitFor(950)).toEqual({ symbol: 'm', metres: 1 });
    expect(distanceUnitFor(95_000)).toEqual({ symbol: 'km', metres: 1000 });
    expect(distanceUnitFor(1.2e6)).toEqual({ symbol: 'Mm', metres: 1e6 });
    expect([10, 100, 1e3, 1e5, 1e6, 1e7].map(formatRoundDistance)).toEqual([
      '10 m',
      '100 m',
      '1 km',
      '100 km',
      '1 Mm',
      '10 Mm',
    ]);
    // the scale bar's 1-2-5 lengths
    expect([0.5, 2e6, 5e4].map(formatRoundDistance)).toEqual(['0.5 m', '2 Mm', '50 km']);
  });

  it('the range plot is logarithmic above two decades, linear below, or as asked', () => {
    const drift = { rangeM: Float64Array.from([1e6, 5e5, 2e3, 900]), count: 4 };
    const football = { rangeM: Float64Array.from([1000, 600, 500, 1000]), count: 4 };
    expect(rangeScale([drift])).toMatchObject({ log: true, minM: 900, maxM: 1e6 });
    expect(rangeScale([drift]).unit.symbol).toBe('Mm');
    expect(rangeScale([football])).toMatchObject({ log: false, minM: 500, maxM: 1000 });
    expect(rangeScale([football]).unit.symbol).toBe('km');
    expect(rangeScale([football], 'log').log).toBe(true);
    expect(rangeScale([drift], 'linear').log).toBe(false);
    // exactly two decades stays linear; the unwritten tail of an array is ignored
    expect(rangeScale([{ rangeM: Float64Array.from([10, 1000, 1e9]), count: 2 }]).log).toBe(false);
  });
});

describe('camera framing boxes', () => {
  const s = valid(
    makeScenario({
      durationS: 600,
      stepS: 60,
      spacecraft: [
        {
          id: 'far',
          initial: { frame: 'RIC', positionM: [2000, -1e6, 300], velocityMps: [0, 0, 0] },
          maneuvers: [],
        },
        {
          id: 'near',
          initial: { frame: 'RIC', positionM: [0, 5, 0], velocityMps: [0, 0, 0] },
          maneuvers: [],
        },
      ],
    }),
  );
  const mission = buildMission(evaluateScenario(s, { recordEphemeris: true }), 'test');

  it('frame all holds every object over the run (world km: x = I, y = R, z = C)', () => {
    const [x, y, z] = missionBoxKm(mission);
    expect(x).toBeCloseTo(1000, 2);
    expect(y).toBeGreaterThanOrEqual(2 - 1e-6);
    expect(z).toBeGreaterThanOrEqual(0.3 - 1e-6);
  });

  it('frame pair holds the target and the chosen inspector now, at least 10 m', () => {
    expect(pairBoxKm(mission, 'near', 0)).toEqual([MIN_BOX_KM, MIN_BOX_KM, MIN_BOX_KM]);
    expect(pairBoxKm(mission, 'far', 0)[0]).toBeCloseTo(1000, 6);
  });
});
