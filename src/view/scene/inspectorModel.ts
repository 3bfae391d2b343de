/**
 * A procedural GSSAP-class inspector: a small box bus with a band in the spacecraft's colour, two
 * solar panels and a sensor barrel along local +z (the model is turned so +z faces the target).
 * About 5 m across the panels.
 */

import { BoxGeometry, CylinderGeometry, Group, Mesh, MeshStandardMaterial } from 'three';
import { mergeParts } from './mergeParts.ts';

/** Span of the inspector model across its panels, m. */
export const INSPECTOR_SPAN_M = 5;

/** The inspector model. */
export interface InspectorModel {
  group: Group;
  dispose(): void;
}

/**
 * Builds an inspector model (metres): one draw call.
 * @param color CSS colour of the spacecraft
 */
export function buildInspectorModel(color: string): InspectorModel {
  const BODY = '#d9dde3';
  const geometry = mergeParts([
    { geometry: new BoxGeometry(1.3, 1.3, 1.7), color: BODY },
    { geometry: new BoxGeometry(1.34, 1.34, 0.3), color, position: [0, 0, -0.3] },
    { geometry: new BoxGeometry(1.7, 0.05, 1.2), color: '#22346e', position: [1.55, 0, 0] },
    { geometry: new BoxGeometry(1.7, 0.05, 1.2), color: '#22346e', position: [-1.55, 0, 0] },
    {
      geometry: new CylinderGeometry(0.28, 0.32, 0.8, 16),
      color: BODY,
      position: [0, 0, 1.2],
      rotation: [Math.PI / 2, 0, 0],
    },
    {
      geometry: new CylinderGeometry(0.22, 0.22, 0.05, 16),
      color: '#111418',
      position: [0, 0, 1.62],
      rotation: [Math.PI / 2, 0, 0],
    },
  ]);
  const material = new MeshStandardMaterial({
    vertexColors: true,
    metalness: 0.3,
    roughness: 0.45,
  });
  const group = new Group();
  group.name = 'inspector';
  group.add(new Mesh(geometry, material));
  return {
    group,
    dispose() {
      geometry.dispose();
      material.dispose();
    },
  };
}
