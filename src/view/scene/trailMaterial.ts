/**
 * Screen-space wide lines for trails, split into past (solid) and future (dashed) on the GPU.
 *
 * WebGL draws `GL_LINES` one pixel wide, so trails are instanced quads, one per segment, widened
 * in clip space to a width in pixels, as three's `LineMaterial` does [1] (including its trimming
 * of segments that cross the near plane, which matters when the camera follows a spacecraft). The
 * quads are a pixel wider than the line and the fragment shader fades the edge by pixel coverage,
 * so trails are smooth without multisampling (which software GL cannot afford). Each segment also
 * carries the sim time at its ends; the fragment shader draws the part before the clock solid and
 * the part after it dashed and fainter, in one draw call, so playing back changes one uniform per
 * frame and no buffer. Dashes use the distance along the trail, in world units, so they stay put in space;
 * their length is set per frame in pixels.
 *
 * References:
 * [1] three.js, examples/jsm/lines/LineMaterial.js (r187): screen-space line quads, near-plane
 *     trimming.
 */

import {
  Color,
  DoubleSide,
  InstancedBufferGeometry,
  InstancedInterleavedBuffer,
  InterleavedBufferAttribute,
  Float32BufferAttribute,
  ShaderMaterial,
  Vector2,
} from 'three';
import { TRAIL_FLOATS_PER_SEGMENT, TRAIL_OFFSETS, type TrailSegments } from '../model/trail.ts';

const vertexShader = /* glsl */ `
uniform vec2 resolution;
uniform float linewidth;
attribute vec3 instanceStart;
attribute vec3 instanceEnd;
attribute vec2 instanceTime;
attribute vec2 instanceDistance;
varying float vTimeS;
varying float vDistance;
varying float vSide;

float trimAlpha(const in vec4 start, const in vec4 end) {
  float a = projectionMatrix[2][2];
  float b = projectionMatrix[3][2];
  float nearEstimate = -0.5 * b / a;
  return (nearEstimate - start.z) / (end.z - start.z);
}

void main() {
  vec4 start = modelViewMatrix * vec4(instanceStart, 1.0);
  vec4 end = modelViewMatrix * vec4(instanceEnd, 1.0);
  float t0 = instanceTime.x;
  float t1 = instanceTime.y;
  float d0 = instanceDistance.x;
  float d1 = instanceDistance.y;
  // A segment with one end behind the camera: cut it at the near plane.
  if (start.z < 0.0 && end.z >= 0.0) {
    float alpha = trimAlpha(start, end);
    end.xyz = mix(start.xyz, end.xyz, alpha);
    t1 = mix(t0, t1, alpha);
    d1 = mix(d0, d1, alpha);
  } else if (end.z < 0.0 && start.z >= 0.0) {
    float alpha = trimAlpha(end, start);
    start.xyz = mix(end.xyz, start.xyz, alpha);
    t0 = mix(t1, t0, alpha);
    d0 = mix(d1, d0, alpha);
  }
  vec4 clipStart = projectionMatrix * start;
  vec4 clipEnd = projectionMatrix * end;
  vec2 ndcStart = clipStart.xy / clipStart.w;
  vec2 ndcEnd = clipEnd.xy / clipEnd.w;
  float aspect = resolution.x / resolution.y;
  vec2 dir = ndcEnd - ndcStart;
  dir.x *= aspect;
  float len = length(dir);
  dir = len > 0.0 ? dir / len : vec2(1.0, 0.0);
  vec2 offset = vec2(dir.y, -dir.x);
  offset.x /= aspect;
  // position.x = +-1: which side of the segment; position.y = 0 / 1: start or end. The quad is
  // one pixel wider than the line, for the antialiased edge.
  offset *= position.x * (linewidth + 1.0) / resolution.y;
  vSide = position.x * (linewidth + 1.0) * 0.5;
  bool atEnd = position.y > 0.5;
  vec4 clip = atEnd ? clipEnd : clipStart;
  clip.xy += offset * clip.w;
  gl_Position = clip;
  vTimeS = atEnd ? t1 : t0;
  vDistance = atEnd ? d1 : d0;
}
`;

const fragmentShader = /* glsl */ `
uniform vec3 diffuse;
uniform float nowS;
uniform float pastWidth;
uniform float futureWidth;
uniform float futureOpacity;
uniform float dashSize;
uniform float gapSize;
varying float vTimeS;
varying float vDistance;
varying float vSide;

void main() {
  bool ahead = vTimeS > nowS;
  if (ahead && mod(vDistance, dashSize + gapSize) > dashSize) discard;
  // Coverage of this pixel by a line of the part's width (px): antialiasing without MSAA.
  float halfWidth = 0.5 * (ahead ? futureWidth : pastWidth);
  float coverage = clamp(halfWidth + 0.5 - abs(vSide), 0.0, 1.0);
  if (coverage <= 0.0) discard;
  gl_FragColor = vec4(diffuse, (ahead ? futureOpacity : 1.0) * coverage);
  #include <colorspace_fragment>
}
`;

