/**
 * What the scene's drag handles and its camera share (fast state, no React): the orbit controls,
 * so that a handle under the pointer can keep them from starting a rotation, and whether a
 * handle is being dragged.
 */

import type { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';

/** Scene interaction state (one canvas per page). */
export const sceneInteraction: {
  /** The camera's orbit controls (set by CameraRig). */
  controls: OrbitControls | null;
  /** Whether the orbit controls should respond (false in the inspector view). */
  controlsWanted: boolean;
  /** A handle is under the pointer or being dragged: the controls must not take the press. */
  handleActive: boolean;
  /**
   * Frames the target and a box (world km, half-extents along x, y, z) from the home direction
   * (set by CameraRig).
   */
  frameBox: ((halfExtentsKm: readonly [number, number, number]) => void) | null;
} = { controls: null, controlsWanted: true, handleActive: false, frameBox: null };

/** Enables the orbit controls unless the camera mode or a handle says otherwise. */
export function applyControlsEnabled(): void {
  const c = sceneInteraction.controls;
  if (c) c.enabled = sceneInteraction.controlsWanted && !sceneInteraction.handleActive;
}
