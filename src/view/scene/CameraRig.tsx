/**
 * The camera: OrbitControls around the target (default), following a spacecraft, or looking from
 * a spacecraft at the target; near and far planes that follow the zoom (10 m to 100 km); and the
 * per-frame `viewMetrics` the rest of the scene scales itself by.
 */

import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { PerspectiveCamera, Vector3 } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/useAppStore.ts';
import { WORLD_UNIT_M } from '../model/axes.ts';
import { MIN_BOX_KM, missionBoxKm } from '../model/framing.ts';
import type { Mission } from '../model/mission.ts';
import { applyControlsEnabled, sceneInteraction } from './sceneInteraction.ts';
import { metresPerPixelAt, publishViewMetrics, viewMetrics } from './viewMetrics.ts';

/** Direction from the target to the camera at start: a little behind (-I), above (+R), on -C. */
const HOME_DIRECTION = new Vector3(-0.5, 0.42, 1).normalize();
/** Closest the orbit camera gets to the point it orbits, km (3 m). */
const MIN_DISTANCE_KM = 0.003;
/** Farthest, km: frames a 10,000 km drift. */
const MAX_DISTANCE_KM = 100_000;
/** Inspector-view field of view limits, deg (the wheel zooms like a telephoto lens). */
const INSPECTOR_FOV_DEG = { min: 0.5, max: 60, start: 12 };
const ORBIT_FOV_DEG = 45;
/** Follow camera: distance behind the spacecraft, km, and tilt added to the away direction. */
const FOLLOW_DISTANCE_KM = 0.25;
const FOLLOW_TILT = new Vector3(0, 0.35, 0.35);

const scratchState = new Float64Array(6);
const scratchPos = new Vector3();
const scratchDelta = new Vector3();
const scratchBox = new Vector3();

/** World position (km) of a spacecraft at `tS`. */
function craftWorld(mission: Mission, id: string | null, tS: number, out: Vector3): boolean {
  const craft = mission.crafts.find((c) => c.id === id) ?? mission.crafts[0];
  if (!craft) return false;
  craft.ephemeris.stateAt(tS, scratchState);
  out.set(
    scratchState[1]! / WORLD_UNIT_M,
    scratchState[0]! / WORLD_UNIT_M,
    -scratchState[2]! / WORLD_UNIT_M,
  );
  return true;
}

/**
 * Distance at which a box centred on the target fits the view from `HOME_DIRECTION`, with a
 * margin for perspective (the near corners look bigger) and the overlays at the edges.
 */
function homeDistanceKm(box: Vector3, fovDeg: number, aspect: number): number {
  const tanV = Math.tan((fovDeg * Math.PI) / 360);
  const tanH = tanV * aspect;
  const fit = Math.max(box.x / tanH, box.y / tanV, (0.5 * box.z) / tanV);
  return Math.min(MAX_DISTANCE_KM, Math.max(MIN_DISTANCE_KM * 3, fit * 1.45 + box.z));
}

