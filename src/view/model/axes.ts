/**
 * The one place where RIC meets three.js world axes.
 *
 * RIC (see src/core/vec3.ts): centred on the target, R radial out, I in-track (along the target
 * velocity), C cross-track = R x I (the orbit normal). It is right-handed.
 *
 * three.js world (also right-handed, y up on screen by convention):
 *
 * | three | RIC  | why                                                         |
 * |-------|------|-------------------------------------------------------------|
 * | +x    | +I   | in-track to the right, as in the textbook V-bar picture     |
 * | +y    | +R   | radial up on screen: "above" the target is away from Earth  |
 * | +z    | -C   | forced by handedness: x × y = z  <=>  I × R = -(R × I) = -C  |
 *
 * Check: with C = R x I, I x R = -C, so (x, y, z) = (I, R, -C) is right-handed like three's
 * (x × y = z). A camera on +z looking at the origin therefore sees I to the right and R up,
 * looking along +C.
 *
 * Scale: 1 world unit = 1 km (`WORLD_UNIT_M`). Scenarios span 10 m to 100 km, i.e. 0.01 to 100
 * units: float32 keeps about 7 significant digits, so a point 100 km out is still placed to
 * ~8 mm and a point 10 m out to ~1e-9 km.
 */

/** Metres per three.js world unit. */
export const WORLD_UNIT_M = 1000;

/**
 * Writes the world position (km, three axes) of a RIC position (m).
 *
 * @param out receives [x, y, z] world units
 * @param rM radial component, m (RIC)
 * @param iM in-track component, m (RIC)
 * @param cM cross-track component, m (RIC)
 * @param offset index in `out` of x (default 0)
 */
export function ricToWorld(
  out: { [k: number]: number },
  rM: number,
  iM: number,
  cM: number,
  offset = 0,
): void {
  out[offset] = iM / WORLD_UNIT_M;
  out[offset + 1] = rM / WORLD_UNIT_M;
  out[offset + 2] = -cM / WORLD_UNIT_M;
}

/**
 * Direction (unitless) of a RIC vector in world axes: same mapping as `ricToWorld`, no scaling.
 *
 * @param out receives [x, y, z]
 * @param r radial component (RIC)
 * @param i in-track component (RIC)
 * @param c cross-track component (RIC)
 */
export function ricDirToWorld(out: { [k: number]: number }, r: number, i: number, c: number): void {
  out[0] = i;
  out[1] = r;
  out[2] = -c;
}

/**
 * Inverse of `ricToWorld`: RIC position, m, of a world point (km).
 *
 * @param out receives [r, i, c], m (RIC)
 * @param x world x, km
 * @param y world y, km
 * @param z world z, km
 */
export function worldToRic(out: { [k: number]: number }, x: number, y: number, z: number): void {
  out[0] = y * WORLD_UNIT_M;
  out[1] = x * WORLD_UNIT_M;
  out[2] = -z * WORLD_UNIT_M;
}
