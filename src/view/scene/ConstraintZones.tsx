/**
 * The scenario's approach constraints around the target: the approach ellipsoid (outlined in its
 * three principal planes) and the approach corridor (a translucent cone from the target along its
 * axis, out to the range where it applies). Both in RIC, mapped to world axes (../model/axes.ts).
 */

import { useEffect, useMemo } from 'react';
import {
  BufferGeometry,
  ConeGeometry,
  DoubleSide,
  Float32BufferAttribute,
  LineBasicMaterial,
  MeshBasicMaterial,
  Quaternion,
  Vector3,
} from 'three';
import type { Scenario } from '../../scenario/schema.ts';
import { WORLD_UNIT_M } from '../model/axes.ts';
import { SceneLabel } from './SceneLabel.tsx';

const ELLIPSOID_COLOR = '#6aa9ff';
const CORRIDOR_COLOR = '#5eead4';

/** An ellipse of semi-axes a (along u) and b (along v) as line-loop positions. */
function ellipse(a: number, b: number, u: Vector3, v: Vector3): number[] {
  const pts: number[] = [];
  for (let k = 0; k <= 128; k++) {
    const t = (k / 128) * 2 * Math.PI;
    const p = u
      .clone()
      .multiplyScalar(a * Math.cos(t))
      .addScaledVector(v, b * Math.sin(t));
    pts.push(p.x, p.y, p.z);
  }
  return pts;
}

/** Props of `ConstraintZones`. */
export interface ConstraintZonesProps {
  constraints: NonNullable<Scenario['constraints']>;
}

/** Approach ellipsoid and corridor, when the scenario states them. */
export function ConstraintZones({ constraints }: ConstraintZonesProps) {
  const ellipsoid = constraints.approachEllipsoid?.semiAxesM;
  const corridor = constraints.corridor;

  const outline = useMemo(() => {
    if (!ellipsoid) return null;
    // Semi-axes along R, I, C -> world y, x, -z, km.
    const [aR, aI, aC] = ellipsoid.map((m) => m / WORLD_UNIT_M) as [number, number, number];
    const x = new Vector3(1, 0, 0);
    const y = new Vector3(0, 1, 0);
    const z = new Vector3(0, 0, 1);
    const g = new BufferGeometry();
    // Three loops as line segments (pairs of points).
    const loops = [ellipse(aI, aR, x, y), ellipse(aI, aC, x, z), ellipse(aR, aC, y, z)];
    const seg: number[] = [];
    for (const l of loops) {
      for (let k = 0; k + 3 < l.length; k += 3) seg.push(...l.slice(k, k + 6));
    }
    g.setAttribute('position', new Float32BufferAttribute(seg, 3));
    return { g, labelAt: [-aI * 0.707, aR * 0.707, 0] as [number, number, number] };
  }, [ellipsoid]);

  const cone = useMemo(() => {
    if (!corridor) return null;
    const lengthKm = corridor.withinM / WORLD_UNIT_M;
    const radiusKm = lengthKm * Math.tan((corridor.halfAngleDeg * Math.PI) / 180);
    // Apex at the origin, opening along +y, then turned to the axis.
    const g = new ConeGeometry(radiusKm, lengthKm, 48, 1, true)
      .rotateX(Math.PI)
      .translate(0, lengthKm / 2, 0);
    const [r, i, c] = corridor.axis;
    const dir = new Vector3(i, r, -c).normalize();
    const q = new Quaternion().setFromUnitVectors(new Vector3(0, 1, 0), dir);
    return { g, q, tip: dir.clone().multiplyScalar(lengthKm) };
  }, [corridor]);

  const materials = useMemo(
    () => ({
      line: new LineBasicMaterial({ color: ELLIPSOID_COLOR, transparent: true, opacity: 0.45 }),
      fill: new MeshBasicMaterial({
        color: CORRIDOR_COLOR,
        transparent: true,
        opacity: 0.1,
        side: DoubleSide,
        depthWrite: false,
      }),
    }),
    [],
  );
  useEffect(
    () => () => {
      outline?.g.dispose();
      cone?.g.dispose();
    },
    [outline, cone],
  );
  useEffect(
    () => () => {
      materials.line.dispose();
      materials.fill.dispose();
    },
    [materials],
  );

  return (
    <group name="constraint-zones">
      {outline && (
        <group>
          <lineSegments geometry={outline.g} material={materials.line} />
          <SceneLabel
            text="approach ellipsoid"
            className="label-zone"
            color={ELLIPSOID_COLOR}
            position={outline.labelAt}
            offsetPx={[-6, -16]}
            align="left"
          />
        </group>
      )}
      {cone && (
        <group>
          <mesh geometry={cone.g} material={materials.fill} quaternion={cone.q} renderOrder={4} />
          <SceneLabel
            text="approach corridor"
            className="label-zone"
            color={CORRIDOR_COLOR}
            position={[cone.tip.x, cone.tip.y, cone.tip.z]}
            offsetPx={[6, -6]}
          />
        </group>
      )}
    </group>
  );
}
