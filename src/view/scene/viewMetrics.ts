/**
 * Per-frame camera metrics shared by the scene's components (fast state, mutated in `useFrame`
 * by `CameraRig`, read by trails, labels, arrows and the scale bar; never in React state).
 */

import { metresPerPixel } from '../model/trail.ts';

/** What the camera sees this frame. */
export interface ViewMetrics {
  /** Distance from the camera to the point it orbits or looks at, world units (km). */
  focusDistanceKm: number;
  /** Size of a CSS pixel at that distance, m. */
  metresPerPixel: number;
  /** Vertical field of view, deg. */
  fovDeg: number;
  /** Canvas height, CSS px. */
  heightPx: number;
  /** Incremented every frame CameraRig runs (lets DOM overlays skip unchanged frames). */
  frame: number;
  /** How much the target model is enlarged to stay visible (1: true size). */
  modelScale: number;
}

/** The scene's metrics (one canvas per page). */
export const viewMetrics: ViewMetrics = {
  focusDistanceKm: 15,
  metresPerPixel: 20,
  fovDeg: 45,
  heightPx: 600,
  frame: 0,
  modelScale: 1,
};

/**
 * Size of a CSS pixel at a distance from the camera, m.
 *
 * @param distanceKm distance, world units (km)
 */
export function metresPerPixelAt(distanceKm: number): number {
  return metresPerPixel(distanceKm, viewMetrics.fovDeg, viewMetrics.heightPx);
}

const listeners = new Set<(m: ViewMetrics) => void>();

/**
 * Calls `listener` after each frame's metrics are known (DOM overlays such as the scale bar).
 *
 * @param listener called with the metrics
 * @returns unsubscribe
 */
export function onViewMetrics(listener: (m: ViewMetrics) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Tells the listeners that this frame's metrics are final (called by the scene each frame). */
export function publishViewMetrics(): void {
  for (const l of listeners) l(viewMetrics);
}
