/**
 * GEO longitude of every object at the playback time, from the target's slot and each object's
 * RIC offset.
 *
 * The target flies a circular orbit of radius a, so its inertial angle grows at n and its
 * sub-satellite longitude at (n - Earth rate), the slot's drift: lambda_T(t) = lambda_T0 +
 * drift t. An object at RIC offset (x, y, z) sits at (a + x) R + y I + z C, at an angle
 * atan2(y, a + x) ahead of the target in the orbit plane; for a near-equatorial orbit that angle
 * adds to the longitude (the cross-track offset z tilts the object off the plane and does not
 * change its longitude to first order).
 */

/** Largest target inclination for which the longitudes are shown, deg (near-equatorial). */
export const MAX_LONGITUDE_INCLINATION_DEG = 5;

/** Wraps an angle in degrees to (-180, 180]. */
export function wrapDeg(deg: number): number {
  const w = ((((deg + 180) % 360) + 360) % 360) - 180;
  return w === -180 ? 180 : w;
}

/**
 * Sub-satellite longitude, deg east in (-180, 180], of an object at an in-plane RIC offset from a
 * circular near-equatorial target.
 *
 * @param target the target's longitude at the epoch (deg E), drift (deg/day) and radius (m)
 * @param tS time, s since the epoch
 * @param xM radial offset from the target, m
 * @param yM in-track offset, m
 */
export function longitudeDegAt(
  target: { longitudeDeg: number; driftDegPerDay: number; radiusM: number },
  tS: number,
  xM: number,
  yM: number,
): number {
  const ahead = (Math.atan2(yM, target.radiusM + xM) * 180) / Math.PI;
  return wrapDeg(target.longitudeDeg + (target.driftDegPerDay * tS) / 86_400 + ahead);
}

/** A longitude as text: `95.12° E`, `12.30° W`. */
export function formatLongitude(deg: number): string {
  return `${Math.abs(deg).toFixed(2)}° ${deg >= 0 ? 'E' : 'W'}`;
}
