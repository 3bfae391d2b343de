/**
 * A procedural SKYNET-5A-class target: a Eurostar E3000-class bus (box, gold MLI), two long solar
 * array wings along the orbit normal (C), east and west reflector dishes, an Earth deck with a
 * feed array and a small dish, and the apogee engine on the anti-Earth face.
 *
 * Built in metres in RIC-aligned world axes (x = I, y = R, z = -C; see ../model/axes.ts):
 * - bus: 3.4 m (I) x 3.6 m (R) x 2.6 m (C);
 * - wings: a 2 m yoke then four 3.2 m x 2.8 m panels each side, ~34 m tip to tip (Astrium quotes
 *   ~34 m for SKYNET 5A's arrays [1]); they turn about C to face the Sun (`setSunDirection`);
 * - dishes: 2.4 m reflectors on the +-I faces, a 1.2 m dish on the Earth deck (-R).
 *
 * References:
 * [1] Astrium/EADS, "Skynet 5" fact sheet (2007): Eurostar E3000 bus, 4.7 t at launch,
 *     ~34 m solar array span.
 */

import {
  BoxGeometry,
  CanvasTexture,
  CylinderGeometry,
  DoubleSide,
  Group,
  LatheGeometry,
  Mesh,
  MeshStandardMaterial,
  SRGBColorSpace,
  Vector2,
  type BufferGeometry,
} from 'three';
import { mergeParts } from './mergeParts.ts';

/** Tip-to-tip span of the solar arrays, m. */
export const SKYNET_SPAN_M = 34;

/** A cell pattern for the solar panels, drawn once on a small canvas. */
function panelTexture(): CanvasTexture | null {
  if (typeof document === 'undefined') return null;
  const c = document.createElement('canvas');
  c.width = 64;
  c.height = 64;
  const g = c.getContext('2d');
  if (!g) return null;
  g.fillStyle = '#1d2f6b';
  g.fillRect(0, 0, 64, 64);
  g.strokeStyle = '#4a5f99';
  g.lineWidth = 1;
  for (let k = 0; k <= 64; k += 8) {
    g.beginPath();
    g.moveTo(k + 0.5, 0);
    g.lineTo(k + 0.5, 64);
    g.moveTo(0, k + 0.5);
    g.lineTo(64, k + 0.5);
    g.stroke();
  }
  g.strokeStyle = '#b8c0d0';
  g.lineWidth = 2;
  g.strokeRect(1, 1, 62, 62);
  const t = new CanvasTexture(c);
  t.colorSpace = SRGBColorSpace;
  t.anisotropy = 4;
  return t;
}

/** A parabolic dish, opening along +y, diameter `d` m. */
function dishGeometry(d: number): BufferGeometry {
  const pts: Vector2[] = [];
  const r = d / 2;
  const depth = d * 0.18;
  for (let k = 0; k <= 12; k++) {
    const x = (r * k) / 12;
    pts.push(new Vector2(x, depth * (x / r) ** 2));
  }
  return new LatheGeometry(pts, 32);
}

/** The target model and the handle that turns its wings. */
export interface SkynetModel {
  group: Group;
  /**
   * Turns the wings about C to face the Sun.
   * @param x Sun direction, world x (I)
   * @param y Sun direction, world y (R)
   */
  setSunDirection(x: number, y: number): void;
  dispose(): void;
}

/** Builds the target model (metres, world axes): three draw calls (bus, two wings). */
export function buildSkynetModel(): SkynetModel {
  const GOLD = '#d4a94f';
  const WHITE = '#e6e9ee';
  const SILVER = '#b8c0cc';
  const DARK = '#2a2f38';

  // Bus with silver radiators on the north/south (C) faces; east/west reflectors on arms (+-I
  // faces); Earth deck (-R) feed array and small dish; apogee engine on the anti-Earth face (+R).
  const bus = mergeParts([
    { geometry: new BoxGeometry(3.4, 3.6, 2.6), color: GOLD },
    { geometry: new BoxGeometry(3.0, 3.2, 0.06), color: SILVER, position: [0, 0, 1.33] },
    { geometry: new BoxGeometry(3.0, 3.2, 0.06), color: SILVER, position: [0, 0, -1.33] },
    ...[1, -1].flatMap((side) => [
      {
        geometry: dishGeometry(2.4),
        color: WHITE,
        position: [side * 2.6, -1.3, 0] as [number, number, number],
        rotation: [0, 0, side * 2.2] as [number, number, number],
      },
      {
        geometry: new CylinderGeometry(0.05, 0.05, 1.2, 8),
        color: SILVER,
        position: [side * 2.05, -0.9, 0] as [number, number, number],
        rotation: [0, 0, side * 0.9] as [number, number, number],
      },
    ]),
    { geometry: new BoxGeometry(1.6, 0.3, 1.4), color: WHITE, position: [0.5, -1.95, 0] },
    {
      geometry: dishGeometry(1.2),
      color: WHITE,
      position: [-0.9, -2.15, 0.4],
      rotation: [Math.PI, 0, 0],
    },
    { geometry: new CylinderGeometry(0.18, 0.42, 0.7, 16), color: DARK, position: [0, 2.15, 0] },
  ]);
  const busMaterial = new MeshStandardMaterial({
    vertexColors: true,
    metalness: 0.3,
    roughness: 0.45,
    side: DoubleSide,
  });

  // Wings along C (world z) on yokes; the panel plane turns about z to face the Sun. Yoke and
  // hinges take a plain texel of the panel texture (its light frame colour).
  const tex = panelTexture();
  const wingMaterial = new MeshStandardMaterial({
    vertexColors: true,
    map: tex,
    metalness: 0.35,
    roughness: 0.45,
    side: DoubleSide,
  });
  const FRAME_UV: [number, number] = [0.01, 0.01];
  const wingGeometry = (side: number) =>
    mergeParts([
      {
        geometry: new CylinderGeometry(0.06, 0.06, 2.0, 8),
        color: SILVER,
        position: [0, 0, side * 1.0],
        rotation: [Math.PI / 2, 0, 0],
        uv: FRAME_UV,
      },
      ...[0, 1, 2, 3].flatMap((k) => {
        const z = side * (2.0 + 0.1 + 1.4 + k * 2.9);
        return [
          {
            geometry: new BoxGeometry(3.2, 0.06, 2.8),
            color: tex ? '#ffffff' : '#1d2f6b',
            position: [0, 0, z] as [number, number, number],
          },
          {
            geometry: new BoxGeometry(0.12, 0.12, 0.2),
            color: SILVER,
            position: [0, 0, z - side * 1.45] as [number, number, number],
            uv: FRAME_UV,
          },
        ];
      }),
    ]);

  const group = new Group();
  group.name = 'skynet-5a';
  group.add(new Mesh(bus, busMaterial));
  const wings = [1, -1].map((side) => {
    const wing = new Mesh(wingGeometry(side), wingMaterial);
    wing.position.set(0, 0, side * 1.36);
    group.add(wing);
    return wing;
  });

  return {
    group,
    setSunDirection(x, y) {
      // Panel normal starts along +y (R); rotate about z so it points at the Sun's projection.
      if (x === 0 && y === 0) return;
      const theta = Math.atan2(-x, y);
      for (const w of wings) w.rotation.z = theta;
    },
    dispose() {
      bus.dispose();
      for (const w of wings) w.geometry.dispose();
      busMaterial.dispose();
      wingMaterial.dispose();
      tex?.dispose();
    },
  };
}
