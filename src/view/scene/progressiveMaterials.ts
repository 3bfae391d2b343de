/**
 * Progressive materials for the spacecraft models. Their lit (physically based) programs are the
 * costliest of the scene to compile: on software GL the first frame waited 1.5 s for them. So the
 * first frames draw each model with an unlit stand-in (same colours, texture and faces, no
 * shading), and once the first scene is drawn (src/state/firstScene.ts) the lit programs are
 * compiled in the background (`WebGLRenderer.compileAsync`, which polls
 * KHR_parallel_shader_compile where the browser has it) and swapped in; from then on new models
 * are lit from their first frame.
 */

import {
  DataTexture,
  DoubleSide,
  Mesh,
  MeshBasicMaterial,
  MeshStandardMaterial,
  RGBAFormat,
  SRGBColorSpace,
  Scene,
  type Camera,
  type Object3D,
  type WebGLRenderer,
} from 'three';

/** A model mesh drawn with its stand-in until its lit material's program is ready. */
interface Waiting {
  mesh: Mesh;
  lit: MeshStandardMaterial;
  standIn: MeshBasicMaterial;
}

const waiting = new Set<Waiting>();
let litReady = false;
let compiling = false;

let white: DataTexture | null = null;

/** A one-texel white texture: the map of stand-ins whose lit material has none. */
function whiteTexture(): DataTexture {
  if (!white) {
    white = new DataTexture(new Uint8Array([255, 255, 255, 255]), 1, 1, RGBAFormat);
    white.colorSpace = SRGBColorSpace;
    white.needsUpdate = true;
  }
  return white;
}

/**
 * The unlit stand-in of a lit material: its colour, vertex colours and texture (a white texel
 * when it has none and the geometry has texture coordinates), both faces. So all the models'
 * stand-ins share one program: the first frame compiles one instead of two or three.
 *
 * @param lit the lit material
 * @param hasUv whether the mesh's geometry has texture coordinates
 */
export function standInFor(lit: MeshStandardMaterial, hasUv: boolean): MeshBasicMaterial {
  return new MeshBasicMaterial({
    color: lit.color,
    vertexColors: lit.vertexColors,
    map: lit.map ?? (hasUv ? whiteTexture() : null),
    side: DoubleSide,
  });
}

/**
 * Draws the lit meshes under `root` with stand-ins until the lit programs are compiled (nothing
 * to do once they are). Returns the undo: the lit materials back, the stand-ins disposed.
 *
 * @param root a model's group
 */
export function applyStandIns(root: Object3D): () => void {
  if (litReady) return () => {};
  const mine: Waiting[] = [];
  root.traverse((o) => {
    if (!(o instanceof Mesh) || !(o.material instanceof MeshStandardMaterial)) return;
    const hasUv = o.geometry.getAttribute('uv') !== undefined;
    const w = { mesh: o, lit: o.material, standIn: standInFor(o.material, hasUv) };
    o.material = w.standIn;
    waiting.add(w);
    mine.push(w);
  });
  return () => {
    for (const w of mine) {
      if (waiting.delete(w)) w.mesh.material = w.lit;
      w.standIn.dispose();
    }
  };
}

/**
 * Compiles the lit programs of the waiting meshes without blocking the page, then swaps them in
 * and asks for a frame. Does nothing when nothing waits or a compilation is under way.
 *
 * @param gl the renderer
 * @param scene the scene the models are in (its lights select the programs)
 * @param camera the camera
 * @param redraw asks for a frame (r3f's `invalidate`)
 */
export async function compileLitMaterials(
  gl: Pick<WebGLRenderer, 'compileAsync'>,
  scene: Scene,
  camera: Camera,
  redraw: () => void,
): Promise<void> {
  if (litReady || compiling || waiting.size === 0) return;
  compiling = true;
  const proxies = new Scene();
  for (const w of waiting) {
    const proxy = new Mesh(w.mesh.geometry, w.lit);
    proxy.matrixAutoUpdate = false;
    proxies.add(proxy);
  }
  // Should the background compilation fail, the next frame compiles them (blocking) instead.
  await gl.compileAsync(proxies, camera, scene).catch(() => undefined);
  compiling = false;
  litReady = true;
  for (const w of waiting) {
    w.mesh.material = w.lit;
    w.standIn.dispose();
  }
  waiting.clear();
  redraw();
}

/** Whether the lit programs are compiled (models are then lit from their first frame). */
export function litMaterialsReady(): boolean {
  return litReady;
}
