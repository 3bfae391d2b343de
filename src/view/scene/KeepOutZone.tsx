/**
 * The keep-out zone around the target (a sphere, or an ellipsoid with semi-axes along R, I, C): a
 * translucent shell brighter at its rim (so it reads as a solid without hiding what is inside),
 * its outline in the orbit plane, and a label. It turns from amber to red while any spacecraft is
 * inside.
 */

import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import {
  BufferGeometry,
  Color,
  Float32BufferAttribute,
  LineBasicMaterial,
  ShaderMaterial,
  SphereGeometry,
  type Group,
} from 'three';
import { useAppStore } from '../../state/useAppStore.ts';
import { WORLD_UNIT_M } from '../model/axes.ts';
import { formatDistance } from '../model/format.ts';
import type { CraftView, KeepOutView } from '../model/mission.ts';
import { SceneLabel } from './SceneLabel.tsx';
import { viewMetrics } from './viewMetrics.ts';

const SAFE = new Color('#ffb347');
const VIOLATED = new Color('#ff4d4f');

const vertexShader = /* glsl */ `
varying vec3 vNormal;
varying vec3 vView;
void main() {
  vec4 mv = modelViewMatrix * vec4(position, 1.0);
  vNormal = normalize(normalMatrix * normal);
  vView = normalize(-mv.xyz);
  gl_Position = projectionMatrix * mv;
}
`;
const fragmentShader = /* glsl */ `
uniform vec3 diffuse;
uniform float strength;
varying vec3 vNormal;
varying vec3 vView;
void main() {
  float rim = 1.0 - abs(dot(normalize(vNormal), normalize(vView)));
  float a = strength * (0.05 + 0.55 * pow(rim, 3.0));
  gl_FragColor = vec4(diffuse, a);
  #include <colorspace_fragment>
}
`;

const state = new Float64Array(6);

/** Props of `KeepOutZone`. */
export interface KeepOutZoneProps {
  zone: KeepOutView;
  crafts: CraftView[];
}

/** The keep-out zone. */
export function KeepOutZone({ zone, crafts }: KeepOutZoneProps) {
  const clock = useAppStore((s) => s.clock);
  const [aR, aI, aC] = zone.semiAxesM;
  // World axes x = I, y = R, z = -C (../model/axes.ts); a unit sphere scaled per axis.
  const scale: [number, number, number] = [aI / WORLD_UNIT_M, aR / WORLD_UNIT_M, aC / WORLD_UNIT_M];
  const sphere = useMemo(() => new SphereGeometry(1, 40, 24), []);
  const shell = useMemo(
    () =>
      new ShaderMaterial({
        uniforms: { diffuse: { value: SAFE.clone() }, strength: { value: 1 } },
        vertexShader,
        fragmentShader,
        transparent: true,
        depthWrite: false,
      }),
    [],
  );
  const ring = useMemo(() => {
    const pts: number[] = [];
    for (let k = 0; k <= 128; k++) {
      const a = (k / 128) * 2 * Math.PI;
      pts.push(Math.cos(a), Math.sin(a), 0);
    }
    const g = new BufferGeometry();
    g.setAttribute('position', new Float32BufferAttribute(pts, 3));
    return g;
  }, []);
  const ringMat = useMemo(
    () => new LineBasicMaterial({ color: SAFE, transparent: true, opacity: 0.7 }),
    [],
  );
  useEffect(
    () => () => {
      sphere.dispose();
      ring.dispose();
    },
    [sphere, ring],
  );
  useEffect(
    () => () => {
      shell.dispose();
      ringMat.dispose();
    },
    [shell, ringMat],
  );
  const labelRef = useRef<Group>(null);
  useFrame(() => {
    // The label only when the zone is big enough on screen not to crowd the target's label.
    if (labelRef.current)
      labelRef.current.visible = Math.max(aR, aI) / viewMetrics.metresPerPixel > 24;
    let inside = false;
    for (const c of crafts) {
      c.ephemeris.stateAt(clock.tS, state);
      if (Math.hypot(state[0]! / aR, state[1]! / aI, state[2]! / aC) < 1) inside = true;
    }
    const color = inside ? VIOLATED : SAFE;
    shell.uniforms.diffuse!.value.copy(color);
    shell.uniforms.strength!.value = inside ? 1.8 : 1;
    ringMat.color.copy(color);
  }, -1);
  const label =
    zone.shape === 'sphere'
      ? `keep-out ${formatDistance(aR)}`
      : `keep-out ${formatDistance(aR)} × ${formatDistance(aI)} × ${formatDistance(aC)}`;
  return (
    <group name="keep-out">
      <mesh geometry={sphere} material={shell} scale={scale} renderOrder={5} />
      <lineLoop geometry={ring} material={ringMat} scale={scale} />
      <group ref={labelRef}>
        <SceneLabel
          text={label}
          className="label-keepout"
          position={[-scale[0] * 0.707, -scale[1] * 0.707, 0]}
          offsetPx={[-6, 2]}
          align="left"
        />
      </group>
    </group>
  );
}
