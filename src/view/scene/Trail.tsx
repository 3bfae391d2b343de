/**
 * A spacecraft's trajectory: solid behind the spacecraft, dashed ahead of it.
 *
 * The ephemeris (up to 172,800 samples) is simplified to half a pixel at the camera's focus
 * distance (src/view/model/simplify.ts) and rebuilt only when that pixel size changes by a factor
 * of two or an edit brings a new trajectory; per frame only the clock time and dash length
 * uniforms change.
 */

import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { Vector2, type InstancedBufferGeometry, type Mesh } from 'three';
import { useAppStore } from '../../state/useAppStore.ts';
import type { CraftView } from '../model/mission.ts';
import { buildTrailSegments, toleranceForLevel, toleranceLevel } from '../model/trail.ts';
import { createTrailGeometry, setTrailSegments, TrailMaterial } from './trailMaterial.ts';
import { viewMetrics } from './viewMetrics.ts';

/** Trail line widths, CSS px. */
const PAST_WIDTH_PX = 2.2;
const FUTURE_WIDTH_PX = 1.6;
/** Dash and gap of the future part, CSS px at the focus distance. */
const DASH_PX = 7;
const GAP_PX = 6;

const bufferSize = new Vector2();

/** Trajectories whose trail geometry has been built (read by ./DrawProbe.tsx). */
export const builtTrails = new WeakSet<CraftView>();

/** Props of `Trail`. */
export interface TrailProps {
  craft: CraftView;
  /** Multiplies the line widths (a ghost's trail is thinner: 0.7). */
  widthScale?: number;
}

/** The past (solid) and future (dashed) trajectory of one spacecraft. */
export function Trail({ craft, widthScale = 1 }: TrailProps) {
  const clock = useAppStore((s) => s.clock);
  const gl = useThree((s) => s.gl);
  const material = useMemo(
    () =>
      new TrailMaterial(craft.color, {
        pastWidthPx: PAST_WIDTH_PX * widthScale,
        futureWidthPx: FUTURE_WIDTH_PX * widthScale,
        futureOpacity: 0.75,
      }),
    [craft.color, widthScale],
  );
  const meshRef = useRef<Mesh>(null);
  const built = useRef<{
    level: number;
    geometry: InstancedBufferGeometry | null;
    craft: CraftView | null;
  }>({ level: Number.NaN, geometry: null, craft: null });

  useEffect(() => {
    const b = built.current;
    return () => {
      material.dispose();
      b.geometry?.dispose();
      b.geometry = null;
      b.level = Number.NaN;
    };
  }, [material]);

  useFrame(() => {
    const b = built.current;
    const level = toleranceLevel(viewMetrics.metresPerPixel);
    // A new zoom level or a new trajectory (an edit): rebuild the segments.
    if (level !== b.level || b.geometry === null || b.craft !== craft) {
      const g = createTrailGeometry();
      setTrailSegments(
        g,
        buildTrailSegments(
          craft.ephemeris,
          craft.importance,
          toleranceForLevel(level),
          0,
          craft.candidates,
        ),
      );
      if (meshRef.current) meshRef.current.geometry = g;
      b.geometry?.dispose();
      b.geometry = g;
      b.level = level;
      b.craft = craft;
      builtTrails.add(craft);
    }
    gl.getDrawingBufferSize(bufferSize);
    const ratio = gl.getPixelRatio();
    const kmPerPx = viewMetrics.metresPerPixel / 1000;
    material.setViewport(bufferSize.x, bufferSize.y, ratio);
    material.uniforms.nowS.value = clock.tS;
    material.uniforms.dashSize.value = DASH_PX * kmPerPx;
    material.uniforms.gapSize.value = GAP_PX * kmPerPx;
  });

  return (
    <group name={`trail-${craft.id}`}>
      <mesh ref={meshRef} material={material} frustumCulled={false} renderOrder={2} />
    </group>
  );
}
