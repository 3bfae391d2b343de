/**
 * An inspector spacecraft at its current position: model (enlarged when tiny, turned towards the
 * target), a constant-size marker dot so it is never lost at 100 km, and its label. Positions
 * come from the ephemeris at the clock time, by mutation in `useFrame`.
 */

import { useFrame } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { BufferGeometry, Float32BufferAttribute, type Group } from 'three';
import { useAppStore } from '../../state/useAppStore.ts';
import { WORLD_UNIT_M } from '../model/axes.ts';
import type { CraftView } from '../model/mission.ts';
import { createDotMaterial } from './dotMaterial.ts';
import { buildInspectorModel, INSPECTOR_SPAN_M } from './inspectorModel.ts';
import { applyStandIns } from './progressiveMaterials.ts';
import { SceneLabel } from './SceneLabel.tsx';
import { metresPerPixelAt } from './viewMetrics.ts';

/** Smallest on-screen span of the model, CSS px. */
const MIN_SPAN_PX = 22;

const state = new Float64Array(6);

/** Props of `Inspector`. */
export interface InspectorProps {
  craft: CraftView;
}

/** One inspector spacecraft. */
export function Inspector({ craft }: InspectorProps) {
  const clock = useAppStore((s) => s.clock);
  const lookingFromHere = useAppStore(
    (s) => s.cameraMode === 'inspector' && s.focusCraftId === craft.id,
  );
  const model = useMemo(() => buildInspectorModel(craft.color), [craft.color]);
  const dot = useMemo(() => {
    const g = new BufferGeometry();
    g.setAttribute('position', new Float32BufferAttribute([0, 0, 0], 3));
    const m = createDotMaterial(craft.color, 9);
    return { g, m };
  }, [craft.color]);
  useLayoutEffect(() => applyStandIns(model.group), [model]);
  const moving = useRef<Group>(null);
  const scaled = useRef<Group>(null);

  useEffect(
    () => () => {
      model.dispose();
      dot.g.dispose();
      dot.m.dispose();
    },
    [model, dot],
  );

  useFrame(({ camera, gl }) => {
    dot.m.uniforms.sizePx!.value = 9 * gl.getPixelRatio();
    const g = moving.current;
    const s = scaled.current;
    if (!g || !s) return;
    craft.ephemeris.stateAt(clock.tS, state);
    g.position.set(state[1]! / WORLD_UNIT_M, state[0]! / WORLD_UNIT_M, -state[2]! / WORLD_UNIT_M);
    const mpp = metresPerPixelAt(camera.position.distanceTo(g.position));
    const enlarge = Math.max(1, (MIN_SPAN_PX * mpp) / INSPECTOR_SPAN_M);
    s.scale.setScalar(enlarge / WORLD_UNIT_M);
    // Sensor (+z) at the target.
    if (g.position.lengthSq() > 0) s.lookAt(0, 0, 0);
    // Before the default-priority callbacks (labels, arrows) that read this position.
  }, -1);

  return (
    <group ref={moving} name={`inspector-${craft.id}`} visible={!lookingFromHere}>
      <group ref={scaled}>
        <primitive object={model.group} />
      </group>
      <points geometry={dot.g} material={dot.m} frustumCulled={false} renderOrder={10} />
      <SceneLabel
        text={craft.nonCooperative ? `${craft.id} · non-cooperative` : craft.id}
        className={craft.nonCooperative ? 'label-craft label-non-cooperative' : 'label-craft'}
        color={craft.color}
        offsetPx={[10, -22]}
        testId={`label-craft-${craft.id}`}
        visible={!lookingFromHere}
      />
    </group>
  );
}
