/**
 * A text label pinned to a point of the scene, drawn as HTML over the canvas.
 *
 * The label is an anchor `Object3D` (place it as a child of what it labels); each frame its world
 * position is projected and the label's CSS transform is written only when it moved, hidden when
 * the point is behind the camera. No React render per frame.
 */

import { useFrame, useThree } from '@react-three/fiber';
import { useContext, useEffect, useMemo, useRef } from 'react';
import { Vector3, type Object3D } from 'three';
import { LabelLayerContext } from './labelLayer.ts';

const scratch = new Vector3();

/** Props of `SceneLabel`. */
export interface SceneLabelProps {
  /** Text of the label. */
  text: string;
  /** Extra CSS class (e.g. `label-axis`). */
  className?: string;
  /** Text colour. */
  color?: string;
  /** Offset from the anchor point, CSS px (x right, y down). */
  offsetPx?: [number, number];
  /** Anchor position relative to the parent, world units. */
  position?: [number, number, number];
  /** data-testid of the label element. */
  testId?: string;
  /** Hidden when false (kept mounted). */
  visible?: boolean;
  /** Which side of the anchor the text goes (default right). */
  align?: 'left' | 'right';
}

/** An HTML label at a scene point. */
export function SceneLabel({
  text,
  className,
  color,
  offsetPx = [8, -8],
  position,
  testId,
  visible = true,
  align = 'right',
}: SceneLabelProps) {
  const layer = useContext(LabelLayerContext);
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  const anchor = useRef<Object3D>(null);
  const last = useRef({ x: Number.NaN, y: Number.NaN, shown: true });
  const el = useMemo(() => {
    const div = document.createElement('div');
    div.className = 'scene-label';
    div.appendChild(document.createElement('span'));
    return div;
  }, []);

  useEffect(() => {
    if (!layer) return;
    layer.appendChild(el);
    return () => {
      el.remove();
    };
  }, [layer, el]);

  useEffect(() => {
    el.firstChild!.textContent = text;
    el.className = ['scene-label', className, align === 'left' ? 'align-left' : '']
      .filter(Boolean)
      .join(' ');
    el.style.color = color ?? '';
    if (testId) el.dataset.testid = testId;
    else delete el.dataset.testid;
  }, [el, text, className, color, testId, align]);

  useFrame(() => {
    const a = anchor.current;
    if (!a) return;
    a.updateWorldMatrix(true, false);
    scratch.setFromMatrixPosition(a.matrixWorld).project(camera);
    // Hidden with any hidden ancestor (e.g. a range ring too small to show).
    let seen = visible;
    for (let o: Object3D | null = a; seen && o; o = o.parent) seen = o.visible;
    const shown = seen && scratch.z > -1 && scratch.z < 1;
    if (shown !== last.current.shown) {
      el.style.display = shown ? '' : 'none';
      last.current.shown = shown;
    }
    if (!shown) return;
    const x = Math.round(((scratch.x + 1) / 2) * size.width + offsetPx[0]);
    const y = Math.round(((1 - scratch.y) / 2) * size.height + offsetPx[1]);
    if (x !== last.current.x || y !== last.current.y) {
      el.style.transform = `translate(${x}px, ${y}px)`;
      last.current.x = x;
      last.current.y = y;
    }
  });

  return <object3D ref={anchor} position={position} />;
}
