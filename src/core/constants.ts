/**
 * Physical constants, SI units, with the unit in every name.
 *
 * References:
 * [1] IERS Conventions (2010), TN 36, table 1.1 (GM of the Earth).
 * [2] Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., sec. 2.2 (geosynchronous radius).
 * [3] CODATA / ISO 80000-3 (standard gravity).
 */

/** Earth's gravitational parameter, m^3/s^2 (IERS / WGS-84 [1]). */
export const MU_EARTH_M3_S2 = 3.986004418e14;

/** Geosynchronous orbit radius, m: the circular orbit whose period is one sidereal day [2]. */
export const GEO_RADIUS_M = 42_164_169.6;

/** Equatorial radius of the Earth, m (WGS-84). */
export const EARTH_RADIUS_M = 6_378_137;

/** Standard gravity, m/s^2, used to turn specific impulse into exhaust speed [3]. */
export const G0_MPS2 = 9.80665;

/** Seconds in a day. */
export const DAY_S = 86_400;

/** Astronomical unit, m (IAU 2012 resolution B2). */
export const AU_M = 149_597_870_700;

/** Mean equatorial radius of the Sun, m (IAU 2015 resolution B3 nominal value). */
export const SUN_RADIUS_M = 695_700_000;

/** Degrees to radians. */
export const DEG_TO_RAD = Math.PI / 180;

/** Radians to degrees. */
export const RAD_TO_DEG = 180 / Math.PI;

/** Mean motion of a circular orbit of radius `radiusM`, rad/s. */
export function meanMotionRadPerS(radiusM: number, muM3S2: number = MU_EARTH_M3_S2): number {
  return Math.sqrt(muM3S2 / (radiusM * radiusM * radiusM));
}
