/**
 * A procedural star background: a few thousand points on a sphere that moves with the camera
 * (stars are at infinity: turning the view moves them, zooming and panning do not), denser along a
 * band like the Milky Way. Seeded, so every run looks the same; no texture, nothing fetched.
 */

import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { BufferGeometry, Float32BufferAttribute, ShaderMaterial, type Points } from 'three';

/** Number of stars. */
const STAR_COUNT = 2400;

/** Deterministic PRNG (mulberry32) so the sky is the same on every load. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeStars(): BufferGeometry {
  const rand = mulberry32(20260320);
  const pos = new Float32Array(STAR_COUNT * 3);
  const size = new Float32Array(STAR_COUNT);
  const tint = new Float32Array(STAR_COUNT * 3);
  // The band: a great circle tilted 62 deg from the orbit plane.
  const tilt = (62 * Math.PI) / 180;
  for (let i = 0; i < STAR_COUNT; i++) {
    let x: number;
    let y: number;
    let z: number;
    if (i % 3 === 0) {
      const lon = rand() * 2 * Math.PI;
      const lat = (rand() + rand() + rand() - 1.5) * 0.22;
      const bx = Math.cos(lat) * Math.cos(lon);
      const by = Math.sin(lat);
      const bz = Math.cos(lat) * Math.sin(lon);
      x = bx;
      y = by * Math.cos(tilt) - bz * Math.sin(tilt);
      z = by * Math.sin(tilt) + bz * Math.cos(tilt);
    } else {
      const u = rand() * 2 - 1;
      const phi = rand() * 2 * Math.PI;
      const r = Math.sqrt(1 - u * u);
      x = r * Math.cos(phi);
      y = u;
      z = r * Math.sin(phi);
    }
    pos.set([x, y, z], i * 3);
    // Magnitudes: many faint stars, few bright ones.
    const m = rand() ** 3;
    size[i] = 0.8 + 2.4 * m;
    const warm = rand();
    const b = 0.35 + 0.65 * m;
    tint.set([b * (0.85 + 0.15 * warm), b * 0.9, b * (1 - 0.15 * warm)], i * 3);
  }
  const g = new BufferGeometry();
  g.setAttribute('position', new Float32BufferAttribute(pos, 3));
  g.setAttribute('size', new Float32BufferAttribute(size, 1));
  g.setAttribute('tint', new Float32BufferAttribute(tint, 3));
  return g;
}

const vertexShader = /* glsl */ `
uniform float pixelRatio;
attribute float size;
attribute vec3 tint;
varying vec3 vTint;
void main() {
  vTint = tint;
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
  gl_PointSize = size * pixelRatio;
}
`;

const fragmentShader = /* glsl */ `
varying vec3 vTint;
void main() {
  // Opaque (no blending: cheaper in software GL); the soft edge fades to the black sky.
  float r = length(gl_PointCoord - 0.5);
  if (r > 0.5) discard;
  gl_FragColor = vec4(vTint * smoothstep(0.5, 0.1, r), 1.0);
}
`;

/** The star background. */
export function Starfield() {
  const geometry = useMemo(makeStars, []);
  const material = useMemo(
    () =>
      new ShaderMaterial({
        uniforms: { pixelRatio: { value: 1 } },
        vertexShader,
        fragmentShader,
        depthTest: false,
        depthWrite: false,
      }),
    [],
  );
  const ref = useRef<Points>(null);
  useEffect(
    () => () => {
      geometry.dispose();
      material.dispose();
    },
    [geometry, material],
  );
  useFrame(({ camera, gl }) => {
    const p = ref.current;
    if (!p) return;
    // Centred on the camera, inside the far plane: at infinity for every zoom.
    p.position.copy(camera.position);
    p.scale.setScalar((camera as { far?: number }).far ? (camera as { far: number }).far * 0.5 : 1);
    material.uniforms.pixelRatio!.value = gl.getPixelRatio();
  });
  return (
    <points
      ref={ref}
      geometry={geometry}
      material={material}
      frustumCulled={false}
      renderOrder={-1000}
    />
  );
}
