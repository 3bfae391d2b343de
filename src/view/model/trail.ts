/**
 * Trails: from an ephemeris to the segment buffer the GPU draws, simplified to under a pixel.
 *
 * A trail is drawn as instanced screen-space segments (see src/view/scene/trailMaterial.ts). Each
 * segment carries its end points (world units, km, axes of ./axes.ts), the sim time at both ends
 * and the distance along the trail at both ends (for dashes that stay put in space). The shader
 * splits past (solid) from future (dashed) by comparing the interpolated time with the clock, so
 * the buffer is rebuilt only when the zoom changes by a factor of two, never per frame.
 */

import type { Ephemeris } from '../../sim/ephemeris.ts';
import { WORLD_UNIT_M } from './axes.ts';
import { selectByImportance, selectCandidates } from './simplify.ts';

/** Floats per segment in a trail buffer. */
export const TRAIL_FLOATS_PER_SEGMENT = 10;
/** Offsets inside a segment: start xyz, end xyz, t0, t1, d0, d1. */
export const TRAIL_OFFSETS = { start: 0, end: 3, time: 6, distance: 8 } as const;

/** A trail as GPU-ready segments. */
export interface TrailSegments {
  /** `TRAIL_FLOATS_PER_SEGMENT` floats per segment (see `TRAIL_OFFSETS`). */
  data: Float32Array;
  /** Number of segments. */
  count: number;
  /** Ephemeris indices of the vertices (count + 1 of them). */
  indices: Uint32Array;
}

/**
 * World size of one pixel at a distance from a perspective camera, m.
 *
 * @param distanceKm distance from the camera, world units (km)
 * @param fovDeg vertical field of view, deg
 * @param viewportHeightPx drawing buffer height, px
 */
export function metresPerPixel(
  distanceKm: number,
  fovDeg: number,
  viewportHeightPx: number,
): number {
  const heightKm = 2 * distanceKm * Math.tan((fovDeg * Math.PI) / 360);
  return (heightKm * WORLD_UNIT_M) / Math.max(1, viewportHeightPx);
}

/**
 * Tolerance level of a pixel size: trails are rebuilt when it changes, i.e. when the pixel size
 * (the zoom) changes by a factor of two. `toleranceForLevel(level)` <= the pixel size / 2.
 *
 * @param metresPerPx pixel size at the distance of interest, m
 */
export function toleranceLevel(metresPerPx: number): number {
  return Math.floor(Math.log2(Math.max(1e-6, metresPerPx)));
}

/**
 * Simplification tolerance of a level, m: half the smallest pixel size of that level, so the
 * trail is within half a pixel of the ephemeris anywhere at that distance or farther.
 *
 * @param level from `toleranceLevel`
 */
export function toleranceForLevel(level: number): number {
  return 2 ** level / 2;
}

/**
 * Builds the segment buffer of a trail simplified to `tolM`.
 *
 * @param eph the ephemeris (RIC, m)
 * @param importance Douglas-Peucker importance of each sample, m (see ./simplify.ts)
 * @param tolM tolerance, m
 * @param timeOriginS subtracted from times before they become float32 (keep it 0 for runs of
 *   a few days: float32 resolves 0.016 s at 48 h)
 * @param candidates the only samples that can be kept (faster selection), if known
 */
export function buildTrailSegments(
  eph: Ephemeris,
  importance: Float64Array,
  tolM: number,
  timeOriginS = 0,
  candidates?: Uint32Array,
): TrailSegments {
  const indices = candidates
    ? selectCandidates(importance, candidates, tolM)
    : selectByImportance(importance.subarray(0, eph.count), tolM);
  const count = Math.max(0, indices.length - 1);
  const data = new Float32Array(count * TRAIL_FLOATS_PER_SEGMENT);
  const s = eph.stateRic;
  let dist = 0;
  for (let j = 0; j < count; j++) {
    const a = indices[j]! * 6;
    const b = indices[j + 1]! * 6;
    const o = j * TRAIL_FLOATS_PER_SEGMENT;
    // World axes: x = I, y = R, z = -C, km (./axes.ts).
    const ax = s[a + 1]! / WORLD_UNIT_M;
    const ay = s[a]! / WORLD_UNIT_M;
    const az = -s[a + 2]! / WORLD_UNIT_M;
    const bx = s[b + 1]! / WORLD_UNIT_M;
    const by = s[b]! / WORLD_UNIT_M;
    const bz = -s[b + 2]! / WORLD_UNIT_M;
    data[o] = ax;
    data[o + 1] = ay;
    data[o + 2] = az;
    data[o + 3] = bx;
    data[o + 4] = by;
    data[o + 5] = bz;
    data[o + 6] = eph.tS[indices[j]!]! - timeOriginS;
    data[o + 7] = eph.tS[indices[j + 1]!]! - timeOriginS;
    data[o + 8] = dist;
    dist += Math.hypot(bx - ax, by - ay, bz - az);
    data[o + 9] = dist;
  }
  return { data, count, indices };
}
