/**
 * The scene's shader programs. On mounting, before the first frame, all the programs the scene
 * needs are handed to the GPU process at once (`WebGLRenderer.compile`), so that it compiles them
 * back to back instead of one at a time as the frame first uses each (a round trip per program).
 * Once the first scene is drawn, the spacecraft models' lit programs are compiled in the
 * background and swapped in (./progressiveMaterials.ts). Renders nothing.
 */

import { useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect } from 'react';
import { firstSceneDrawn } from '../../state/firstScene.ts';
import { compileLitMaterials } from './progressiveMaterials.ts';

/** Shader program scheduling (renders nothing). */
export function ScenePrograms() {
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const camera = useThree((s) => s.camera);
  const invalidate = useThree((s) => s.invalidate);
  useLayoutEffect(() => {
    gl.compile(scene, camera);
  }, [gl, scene, camera]);
  useEffect(() => {
    let mounted = true;
    void firstSceneDrawn().then(() => {
      if (mounted) return compileLitMaterials(gl, scene, camera, invalidate);
    });
    return () => {
      mounted = false;
    };
  }, [gl, scene, camera, invalidate]);
  return null;
}
