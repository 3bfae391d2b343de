/**
 * Range rings in the orbit plane (the R-I plane) every decade from 10 m to 10,000 km (10 Mm), each
 * labelled in the unit that fits it, hidden when it is too small on screen to read.
 */

import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { BufferGeometry, Float32BufferAttribute, LineBasicMaterial, type Group } from 'three';
import { WORLD_UNIT_M } from '../model/axes.ts';
import { formatRoundDistance } from '../model/format.ts';
import { SceneLabel } from './SceneLabel.tsx';
import { viewMetrics } from './viewMetrics.ts';

/** Ring radii, m. */
export const RING_RADII_M = [10, 100, 1000, 10_000, 100_000, 1e6, 1e7] as const;
/** A ring smaller than this on screen is hidden, CSS px. */
const MIN_RADIUS_PX = 14;

/** A unit circle in the x-y plane (world), 256 segments. */
const unitCircle = (() => {
  const pts: number[] = [];
  for (let k = 0; k <= 256; k++) {
    const a = (k / 256) * 2 * Math.PI;
    pts.push(Math.cos(a), Math.sin(a), 0);
  }
  return pts;
})();

/** The range rings. */
export function RangeRings() {
  const geometry = useMemo(() => {
    const g = new BufferGeometry();
    g.setAttribute('position', new Float32BufferAttribute(unitCircle, 3));
    return g;
  }, []);
  const material = useMemo(
    () => new LineBasicMaterial({ color: '#5b6b7f', transparent: true, opacity: 0.55 }),
    [],
  );
  useEffect(
    () => () => {
      geometry.dispose();
      material.dispose();
    },
    [geometry, material],
  );
  const refs = useRef<(Group | null)[]>([]);
  useFrame(() => {
    RING_RADII_M.forEach((rM, k) => {
      const g = refs.current[k];
      if (g) g.visible = rM / viewMetrics.metresPerPixel >= MIN_RADIUS_PX;
    });
  }, -1);
  return (
    <group name="range-rings">
      {RING_RADII_M.map((rM, k) => {
        const r = rM / WORLD_UNIT_M;
        // Label on the ring at 60 deg from +I towards +R, clear of the V-bar.
        const a = Math.PI / 3;
        return (
          <group
            key={rM}
            ref={(el) => {
              refs.current[k] = el;
            }}
          >
            <lineLoop geometry={geometry} material={material} scale={[r, r, r]} />
            <SceneLabel
              text={formatRoundDistance(rM)}
              className="label-ring"
              position={[r * Math.cos(a), r * Math.sin(a), 0]}
              offsetPx={[4, -6]}
            />
          </group>
        );
      })}
    </group>
  );
}
