// Plot series (src/view/model/plotSeries.ts): the in-plane track is I horizontal, R vertical, km,
// within the tolerance of the full track; time series read the right state component.

import { describe, expect, it } from 'vitest';
import { evaluateScenario } from '../../src/scoring/evaluate.ts';
import { decimateM4 } from '../../src/view/model/decimate.ts';
import { buildMission } from '../../src/view/model/payload.ts';
import {
  crossTrackSource,
  equalAspectRanges,
  inPlaneSeries,
  paddedRange,
  rangeSource,
} from '../../src/view/model/plotSeries.ts';
import { pointSegmentDistance } from '../../src/view/model/simplify.ts';
import { makeScenario, valid } from '../helpers.ts';

const mission = () =>
  buildMission(
    evaluateScenario(
      valid(
        makeScenario(
          { durationS: 86_400, stepS: 5 },
          {
            initial: { frame: 'RIC', positionM: [0, -2000, 300], velocityMps: [0.0729, 0, 0] },
          },
        ),
      ),
      { recordEphemeris: true },
    ),
    'm.json',
  );

describe('plot series', () => {
  it('in-plane track: I horizontal, R vertical, km, within tolerance of every sample', () => {
    const m = mission();
    const c = m.crafts[0]!;
    const tolM = 2;
    const s = inPlaneSeries(c, tolM);
    expect(s.iKm[0]).toBeCloseTo(-2, 9);
    expect(s.rKm[0]).toBeCloseTo(0, 9);
    expect(s.iKm.length).toBeLessThan(c.ephemeris.count / 20);
    // Every sample is within tolerance of the drawn chord that spans it (in the R-I plane).
    const pts = { coords: [] as number[], stride: 2, dims: 2 as const, count: 0 };
    for (let k = 0; k < c.ephemeris.count; k++) {
      pts.coords.push(c.ephemeris.stateRic[k * 6 + 1]!, c.ephemeris.stateRic[k * 6]!);
    }
    pts.count = c.ephemeris.count;
    let j = 0;
    const kept = Array.from(s.tS, (t) => {
      while (c.ephemeris.tS[j]! < t) j++;
      return j;
    });
    let worst = 0;
    for (let q = 0; q + 1 < kept.length; q++) {
      for (let k = kept[q]! + 1; k < kept[q + 1]!; k++) {
        worst = Math.max(worst, pointSegmentDistance(pts, k, kept[q]!, kept[q + 1]!));
      }
    }
    expect(worst).toBeLessThanOrEqual(tolM);
  });

  it('time series read C and range', () => {
    const c = mission().crafts[0]!;
    const cross = decimateM4(crossTrackSource(c), 0, 86_400, 10_000_000);
    expect(cross.y[0]).toBeCloseTo(300, 9);
    const range = decimateM4(rangeSource(c), 0, 86_400, 10_000_000);
    expect(range.y[0]).toBeCloseTo(Math.hypot(2000, 300), 9);
  });

  it('padded ranges', () => {
    expect(paddedRange([[0, 10]], 0.1)).toEqual({ min: -1, max: 11 });
    expect(paddedRange([[5, 5]], 0, 2)).toEqual({ min: 4, max: 6 });
    expect(paddedRange([], 0.1)).toEqual({ min: -1, max: 1 });
  });
});

describe('equal aspect (the in-plane plot: true shapes)', () => {
  it('widens the axis with fewer units per pixel, about its centre, to one scale', () => {
    // 10 km of I on 500 px (20 m/px) and 1 km of R on 250 px (4 m/px): R grows to 5 km.
    const r = equalAspectRanges({ min: -10, max: 0 }, { min: -0.2, max: 0.8 }, 500, 250);
    expect(r.x).toEqual({ min: -10, max: 0 });
    expect(r.y.min).toBeCloseTo(0.3 - 2.5, 12);
    expect(r.y.max).toBeCloseTo(0.3 + 2.5, 12);
    // The other way round: a tall range on a wide plot widens x.
    const t = equalAspectRanges({ min: 0, max: 1 }, { min: 0, max: 4 }, 400, 200);
    expect(t.y).toEqual({ min: 0, max: 4 });
    expect((t.x.max - t.x.min) / 400).toBeCloseTo((t.y.max - t.y.min) / 200, 12);
    expect((t.x.min + t.x.max) / 2).toBeCloseTo(0.5, 12);
  });

  it('leaves the ranges alone before the plot has a size', () => {
    const x = { min: 0, max: 3 };
    const y = { min: 1, max: 2 };
    expect(equalAspectRanges(x, y, 0, 0)).toEqual({ x, y });
  });
});
