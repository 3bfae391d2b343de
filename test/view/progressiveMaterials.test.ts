// Progressive materials (src/view/scene/progressiveMaterials.ts, issue 18 item 4): the spacecraft
// models are drawn unlit (same colours, texture) until their lit programs are compiled in the
// background, then lit; models made after that are lit from the start.

import {
  DirectionalLight,
  Mesh,
  MeshBasicMaterial,
  MeshStandardMaterial,
  PerspectiveCamera,
  Scene,
  Texture,
  type Object3D,
} from 'three';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildInspectorModel } from '../../src/view/scene/inspectorModel.ts';
import { buildSkynetModel } from '../../src/view/scene/skynetModel.ts';

type Module = typeof import('../../src/view/scene/progressiveMaterials.ts');
let m: Module;

beforeEach(async () => {
  // The module remembers that the lit programs are ready: a fresh copy for each test.
  vi.resetModules();
  m = await import('../../src/view/scene/progressiveMaterials.ts');
});

function meshes(root: Object3D): Mesh[] {
  const out: Mesh[] = [];
  root.traverse((o) => {
    if (o instanceof Mesh) out.push(o);
  });
  return out;
}

/** A renderer whose background compilation finishes when `finish` is called. */
function fakeRenderer() {
  const calls: { scene: Object3D; target: Scene | null | undefined }[] = [];
  let finish = () => {};
  const gl = {
    compileAsync: (scene: Object3D, _camera: unknown, target?: Scene | null) => {
      calls.push({ scene, target });
      return new Promise<Object3D>((resolve) => (finish = () => resolve(scene)));
    },
  };
  return { gl, calls, finish: () => finish() };
}

describe('progressive materials', () => {
  it('stand-ins keep the colour, vertex colours and texture of the lit material', () => {
    const map = new Texture();
    const lit = new MeshStandardMaterial({ color: '#ff8800', vertexColors: true, map });
    const s = m.standInFor(lit, true);
    expect(s).toBeInstanceOf(MeshBasicMaterial);
    expect(s.color.getHex()).toBe(0xff8800);
    expect(s.vertexColors).toBe(true);
    expect(s.map).toBe(map);
    // no texture: a white texel (colours unchanged) where the mesh has texture coordinates
    const plain = new MeshStandardMaterial({ vertexColors: true });
    const white = m.standInFor(plain, true).map!;
    expect([...(white.image as { data: Uint8Array }).data]).toEqual([255, 255, 255, 255]);
    expect(m.standInFor(plain, false).map).toBeNull();
  });

  it('draws the models unlit until the lit programs are compiled, then lit', async () => {
    const target = buildSkynetModel();
    const inspector = buildInspectorModel('#ffcc00');
    const lit = [...meshes(target.group), ...meshes(inspector.group)].map((x) => x.material);
    expect(lit.length).toBe(4);
    for (const mat of lit) expect(mat).toBeInstanceOf(MeshStandardMaterial);

    m.applyStandIns(target.group);
    m.applyStandIns(inspector.group);
    const all = [...meshes(target.group), ...meshes(inspector.group)];
    for (const x of all) expect(x.material).toBeInstanceOf(MeshBasicMaterial);
    // One program for all stand-ins: all two-sided, textured, with vertex colours.
    const standIns = all.map((x) => x.material as MeshBasicMaterial);
    expect(new Set(standIns.map((s) => s.side)).size).toBe(1);
    for (const s of standIns) expect(s.map !== null && s.vertexColors).toBe(true);

    const scene = new Scene();
    scene.add(new DirectionalLight(), target.group, inspector.group);
    const camera = new PerspectiveCamera();
    const r = fakeRenderer();
    const redraw = vi.fn();
    const done = m.compileLitMaterials(r.gl, scene, camera, redraw);
    // Compiled in a scene of their own, with the lights of the real one.
    expect(r.calls.length).toBe(1);
    expect(r.calls[0]!.target).toBe(scene);
    const compiled = meshes(r.calls[0]!.scene);
    expect(compiled.map((x) => x.material)).toEqual(lit);
    expect(compiled.map((x) => x.geometry)).toEqual(all.map((x) => x.geometry));
    // A second request while compiling starts nothing.
    await m.compileLitMaterials(r.gl, scene, camera, redraw);
    expect(r.calls.length).toBe(1);
    // Still unlit until the compilation ends.
    await Promise.resolve();
    for (const x of all) expect(x.material).toBeInstanceOf(MeshBasicMaterial);
    expect(redraw).not.toHaveBeenCalled();

    r.finish();
    await done;
    expect(all.map((x) => x.material)).toEqual(lit);
    expect(redraw).toHaveBeenCalledTimes(1);
    expect(m.litMaterialsReady()).toBe(true);

    // A model made afterwards is lit from its first frame.
    const later = buildInspectorModel('#00ccff');
    m.applyStandIns(later.group);
    for (const x of meshes(later.group)) expect(x.material).toBeInstanceOf(MeshStandardMaterial);
  });

  it('undo puts the lit materials back (model removed before the swap)', () => {
    const model = buildInspectorModel('#ffcc00');
    const [mesh] = meshes(model.group);
    const lit = mesh!.material;
    const undo = m.applyStandIns(model.group);
    expect(mesh!.material).not.toBe(lit);
    undo();
    expect(mesh!.material).toBe(lit);
  });

  it('nothing waiting: no compilation', async () => {
    const r = fakeRenderer();
    await m.compileLitMaterials(r.gl, new Scene(), new PerspectiveCamera(), () => {});
    expect(r.calls.length).toBe(0);
  });
});
