/**
 * The target at the origin: the procedural SKYNET-5A-class model, enlarged when it would be
 * smaller than a few dozen pixels (the enlargement is shown in the legend), its wings turned to
 * the Sun, and its name.
 */

import { useFrame } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { Group } from 'three';
import { WORLD_UNIT_M } from '../model/axes.ts';
import { applyStandIns } from './progressiveMaterials.ts';
import { SceneLabel } from './SceneLabel.tsx';
import { buildSkynetModel, SKYNET_SPAN_M } from './skynetModel.ts';
import { sunState } from './sunState.ts';
import { metresPerPixelAt } from './viewMetrics.ts';
import { viewMetrics } from './viewMetrics.ts';

/** Smallest on-screen span of the target model, CSS px. */
const MIN_SPAN_PX = 44;

/** Props of `TargetModel`. */
export interface TargetModelProps {
  name: string;
}

/** The target spacecraft. */
export function TargetModel({ name }: TargetModelProps) {
  const model = useMemo(buildSkynetModel, []);
  const scaled = useRef<Group>(null);
  useEffect(() => () => model.dispose(), [model]);
  useLayoutEffect(() => applyStandIns(model.group), [model]);
  useFrame(({ camera }) => {
    const g = scaled.current;
    if (!g) return;
    const mpp = metresPerPixelAt(camera.position.length());
    const enlarge = Math.max(1, (MIN_SPAN_PX * mpp) / SKYNET_SPAN_M);
    viewMetrics.modelScale = enlarge;
    g.scale.setScalar(enlarge / WORLD_UNIT_M);
    const d = sunState.dirWorld;
    model.setSunDirection(d.x, d.y);
  }, -1);
  return (
    <group name="target">
      <group ref={scaled}>
        <primitive object={model.group} />
      </group>
      <SceneLabel text={name} className="label-target" offsetPx={[10, 8]} testId="label-target" />
    </group>
  );
}
