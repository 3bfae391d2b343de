/**
 * The Sun as the scene sees it this frame (fast state, mutated by `SunDirection` in `useFrame`,
 * read by the target model to turn its wings and by the HUD for eclipses).
 */

import { Vector3 } from 'three';

/** Sun direction and shadow at the current sim time. */
export interface SunState {
  /** Whether the Sun geometry is known (loaded lazily; unavailable for elliptical targets). */
  available: boolean;
  /** Unit vector from the target towards the Sun, world axes. */
  dirWorld: Vector3;
  /** Fraction of the Sun hidden by the Earth, seen from the target: 0 lit, 1 umbra. */
  shadowFraction: number;
}

/** The scene's Sun. */
export const sunState: SunState = {
  available: false,
  dirWorld: new Vector3(0.35, 0.75, 0.55).normalize(),
  shadowFraction: 0,
};
