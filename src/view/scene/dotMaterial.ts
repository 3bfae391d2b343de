/**
 * A round, constant-size screen marker (a point sprite with a soft edge and a dark outline), drawn
 * over everything: where a spacecraft is, at any zoom.
 */

import { Color, ShaderMaterial } from 'three';

const vertexShader = /* glsl */ `
uniform float sizePx;
void main() {
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
  gl_PointSize = sizePx;
}
`;

const fragmentShader = /* glsl */ `
uniform vec3 diffuse;
void main() {
  float r = length(gl_PointCoord - 0.5) * 2.0;
  if (r > 1.0) discard;
  vec3 c = mix(diffuse, vec3(0.02, 0.03, 0.05), smoothstep(0.62, 0.78, r));
  gl_FragColor = vec4(c, 1.0 - smoothstep(0.86, 1.0, r));
  #include <colorspace_fragment>
}
`;

/**
 * A marker material.
 *
 * @param color CSS colour
 * @param sizePx diameter, device px
 */
export function createDotMaterial(color: string, sizePx: number): ShaderMaterial {
  return new ShaderMaterial({
    uniforms: { diffuse: { value: new Color(color) }, sizePx: { value: sizePx } },
    vertexShader,
    fragmentShader,
    transparent: true,
    depthTest: false,
    depthWrite: false,
  });
}
