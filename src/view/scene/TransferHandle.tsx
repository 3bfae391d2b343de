/**
 * One transfer target in the 3D view: a diamond kept about 14 px across at any zoom, in its
 * spacecraft's colour, brighter with a grab cursor under the pointer. The drag itself is
 * ./TransferHandles.tsx's (it claims the press before the camera controls see it).
 */

import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { MeshBasicMaterial, OctahedronGeometry, Vector3, type Mesh } from 'three';
import { WORLD_UNIT_M } from '../model/axes.ts';
import type { TransferHandle as Target } from '../model/handles.ts';
import { applyControlsEnabled, sceneInteraction } from './sceneInteraction.ts';
import { metresPerPixelAt } from './viewMetrics.ts';

const GEOMETRY = new OctahedronGeometry(1, 0);
/** Handle radius on screen, CSS px. */
const RADIUS_PX = 7;
const scratch = new Vector3();

/** Props of `TransferHandle`. */
export interface TransferHandleProps {
  handle: Target;
  color: string;
  /** Registers the handle's mesh for the press check (null on unmount). */
  register: (key: string, mesh: Mesh | null) => void;
  /** Name of the mesh (default `transfer-handle-${key}`). */
  meshName?: string;
}

/** One draggable transfer target. */
export function TransferHandle({ handle, color, register, meshName }: TransferHandleProps) {
  const mesh = useRef<Mesh>(null);
  const camera = useThree((s) => s.camera);
  const gl = useThree((s) => s.gl);
  const invalidate = useThree((s) => s.invalidate);
  const material = useMemo(
    () => new MeshBasicMaterial({ color, transparent: true, opacity: 0.9, depthTest: false }),
    [color],
  );
  useEffect(() => () => material.dispose(), [material]);
  const [rM, iM, cM] = handle.positionRicM;
  // World axes: x = I, y = R, z = -C, km (../model/axes.ts).
  const position: [number, number, number] = [
    iM / WORLD_UNIT_M,
    rM / WORLD_UNIT_M,
    -cM / WORLD_UNIT_M,
  ];
  useEffect(() => invalidate(), [rM, iM, cM, invalidate]);
  useEffect(() => {
    register(handle.key, mesh.current);
    return () => register(handle.key, null);
  }, [register, handle.key]);

  useFrame(() => {
    const m = mesh.current;
    if (!m) return;
    m.getWorldPosition(scratch);
    const sizeKm = (metresPerPixelAt(scratch.distanceTo(camera.position)) * RADIUS_PX) / 1000;
    m.scale.setScalar(sizeKm);
  });

  const setHover = (on: boolean) => {
    sceneInteraction.handleActive = on;
    applyControlsEnabled();
    if (gl.domElement.style.cursor !== 'grabbing') gl.domElement.style.cursor = on ? 'grab' : '';
    material.opacity = on ? 1 : 0.9;
    invalidate();
  };

  return (
    <mesh
      ref={mesh}
      geometry={GEOMETRY}
      material={material}
      position={position}
      renderOrder={10}
      name={meshName ?? `transfer-handle-${handle.key}`}
      userData={{ handleKey: handle.key }}
      onPointerOver={(e) => {
        e.stopPropagation();
        setHover(true);
      }}
      onPointerOut={() => {
        if (gl.domElement.style.cursor !== 'grabbing') setHover(false);
      }}
    />
  );
}
