// Trail buffers (src/view/model/trail.ts): world axes and units, times and distances along the
// trail for the past/future split and the dashes, and the zoom levels that trigger a rebuild.

import { describe, expect, it } from 'vitest';
import { Ephemeris } from '../../src/sim/ephemeris.ts';
import { douglasPeuckerImportance } from '../../src/view/model/simplify.ts';
import {
  buildTrailSegments,
  metresPerPixel,
  TRAIL_FLOATS_PER_SEGMENT,
  toleranceForLevel,
  toleranceLevel,
} from '../../src/view/model/trail.ts';

function circleEphemeris(n: number, radiusM: number): Ephemeris {
  const e = new Ephemeris(n);
  for (let k = 0; k < n; k++) {
    const a = (2 * Math.PI * k) / (n - 1);
    // R, I in the orbit plane; C constant.
    e.push(k * 10, [radiusM * Math.sin(a), 2 * radiusM * Math.cos(a), 50, 0, 0, 0]);
  }
  return e;
}

describe('trail segments', () => {
  it('maps RIC (m) to world (km: x = I, y = R, z = -C) with times and cumulative distance', () => {
    const e = circleEphemeris(2001, 1000);
    const imp = douglasPeuckerImportance({
      coords: e.stateRic,
      stride: 6,
      dims: 3,
      count: e.count,
    });
    const seg = buildTrailSegments(e, imp, 1);
    expect(seg.count).toBe(seg.indices.length - 1);
    expect(seg.data.length).toBe(seg.count * TRAIL_FLOATS_PER_SEGMENT);
    const d = seg.data;
    // First vertex: R = 0, I = 2000 m, C = 50 m.
    expect(d[0]).toBeCloseTo(2, 6);
    expect(d[1]).toBeCloseTo(0, 6);
    expect(d[2]).toBeCloseTo(-0.05, 6);
    let length = 0;
    for (let j = 0; j < seg.count; j++) {
      const o = j * TRAIL_FLOATS_PER_SEGMENT;
      // Consecutive segments share their vertex, time and distance.
      if (j > 0) {
        expect(d[o]).toBe(d[o - TRAIL_FLOATS_PER_SEGMENT + 3]);
        expect(d[o + 6]).toBe(d[o - TRAIL_FLOATS_PER_SEGMENT + 7]);
        expect(d[o + 8]).toBe(d[o - TRAIL_FLOATS_PER_SEGMENT + 9]);
      }
      expect(d[o + 7]!).toBeGreaterThan(d[o + 6]!);
      length += Math.hypot(d[o + 3]! - d[o]!, d[o + 4]! - d[o + 1]!, d[o + 5]! - d[o + 2]!);
      expect(d[o + 9]).toBeCloseTo(length, 4);
    }
    expect(d[(seg.count - 1) * TRAIL_FLOATS_PER_SEGMENT + 7]).toBe(20_000);
    // An ellipse of semi-axes 1 and 2 km: perimeter ~9.69 km.
    expect(length).toBeCloseTo(9.688, 2);
  });

  it('rebuilds once per factor of two of zoom, within half a pixel', () => {
    for (const mpp of [0.013, 1, 1.99, 2, 19.4, 1000]) {
      const tol = toleranceForLevel(toleranceLevel(mpp));
      expect(tol).toBeLessThanOrEqual(mpp / 2);
      expect(tol).toBeGreaterThan(mpp / 4);
    }
    expect(toleranceLevel(3)).toBe(toleranceLevel(2.1));
    expect(toleranceLevel(4.1)).toBe(toleranceLevel(2.1) + 1);
  });

  it('pixel size at a distance', () => {
    // 45 deg field of view, 15 km away, 640 px: 2 * 15 * tan(22.5 deg) / 640 km.
    expect(metresPerPixel(15, 45, 640)).toBeCloseTo((2 * 15_000 * Math.tan(Math.PI / 8)) / 640, 9);
  });
});
