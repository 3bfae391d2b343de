/**
 * Whether WebGL runs on a software rasteriser (SwiftShader, llvmpipe). There, multisampled
 * antialiasing costs about a third of the frame rate, so the scene does without it: trails are
 * antialiased in their shader anyway (./trailMaterial.ts).
 */

/** Renderer string of a throwaway WebGL context ('' when unknown). */
function rendererName(): string {
  if (typeof document === 'undefined') return '';
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) return '';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return name;
}

let cached: boolean | null = null;

/** True when the page's WebGL is software-rendered. */
export function isSoftwareGl(): boolean {
  cached ??= /swiftshader|llvmpipe|softpipe|software/i.test(rendererName());
  return cached;
}
