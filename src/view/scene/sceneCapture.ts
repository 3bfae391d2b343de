/**
 * The 3D scene as a PNG of a chosen size: the renderer is resized for one frame (pixel ratio 1,
 * the camera's aspect set to the image's), every frame callback runs at that size (trail widths,
 * simplification), the frame is rendered and read back in the same task (the drawing buffer is
 * not preserved, so it must be read before the browser composites it), and the view is put back.
 * The scene's labels and HUD are HTML over the canvas: they are not in the image.
 */

import type { RootState } from '@react-three/fiber';
import type { PerspectiveCamera } from 'three';

/** The scene's r3f state, set when its canvas is created (null before). */
let sceneState: RootState | null = null;

/** Records the scene's r3f state (the canvas's `onCreated`). */
export function setCaptureState(state: RootState): void {
  sceneState = state;
}

/**
 * A PNG data URL of the scene at `widthPx` x `heightPx`.
 * @throws Error when the scene is not drawn yet
 */
export function captureScenePng(widthPx: number, heightPx: number): string {
  const state = sceneState;
  if (!state) throw new Error('the scene is not drawn yet');
  const { gl, size } = state;
  const camera = state.camera as PerspectiveCamera;
  const ratio = gl.getPixelRatio();
  const aspect = camera.aspect;
  try {
    gl.setPixelRatio(1);
    gl.setSize(widthPx, heightPx, false);
    camera.aspect = widthPx / heightPx;
    camera.updateProjectionMatrix();
    state.advance(performance.now(), true);
    return gl.domElement.toDataURL('image/png');
  } finally {
    gl.setPixelRatio(ratio);
    gl.setSize(size.width, size.height, false);
    camera.aspect = aspect;
    camera.updateProjectionMatrix();
    state.invalidate();
  }
}