/** Camera control and per-frame view metrics (render nothing). */
export function CameraRig() {
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const gl = useThree((s) => s.gl);
  const invalidate = useThree((s) => s.invalidate);
  const heightPx = useThree((s) => s.size.height);
  const widthPx = useThree((s) => s.size.width);
  const { clock, mission, mode, focusId, serial } = useAppStore(
    useShallow((s) => ({
      clock: s.clock,
      mission: s.mission,
      mode: s.cameraMode,
      focusId: s.focusCraftId,
      serial: s.missionSerial,
    })),
  );
  // The frame-once effects below use the mission of a new scenario; an edit (a new trajectory of
  // the same scenario) must not move the camera.
  const missionRef = useRef(mission);
  missionRef.current = mission;
  const controls = useMemo(() => new OrbitControls(camera, gl.domElement), [camera, gl]);
  const followPrev = useRef(new Vector3());
  const inspectorFov = useRef(INSPECTOR_FOV_DEG.start);
  const aspect = widthPx / Math.max(1, heightPx);

  useEffect(() => {
    // (Re)connect here: StrictMode runs effects twice, and the cleanup's dispose() disconnects.
    controls.connect(gl.domElement);
    controls.enableDamping = true;
    controls.dampingFactor = 0.15;
    controls.minDistance = MIN_DISTANCE_KM;
    controls.maxDistance = MAX_DISTANCE_KM;
    controls.zoomSpeed = 1.4;
    controls.rotateSpeed = 0.7;
    controls.screenSpacePanning = true;
    const onChange = () => invalidate();
    controls.addEventListener('change', onChange);
    sceneInteraction.controls = controls;
    return () => {
      if (sceneInteraction.controls === controls) sceneInteraction.controls = null;
      controls.removeEventListener('change', onChange);
      controls.dispose();
    };
  }, [controls, gl, invalidate]);

  // Frames a box around the target from the home direction (orbit camera).
  const aspectRef = useRef(aspect);
  aspectRef.current = aspect;
  useEffect(() => {
    sceneInteraction.frameBox = ([x, y, z]) => {
      const box = scratchBox.set(
        Math.max(x, MIN_BOX_KM),
        Math.max(y, MIN_BOX_KM),
        Math.max(z, MIN_BOX_KM),
      );
      const d = homeDistanceKm(box, ORBIT_FOV_DEG, aspectRef.current);
      controls.target.set(0, 0, 0);
      camera.position.copy(HOME_DIRECTION).multiplyScalar(d);
      camera.up.set(0, 1, 0);
      camera.lookAt(0, 0, 0);
      controls.update();
      invalidate();
    };
    return () => {
      sceneInteraction.frameBox = null;
    };
  }, [camera, controls, invalidate]);

  // Frame the whole mission from the home direction when a scenario is loaded.
  useEffect(() => {
    const mission = missionRef.current;
    if (!mission) return;
    sceneInteraction.frameBox?.(missionBoxKm(mission));
    // Not re-run on a resize (aspect is read, not a dependency) nor an edit: only a new scenario
    // re-frames.
  }, [serial]);

  // Entering a mode: place the camera for it.
  useEffect(() => {
    const mission = missionRef.current;
    if (!mission) return;
    const p = scratchPos;
    if (mode === 'orbit') {
      sceneInteraction.controlsWanted = true;
      camera.fov = ORBIT_FOV_DEG;
      if (camera.position.length() < MIN_DISTANCE_KM * 2) {
        camera.position.copy(HOME_DIRECTION).multiplyScalar(10);
      }
      controls.target.set(0, 0, 0);
    } else if (craftWorld(mission, focusId, clock.tS, p)) {
      if (mode === 'follow') {
        sceneInteraction.controlsWanted = true;
        camera.fov = ORBIT_FOV_DEG;
        // Behind the spacecraft as seen from the target, a little above and to the side, so the
        // target shows past it.
        const offset = scratchDelta.copy(p);
        if (offset.lengthSq() < 1e-12) offset.copy(HOME_DIRECTION);
        offset.normalize().add(FOLLOW_TILT).normalize().multiplyScalar(FOLLOW_DISTANCE_KM);
        controls.target.copy(p);
        camera.position.copy(p).add(offset);
        followPrev.current.copy(p);
      } else {
        sceneInteraction.controlsWanted = false;
        camera.fov = inspectorFov.current;
        camera.position.copy(p);
        camera.up.set(0, 1, 0);
        camera.lookAt(0, 0, 0);
      }
    }
    applyControlsEnabled();
    camera.updateProjectionMatrix();
    controls.update();
    invalidate();
  }, [mode, focusId, serial, camera, controls, clock, invalidate]);

  // The wheel zooms the inspector view by narrowing the field of view.
  useEffect(() => {
    if (mode !== 'inspector') return;
    const el = gl.domElement;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const f = Math.exp(Math.sign(e.deltaY) * 0.12);
      inspectorFov.current = Math.min(
        INSPECTOR_FOV_DEG.max,
        Math.max(INSPECTOR_FOV_DEG.min, inspectorFov.current * f),
      );
      camera.fov = inspectorFov.current;
      camera.updateProjectionMatrix();
      invalidate();
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [mode, gl, camera, invalidate]);

  useFrame(() => {
    if (!mission) return;
    const p = scratchPos;
    if (mode === 'follow' && craftWorld(mission, focusId, clock.tS, p)) {
      // Carry the camera along with the spacecraft; the user still orbits around it.
      scratchDelta.copy(p).sub(followPrev.current);
      camera.position.add(scratchDelta);
      controls.target.copy(p);
      followPrev.current.copy(p);
    } else if (mode === 'inspector' && craftWorld(mission, focusId, clock.tS, p)) {
      camera.position.copy(p);
      camera.lookAt(0, 0, 0);
    }
    if (sceneInteraction.controlsWanted && controls.update()) invalidate();

    const focusKm =
      mode === 'inspector'
        ? Math.max(camera.position.length(), MIN_DISTANCE_KM)
        : Math.max(camera.position.distanceTo(controls.target), MIN_DISTANCE_KM);
    viewMetrics.focusDistanceKm = focusKm;
    viewMetrics.fovDeg = camera.fov;
    viewMetrics.heightPx = heightPx;
    viewMetrics.metresPerPixel = metresPerPixelAt(focusKm);
    viewMetrics.frame++;

    // Depth range that follows the zoom: 1e-3 .. 1e3 x the focus distance, and far enough to
    // hold the whole mission.
    const extentKm = mission.extentM / WORLD_UNIT_M;
    const near = Math.max(1e-6, focusKm * 1e-3);
    const far = Math.max(focusKm * 1e3, (extentKm + camera.position.length()) * 4, 10);
    if (Math.abs(camera.near - near) > near * 1e-3 || Math.abs(camera.far - far) > far * 1e-3) {
      camera.near = near;
      camera.far = far;
      camera.updateProjectionMatrix();
    }
    camera.updateMatrixWorld();
  }, -2);

  // After everything that scales itself this frame (the model enlargement in the legend).
  useFrame(() => publishViewMetrics(), 0);

  return null;
}
