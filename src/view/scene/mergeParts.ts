/**
 * Procedural models as few draw calls: parts (geometry, colour, placement) are baked into one
 * geometry with vertex colours. Software GL pays per draw call, and a model of twenty meshes cost
 * a quarter of the frame rate; merged it is one or two draws.
 */

import {
  Color,
  Euler,
  Float32BufferAttribute,
  Matrix4,
  Quaternion,
  Vector3,
  type BufferGeometry,
} from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';

/** One part of a model. */
export interface Part {
  geometry: BufferGeometry;
  /** CSS colour (multiplies the material colour and texture). */
  color: string;
  position?: [number, number, number];
  /** Euler angles, rad (XYZ). */
  rotation?: [number, number, number];
  /** Replace every UV by this one (e.g. a plain texel of a shared texture). */
  uv?: [number, number];
}

const scratchColor = new Color();

/**
 * Bakes parts into one indexed geometry with a `color` attribute (linear RGB). The input
 * geometries are consumed (disposed).
 *
 * @param parts the parts
 */
export function mergeParts(parts: readonly Part[]): BufferGeometry {
  const baked = parts.map((p) => {
    const g = p.geometry;
    const m = new Matrix4().compose(
      new Vector3(...(p.position ?? [0, 0, 0])),
      new Quaternion().setFromEuler(new Euler(...(p.rotation ?? [0, 0, 0]))),
      new Vector3(1, 1, 1),
    );
    g.applyMatrix4(m);
    const n = g.getAttribute('position').count;
    scratchColor.set(p.color);
    const colors = new Float32Array(n * 3);
    for (let k = 0; k < n; k++) colors.set([scratchColor.r, scratchColor.g, scratchColor.b], k * 3);
    g.setAttribute('color', new Float32BufferAttribute(colors, 3));
    if (p.uv) {
      const uv = new Float32Array(n * 2);
      for (let k = 0; k < n; k++) uv.set(p.uv, k * 2);
      g.setAttribute('uv', new Float32BufferAttribute(uv, 2));
    }
    return g;
  });
  const merged = mergeGeometries(baked);
  for (const g of baked) g.dispose();
  if (!merged) throw new Error('mergeParts: parts have different attributes');
  return merged;
}
