/**
 * Compiles the shader programs of a mission's scene while its first run is computed, so that the
 * first frame of the mission does not wait for them. The scene of a mission uses about eight
 * programs; software GL (SwiftShader, which headless and GPU-less browsers use) takes 1-2 s to
 * compile and link them, and compiled at the first frame they held the first scene back by as
 * much. `WebGLRenderer.compile` only issues the compile and link commands (three reads a
 * program's status at its first use), so the browser's GPU process compiles them beside the page
 * and the simulation worker.
 *
 * The warm-up scene holds one object per program: the materials of the mission's scene, made by
 * the same factories (./Starfield.tsx, ./Arrow.tsx, ./KeepOutZone.tsx, ./trailMaterial.ts,
 * ./dotMaterial.ts, the two spacecraft models), on geometries with the same attributes, under the
 * same lights as ./SunDirection.tsx (a lit program depends on the number of lights of each kind).
 * A program whose parameters differ is simply compiled again when first drawn: the browser test
 * test/e2e/firstScene.test.ts checks that the default scenario's first frame links none.
 */

import { addAfterEffect, useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import {
  AmbientLight,
  BoxGeometry,
  BufferGeometry,
  DirectionalLight,
  Float32BufferAttribute,
  HemisphereLight,
  LineBasicMaterial,
  LineSegments,
  Mesh,
  Points,
  Scene,
  SphereGeometry,
  type Material,
} from 'three';
import { createArrowMaterial } from './Arrow.tsx';
import { createDotMaterial } from './dotMaterial.ts';
import { buildInspectorModel } from './inspectorModel.ts';
import { createShellMaterial } from './KeepOutZone.tsx';
import { buildSkynetModel } from './skynetModel.ts';
import { createStarMaterial } from './Starfield.tsx';
import { createTrailGeometry, TrailMaterial } from './trailMaterial.ts';

/** The warm-up scene and what to dispose of afterwards. */
function warmupScene(): { scene: Scene; dispose(): void } {
  const scene = new Scene();
  // the lights of ./SunDirection.tsx (kinds and counts; intensities do not matter)
  scene.add(
    new AmbientLight(),
    new HemisphereLight(),
    new DirectionalLight(),
    new DirectionalLight(),
  );
  const point = new BufferGeometry();
  point.setAttribute('position', new Float32BufferAttribute([0, 0, 0], 3));
  const line = new BufferGeometry();
  line.setAttribute('position', new Float32BufferAttribute([0, 0, 0, 1, 0, 0], 3));
  const box = new BoxGeometry();
  const sphere = new SphereGeometry(1, 8, 6);
  const trail = createTrailGeometry();
  const materials: Material[] = [
    createStarMaterial(),
    createDotMaterial('#ffffff', 9),
    new TrailMaterial('#ffffff', { pastWidthPx: 2, futureWidthPx: 1, futureOpacity: 0.75 }),
    createArrowMaterial('#ffffff', 1),
    createArrowMaterial('#ffffff', 0.5),
    createShellMaterial(),
    new LineBasicMaterial({ transparent: true, opacity: 0.5 }),
  ];
  const [star, dot, trailMaterial, arrow, faintArrow, shell, lines] = materials;
  scene.add(
    new Points(point, star),
    new Points(point, dot),
    new Mesh(trail, trailMaterial),
    new Mesh(box, arrow),
    new Mesh(box, faintArrow),
    new Mesh(sphere, shell),
    new LineSegments(line, lines),
  );
  const target = buildSkynetModel();
  const inspector = buildInspectorModel('#ffffff');
  scene.add(target.group, inspector.group);
  scene.traverse((o) => (o.frustumCulled = false));
  return {
    scene,
    dispose() {
      for (const g of [point, line, box, sphere, trail]) g.dispose();
      for (const m of materials) m.dispose();
      target.dispose();
      inspector.dispose();
    },
  };
}

/**
 * Issues the compilation of the mission scene's shader programs (renders nothing). Mounted in the
 * canvas while no mission is shown.
 */
export function ShaderWarmup() {
  const gl = useThree((s) => s.gl);
  const camera = useThree((s) => s.camera);
  useEffect(() => {
    const warm = warmupScene();
    // Drawn once, then cleared before the frame is shown: software GL builds a program's
    // pipeline at its first draw, not at its compile.
    const timer = window.setTimeout(() => {
      gl.render(warm.scene, camera);
      gl.clear();
    }, 0);
    // A program stays in the renderer's cache while a material uses it: the warm-up's materials
    // are kept until the mission's scene (mounted as this unmounts) has drawn its first frame.
    return () => {
      window.clearTimeout(timer);
      const remove = addAfterEffect(() => {
        remove();
        warm.dispose();
      });
    };
  }, [gl, camera]);
  return null;
}
