/**
 * Drag handles in the 3D view (plan editor open): a diamond at every transfer target of the plan
 * (`toPositionM`) and at every RIC initial position (`initial.positionM`, a what-if that keeps the
 * run before it as the previous run), read from the text being edited (./TransferHandle.tsx). Dragging
 * one moves the target in its orbit-plane slice (the plane R-I at the target's C): the pointer's
 * ray is cut with that plane, so R and I follow the pointer and C stays. Steps are round numbers
 * of about a pixel; one drag is one undo step.
 *
 * A press is checked against the handles (the same ray, cast in a capture listener) before
 * anything on the canvas sees it: one on a handle is claimed for the drag, so the camera's orbit
 * controls never get it and the view does not turn. Hovering a handle shows a grab cursor.
 */

import { useThree } from '@react-three/fiber';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { Plane, Raycaster, Vector2, Vector3, type Mesh } from 'three';
import { setAtPath } from '../../editing/jsonText.ts';
import { appStore, useAppStore } from '../../state/useAppStore.ts';
import { ghostStore } from '../../state/useGhosts.ts';
import { WORLD_UNIT_M } from '../model/axes.ts';
import {
  dragStep,
  initialStateHandles,
  snap,
  transferHandles,
  type TransferHandle as Handle,
} from '../model/handles.ts';
import { CRAFT_PALETTE } from '../model/mission.ts';
import { applyControlsEnabled, sceneInteraction } from './sceneInteraction.ts';
import { TransferHandle } from './TransferHandle.tsx';
import { metresPerPixelAt } from './viewMetrics.ts';

const ndc = new Vector2();
const hitPoint = new Vector3();
const raycaster = new Raycaster();
const plane = new Plane(new Vector3(0, 0, 1), 0);

/** The transfer targets and RIC initial positions of the plan: the default handles. */
const planHandles = (doc: unknown): Handle[] => [
  ...transferHandles(doc),
  ...initialStateHandles(doc),
];

/** Props of `TransferHandles`. */
export interface TransferHandlesProps {
  /** The points of the plan to drag (default: every transfer target and RIC initial position). */
  select?: (doc: unknown) => Handle[];
  /** Name of the group; each handle's mesh is named `${name without the s}-${key}`. */
  name?: string;
}

/**
 * Handles of every transfer target and RIC initial position of the plan (or of the points
 * `select` picks).
 */
export function TransferHandles({
  select = planHandles,
  name = 'transfer-handles',
}: TransferHandlesProps) {
  // Selected as text: an edit that moves no target re-renders nothing here, so the scene draws no
  // frame for it (with software WebGL a frame would take CPU from the run of the edit).
  const handlesJson = useAppStore((s) => JSON.stringify(select(s.docValue)));
  const crafts = useAppStore((s) => s.mission?.crafts);
  const handles = useMemo(() => JSON.parse(handlesJson) as Handle[], [handlesJson]);
  const camera = useThree((s) => s.camera);
  const gl = useThree((s) => s.gl);
  const meshes = useMemo(() => new Map<string, Mesh>(), []);
  const register = useCallback(
    (key: string, mesh: Mesh | null) => {
      if (mesh) meshes.set(key, mesh);
      else meshes.delete(key);
    },
    [meshes],
  );
  const handlesRef = useRef(handles);
  handlesRef.current = handles;
  const invalidate = useThree((s) => s.invalidate);

  useEffect(() => {
    const el = gl.domElement;
    /** Casts the pointer's ray from the camera (`ndc`, `raycaster`). */
    const aim = (e: PointerEvent) => {
      const rect = el.getBoundingClientRect();
      ndc.set(
        ((e.clientX - rect.left) / rect.width) * 2 - 1,
        -((e.clientY - rect.top) / rect.height) * 2 + 1,
      );
      raycaster.setFromCamera(ndc, camera);
    };
    // A press on a handle is claimed before anything on the canvas sees it (the orbit controls
    // listen there): it drags the handle and never turns the view.
    const onDown = (e: PointerEvent) => {
      if (e.target !== el || e.button !== 0 || meshes.size === 0) return;
      aim(e);
      const hit = raycaster.intersectObjects([...meshes.values()], false)[0];
      const key = (hit?.object.userData as { handleKey?: string } | undefined)?.handleKey;
      const handle = handlesRef.current.find((h) => h.key === key);
      if (!handle) return;
      e.preventDefault();
      e.stopPropagation();
      sceneInteraction.handleActive = true;
      applyControlsEnabled();
      el.style.cursor = 'grabbing';
      // Moving where a spacecraft starts is a what-if: the run before it stays to compare.
      if (handle.maneuverIndex < 0) ghostStore.getState().keepPrevious();
      const group = `drag:scene:${handle.key}:${Date.now()}`;
      const path = handle.path;
      // The orbit-plane slice through the target point: z = -C (world km).
      plane.set(plane.normal.set(0, 0, 1), handle.positionRicM[2] / WORLD_UNIT_M);
      const move = (ev: PointerEvent) => {
        aim(ev);
        if (!raycaster.ray.intersectPlane(plane, hitPoint)) return;
        const step = dragStep(metresPerPixelAt(hitPoint.distanceTo(camera.position)));
        const iM = snap(hitPoint.x * WORLD_UNIT_M, step);
        const rM = snap(hitPoint.y * WORLD_UNIT_M, step);
        appStore
          .getState()
          .edit((t) => setAtPath(setAtPath(t, [...path, 0], rM), [...path, 1], iM), group, true);
      };
      const up = () => {
        window.removeEventListener('pointermove', move);
        window.removeEventListener('pointerup', up);
        window.removeEventListener('pointercancel', up);
        el.style.cursor = '';
        sceneInteraction.handleActive = false;
        applyControlsEnabled();
        invalidate();
      };
      window.addEventListener('pointermove', move);
      window.addEventListener('pointerup', up);
      window.addEventListener('pointercancel', up);
    };
    window.addEventListener('pointerdown', onDown, { capture: true });
    return () => {
      window.removeEventListener('pointerdown', onDown, { capture: true });
      sceneInteraction.handleActive = false;
      applyControlsEnabled();
    };
  }, [gl, camera, meshes, invalidate]);
  return (
    <group name={name}>
      {handles.map((h) => (
        <TransferHandle
          key={h.key}
          handle={h}
          meshName={`${name.replace(/s$/, '')}-${h.key}`}
          register={register}
          color={
            crafts?.[h.craftIndex]?.color ?? CRAFT_PALETTE[h.craftIndex % CRAFT_PALETTE.length]!
          }
        />
      ))}
    </group>
  );
}
