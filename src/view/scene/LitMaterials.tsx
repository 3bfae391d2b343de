/**
 * Swaps the spacecraft models' lit materials in once the first scene is drawn and their programs
 * are compiled in the background (./progressiveMaterials.ts). Renders nothing.
 */

import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { firstSceneDrawn } from '../../state/firstScene.ts';
import { compileLitMaterials } from './progressiveMaterials.ts';

/** Background compilation of the lit materials (renders nothing). */
export function LitMaterials() {
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const camera = useThree((s) => s.camera);
  const invalidate = useThree((s) => s.invalidate);
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
