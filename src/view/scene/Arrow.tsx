/**
 * An arrow of constant on-screen length (burns, RIC axes, Sun and Earth directions): shaft and
 * head meshes scaled every frame by the pixel size at the arrow's position, so a 0.1 m/s burn and
 * a 10 km trajectory can share one view. Geometry is shared by all arrows.
 */

import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import {
  ConeGeometry,
  CylinderGeometry,
  MeshBasicMaterial,
  Quaternion,
  Vector3,
  type Group,
} from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import { SceneLabel } from './SceneLabel.tsx';
import { metresPerPixelAt } from './viewMetrics.ts';

// Unit arrow along +y: shaft 0..0.78, head 0.78..1, one geometry (one draw call per arrow).
const ARROW = mergeGeometries([
  new CylinderGeometry(0.012, 0.012, 0.78, 8).translate(0, 0.39, 0),
  new ConeGeometry(0.045, 0.22, 14).translate(0, 0.89, 0),
])!;
const UP = new Vector3(0, 1, 0);
const scratch = new Vector3();

/** Props of `Arrow`. */
export interface ArrowProps {
  /** Direction, world axes (normalised here). */
  direction: [number, number, number];
  color: string;
  /** Length on screen, CSS px. */
  lengthPx: number;
  /** Tail position, world units (km). */
  position?: [number, number, number];
  opacity?: number;
  /** Label at the tip. */
  label?: string;
  labelClassName?: string;
  labelTestId?: string;
}

/** A constant-pixel-length arrow. */
export function Arrow({
  direction,
  color,
  lengthPx,
  position,
  opacity = 1,
  label,
  labelClassName,
  labelTestId,
}: ArrowProps) {
  const material = useMemo(
    () =>
      new MeshBasicMaterial({
        color,
        transparent: opacity < 1,
        opacity,
        depthWrite: opacity >= 1,
      }),
    [color, opacity],
  );
  useEffect(() => () => material.dispose(), [material]);
  const quaternion = useMemo(() => {
    const d = new Vector3(...direction);
    if (d.lengthSq() === 0) d.copy(UP);
    return new Quaternion().setFromUnitVectors(UP, d.normalize());
  }, [direction]);
  const ref = useRef<Group>(null);
  useFrame(({ camera }) => {
    const g = ref.current;
    if (!g) return;
    g.getWorldPosition(scratch);
    const km = (lengthPx * metresPerPixelAt(camera.position.distanceTo(scratch))) / 1000;
    g.scale.setScalar(km);
    // Before the labels (priority 0) read this scale.
  }, -1);
  return (
    <group position={position} quaternion={quaternion}>
      <group ref={ref}>
        <mesh geometry={ARROW} material={material} />
        {label !== undefined && (
          <SceneLabel
            text={label}
            position={[0, 1.12, 0]}
            className={labelClassName}
            color={color}
            offsetPx={[-4, -8]}
            testId={labelTestId}
          />
        )}
      </group>
    </group>
  );
}
