/**
 * Where a named object of the 3D scene is on the page: its world position projected with the
 * scene's camera (`window.__rpoScene`), in CSS px of the page.
 */

import type { Page } from 'playwright-core';

/** The page position (CSS px) of the scene object named `name`. */
export function objectOnScreen(page: Page, name: string): Promise<{ x: number; y: number }> {
  return page.evaluate((objectName) => {
    type V = { x: number; y: number; z: number; clone(): V; project(c: unknown): V };
    const s = (
      window as {
        __rpoScene?: {
          scene: {
            getObjectByName(n: string): { position: V; getWorldPosition(v: V): V } | undefined;
          };
          camera: unknown;
          gl: { domElement: HTMLCanvasElement };
        };
      }
    ).__rpoScene!;
    const obj = s.scene.getObjectByName(objectName)!;
    // A three Vector3 (the page has no `three` import of its own to make one).
    const p = obj.getWorldPosition(obj.position.clone()).project(s.camera);
    const r = s.gl.domElement.getBoundingClientRect();
    return { x: r.left + ((p.x + 1) / 2) * r.width, y: r.top + ((1 - p.y) / 2) * r.height };
  }, name);
}
