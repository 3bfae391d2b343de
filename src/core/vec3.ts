/**
 * Three-vectors tagged with their frame.
 *
 * A `Vec3<'RIC'>` and a `Vec3<'ECI'>` are both plain `[x, y, z]` arrays at run time, but the brand
 * makes passing one where the other belongs a compile error (Orekit keeps frames in the type for
 * the same reason). Frames:
 * - `RIC`: centred on the target; R radial out, I in-track, C cross-track = R x I. Velocities are
 *   rates seen in the rotating frame unless a name says otherwise.
 * - `ECI`: Earth-centred inertial (the target orbit plane is the x-y plane for a GEO target).
 *
 * Hot loops do not use these: they work on `Float64Array`s with out-parameters.
 */

export type Frame = 'RIC' | 'ECI';

declare const frameBrand: unique symbol;

/** A 3-vector whose components are expressed in frame `F`. */
export type Vec3<F extends Frame> = readonly [number, number, number] & {
  readonly [frameBrand]?: F;
};

/** Tags a plain triple with its frame. */
export function vec3<F extends Frame>(x: number, y: number, z: number): Vec3<F> {
  return [x, y, z] as Vec3<F>;
}

/** Euclidean norm of a triple. */
export function norm3(v: readonly [number, number, number]): number {
  return Math.hypot(v[0], v[1], v[2]);
}