/** Uniforms of a trail material. */
export interface TrailUniforms {
  [name: string]: { value: unknown };
  resolution: { value: Vector2 };
  /** Quad width, device px (the wider of the two parts). */
  linewidth: { value: number };
  pastWidth: { value: number };
  futureWidth: { value: number };
  futureOpacity: { value: number };
  diffuse: { value: Color };
  nowS: { value: number };
  dashSize: { value: number };
  gapSize: { value: number };
}

/** Line widths of a trail, CSS px, and the opacity of its future part. */
export interface TrailStyle {
  pastWidthPx: number;
  futureWidthPx: number;
  futureOpacity: number;
}

/** A trail material: solid before the clock, dashed and fainter after it, in one draw. */
export class TrailMaterial extends ShaderMaterial {
  declare uniforms: TrailUniforms;
  private readonly style: TrailStyle;

  /**
   * @param color CSS colour
   * @param style widths (CSS px, times the device pixel ratio: see `setViewport`) and opacity
   */
  constructor(color: string, style: TrailStyle) {
    const uniforms: TrailUniforms = {
      resolution: { value: new Vector2(1, 1) },
      linewidth: { value: Math.max(style.pastWidthPx, style.futureWidthPx) },
      pastWidth: { value: style.pastWidthPx },
      futureWidth: { value: style.futureWidthPx },
      futureOpacity: { value: style.futureOpacity },
      diffuse: { value: new Color(color) },
      nowS: { value: 0 },
      dashSize: { value: 1 },
      gapSize: { value: 1 },
    };
    super({
      uniforms,
      vertexShader,
      fragmentShader,
      // Blended for the antialiased edges; the depth still hides trails behind the target.
      transparent: true,
      depthWrite: false,
      // The quad's winding flips with the segment's screen direction.
      side: DoubleSide,
    });
    this.style = style;
  }

  /**
   * Sets the drawing buffer size and the pixel ratio (line widths and dashes are in CSS px).
   *
   * @param widthPx drawing buffer width, device px
   * @param heightPx drawing buffer height, device px
   * @param pixelRatio device px per CSS px
   */
  setViewport(widthPx: number, heightPx: number, pixelRatio: number): void {
    const u = this.uniforms;
    u.resolution.value.set(widthPx, heightPx);
    u.pastWidth.value = this.style.pastWidthPx * pixelRatio;
    u.futureWidth.value = this.style.futureWidthPx * pixelRatio;
    u.linewidth.value = Math.max(u.pastWidth.value, u.futureWidth.value);
  }
}

/** The four corners of a segment quad: x = side (-1, 1), y = end (0 start, 1 end). */
const QUAD = [-1, 0, 0, 1, 0, 0, -1, 1, 0, 1, 1, 0];
const QUAD_INDEX = [0, 2, 1, 2, 3, 1];

/** An empty trail geometry (instanced segment quads); fill it with `setTrailSegments`. */
export function createTrailGeometry(): InstancedBufferGeometry {
  const g = new InstancedBufferGeometry();
  g.setIndex(QUAD_INDEX);
  g.setAttribute('position', new Float32BufferAttribute(QUAD, 3));
  setTrailSegments(g, {
    data: new Float32Array(TRAIL_FLOATS_PER_SEGMENT),
    count: 0,
    indices: new Uint32Array(0),
  });
  return g;
}

/**
 * Replaces the segments of a trail geometry (on a zoom change, not per frame).
 *
 * @param g from `createTrailGeometry`
 * @param seg segments from `buildTrailSegments`
 */
export function setTrailSegments(g: InstancedBufferGeometry, seg: TrailSegments): void {
  const data = seg.data.length > 0 ? seg.data : new Float32Array(TRAIL_FLOATS_PER_SEGMENT);
  const buf = new InstancedInterleavedBuffer(data, TRAIL_FLOATS_PER_SEGMENT, 1);
  g.setAttribute('instanceStart', new InterleavedBufferAttribute(buf, 3, TRAIL_OFFSETS.start));
  g.setAttribute('instanceEnd', new InterleavedBufferAttribute(buf, 3, TRAIL_OFFSETS.end));
  g.setAttribute('instanceTime', new InterleavedBufferAttribute(buf, 2, TRAIL_OFFSETS.time));
  g.setAttribute(
    'instanceDistance',
    new InterleavedBufferAttribute(buf, 2, TRAIL_OFFSETS.distance),
  );
  g.instanceCount = seg.count;
}
