/**
 * The Monte Carlo spaghetti in the 3D scene: the thinned set of dispersed trajectories as faint
 * lines in each spacecraft's colour (one merged `LineSegments` per spacecraft, one draw call
 * each), and the worst trial as a brighter line. Drawn only while the plan shown is the one the
 * run was made on (or a trial opened from it) and the panel's switch is on.
 *
 * Positions are RIC, m, mapped to world axes by src/view/model/axes.ts. The geometry is built once
 * per set of trajectories; nothing changes per frame.
 */

import { useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { BufferGeometry, Float32BufferAttribute, LineBasicMaterial, LineSegments } from 'three';
import { useAppStore } from '../../state/useAppStore.ts';
import { useMonteCarlo, visiblePaths } from './montecarloStore.ts';
import { segmentPositions, WORST_COLOR } from './spaghetti.ts';

/** Opacity of the dispersed trials' lines. */
const FAINT_OPACITY = 0.28;

function lines(
  positions: Float32Array,
  color: string,
  opacity: number,
  name: string,
  renderOrder: number,
): LineSegments {
  const g = new BufferGeometry();
  g.setAttribute('position', new Float32BufferAttribute(positions, 3));
  const m = new LineBasicMaterial({ color, transparent: true, opacity, depthWrite: false });
  const obj = new LineSegments(g, m);
  obj.name = name;
  // Before the trails (transparent objects sort by renderOrder first): under them.
  obj.renderOrder = renderOrder;
  obj.frustumCulled = false;
  return obj;
}

/** The spaghetti, or nothing. */
export function MonteCarloSpaghetti() {
  const text = useAppStore((s) => s.text);
  const paths = useMonteCarlo((s) => visiblePaths(s, text));
  const crafts = useMonteCarlo((s) => s.crafts);
  const worst = useMonteCarlo((s) => s.worstTrialIndex);
  const invalidate = useThree((s) => s.invalidate);

  const objects = useMemo(() => {
    if (!paths) return [];
    const out: LineSegments[] = crafts.map((c, k) =>
      lines(
        segmentPositions(paths, (p) => paths.craftIndex[p] === k && paths.trialIndex[p] !== worst),
        c.color,
        FAINT_OPACITY,
        `montecarlo-${c.id}`,
        -2,
      ),
    );
    if (worst !== null) {
      out.push(
        lines(
          segmentPositions(paths, (p) => paths.trialIndex[p] === worst),
          WORST_COLOR,
          0.9,
          'montecarlo-worst',
          -1,
        ),
      );
    }
    return out;
  }, [paths, crafts, worst]);

  useEffect(() => {
    invalidate();
    return () => {
      for (const o of objects) {
        o.geometry.dispose();
        (o.material as LineBasicMaterial).dispose();
      }
      invalidate();
    };
  }, [objects, invalidate]);

  if (objects.length === 0) return null;
  return (
    <group name="montecarlo-spaghetti">
      {objects.map((o) => (
        <primitive key={o.name} object={o} />
      ))}
    </group>
  );
}
