/**
 * The Sun and the Earth seen from the target: labelled arrows towards the Sun (the run's
 * `createSunTable`, src/core/lighting.ts, loaded lazily with astronomy-engine so it stays out of
 * the first load) and towards the Earth (-R); and the scene's lights (`SceneLights`): a
 * directional "Sun" light that goes out in the Earth's shadow, plus a dim fill so the night side
 * stays readable. The lights are there from the first frame (the spacecraft models' lit programs,
 * compiled after the first scene, depend on them); the arrows come after it (./AfterFirstScene.tsx).
 */

import { useFrame } from '@react-three/fiber';
import { useEffect, useRef, useState } from 'react';
import { Quaternion, Vector3, type DirectionalLight, type Group } from 'three';
import { firstSceneDrawn } from '../../state/firstScene.ts';
import { useAppStore } from '../../state/useAppStore.ts';
import type { Mission } from '../model/mission.ts';
import { Arrow } from './Arrow.tsx';
import { sunState } from './sunState.ts';

/** What the scene needs of `SunTable` (src/core/lighting.ts). */
interface SunSource {
  sunRic(tS: number, out: Float64Array): void;
  targetShadowFraction(tS: number): number;
}

/**
 * The run module (the Sun table), requested as soon as the first scene is drawn: it stays out of
 * the first load, and its request comes before the offline cache's (src/main.tsx), which would
 * otherwise fetch its files a second time.
 */
const runModule = firstSceneDrawn().then(() => import('../../sim/run.ts'));

const UP = new Vector3(0, 1, 0);
const scratchQ = new Quaternion();
const sunRic = new Float64Array(3);
const SUN_INTENSITY = 2.6;
const UP_DIR: [number, number, number] = [0, 1, 0];
const EARTH_DIR: [number, number, number] = [0, -1, 0];

/** Props of `SunDirection`. */
export interface SunDirectionProps {
  mission: Mission;
}

/** Sun and Earth directions; the Sun as the scene sees it (`sunState`). */
export function SunDirection({ mission }: SunDirectionProps) {
  const clock = useAppStore((s) => s.clock);
  const [sun, setSun] = useState<SunSource | null>(null);
  const arrow = useRef<Group>(null);

  // The sun table depends on the epoch, the span and the target orbit only: an edit of the plan
  // keeps it.
  const s = mission.scenario;
  const sunKey = JSON.stringify([s.epoch, s.durationS, s.target.orbit]);
  const scenarioRef = useRef(s);
  scenarioRef.current = s;
  useEffect(() => {
    let cancelled = false;
    setSun(null);
    sunState.available = false;
    void runModule.then((m) => {
      if (!cancelled) setSun(m.createSunTable(scenarioRef.current));
    });
    return () => {
      cancelled = true;
    };
  }, [sunKey]);

  // before the lights' (`SceneLights`) and the target's callbacks read `sunState`
  useFrame(() => {
    if (sun) {
      sun.sunRic(clock.tS, sunRic);
      // RIC -> world (x = I, y = R, z = -C).
      sunState.dirWorld.set(sunRic[1]!, sunRic[0]!, -sunRic[2]!).normalize();
      sunState.shadowFraction = sun.targetShadowFraction(clock.tS);
      sunState.available = true;
    }
    if (arrow.current) {
      arrow.current.visible = sunState.available;
      arrow.current.quaternion.copy(scratchQ.setFromUnitVectors(UP, sunState.dirWorld));
    }
  }, -1);

  return (
    <group name="sun-earth">
      <group ref={arrow} visible={false}>
        <Arrow
          direction={UP_DIR}
          color="#ffd43b"
          lengthPx={80}
          label="Sun"
          labelClassName="label-dir"
          labelTestId="dir-sun"
        />
      </group>
      <Arrow
        direction={EARTH_DIR}
        color="#74c0fc"
        lengthPx={80}
        label="Earth"
        labelClassName="label-dir"
        labelTestId="dir-earth"
      />
    </group>
  );
}

/** The scene's lights, following the Sun of `sunState` and the camera. */
export function SceneLights() {
  const light = useRef<DirectionalLight>(null);
  const headlight = useRef<DirectionalLight>(null);
  useFrame(({ camera }) => {
    // A dim light from the viewer, so the night side and eclipses stay readable.
    headlight.current?.position.copy(camera.position);
    if (light.current) {
      light.current.position.copy(sunState.dirWorld).multiplyScalar(10);
      light.current.intensity = SUN_INTENSITY * (1 - sunState.shadowFraction);
    }
  });
  return (
    <group name="lights">
      <ambientLight intensity={0.28} />
      <hemisphereLight args={['#9fb4d6', '#1a2230', 0.35]} />
      <directionalLight ref={light} intensity={SUN_INTENSITY} color="#fff6e5" />
      <directionalLight ref={headlight} intensity={0.45} color="#cfd8e6" />
    </group>
  );
}
