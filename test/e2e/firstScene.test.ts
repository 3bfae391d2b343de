/**
 * The first scene's loading order (issue 18, item 4): what the first frame of the default
 * scenario does not need waits until it is drawn. The plots' canvases, the score worker, the
 * scene's frames, zones and stars, and the painting of the panels come after the first scene
 * (src/state/firstScene.ts): the page's init script records when each appears, and what the
 * first frame that draws the scenario's trail had.
 */

import { describe, expect, it } from 'vitest';
import { e2eApp } from './harness.ts';

const { browser, baseUrl } = e2eApp();

/** Records (performance.now(), ms) worker starts, the plots and the first scene. */
const RECORDER = `(() => {
  const log = (window.__order = { workers: [], plots: null, mission: null, scene: null, sceneMaterials: null, links: 0, linksBeforeDraw: null, programs: null, sceneGroups: null, headerAtScene: null, hudAtScene: null });
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      log.workers.push(performance.now());
    }
  };
  const trailBuilt = () => {
    let built = false;
    window.__rpoScene?.scene.traverse((o) => {
      const g = o.name.startsWith('trail-') ? o.children[0]?.geometry : undefined;
      if (g && Object.keys(g.attributes).length > 0) built = true;
    });
    return built;
  };
  // the material types of the spacecraft models' meshes
  window.__modelMaterials = () => {
    const types = [];
    window.__rpoScene?.scene.traverse((o) => {
      if (o.isMesh && ['skynet-5a', 'inspector'].includes(o.parent?.name)) types.push(o.material.type);
    });
    return types;
  };
  // the names of the scene's groups
  window.__sceneGroups = () => {
    const names = [];
    window.__rpoScene?.scene.traverse((o) => {
      if (o.name) names.push(o.name);
    });
    return names;
  };
  // the end of the task of the first frame that draws a built trail
  let pending = false;
  for (const C of [WebGLRenderingContext, WebGL2RenderingContext]) {
    const link = C.prototype.linkProgram;
    C.prototype.linkProgram = function (...a) {
      log.links++;
      return link.apply(this, a);
    };
    for (const name of ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced']) {
      const draw = C.prototype[name];
      C.prototype[name] = function (...a) {
        if (log.linksBeforeDraw === null) log.linksBeforeDraw = log.links;
        if (log.scene === null && !pending) {
          pending = true;
          queueMicrotask(() => {
            pending = false;
            if (log.scene === null && trailBuilt()) {
              log.scene = performance.now();
              log.sceneMaterials = window.__modelMaterials();
              log.programs = window.__rpoScene.gl.info.programs.length;
              log.sceneGroups = window.__sceneGroups();
              const header = document.querySelector('.app-header');
              log.headerAtScene = header && getComputedStyle(header).visibility;
              const hud = document.querySelector('[data-testid="hud"]');
              log.hudAtScene = hud && getComputedStyle(hud).visibility;
            }
          });
        }
        return draw.apply(this, a);
      };
    }
  }
  new MutationObserver(() => {
    const now = performance.now();
    const app = document.querySelector('[data-testid="app"]');
    if (log.mission === null && app?.dataset.missionSerial === '1') log.mission = now;
    if (log.plots === null && document.querySelector('[data-testid="plot-range"] canvas')) log.plots = now;
  }).observe(document, { subtree: true, childList: true, attributes: true });
})()`;

interface Order {
  workers: number[];
  plots: number | null;
  mission: number | null;
  scene: number | null;
  /** Material types of the spacecraft models' meshes in the first scene. */
  sceneMaterials: string[] | null;
  /** Programs linked before the page's first draw call. */
  linksBeforeDraw: number | null;
  /** Programs of the renderer at the first scene. */
  programs: number | null;
  /** Names of the scene's objects at the first scene. */
  sceneGroups: string[] | null;
  /** The header's computed visibility at the first scene. */
  headerAtScene: string | null;
  /** The scene's HUD's computed visibility at the first scene. */
  hudAtScene: string | null;
}

/** What waits for the first scene: in the scene, then in the page. */
const LATER = ['keep-out', 'ric-axes', 'range-rings', 'sun-earth', 'burns-GSSAP-1'];

/** Opens the default scenario, paused, with the recorder; waits for the first scene. */
async function openToFirstScene() {
  const context = await browser().newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(RECORDER);
  await page.goto(`${baseUrl}?play=0`);
  await page.waitForFunction('window.__order.scene !== null', undefined, { timeout: 60_000 });
  return { context, page, order: (await page.evaluate('window.__order')) as Order };
}

describe('the first scene', () => {
  it('shows the plots and starts the score worker after the first scene is drawn', async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.addInitScript(RECORDER);
    await page.goto(`${baseUrl}?play=0`);
    await page.waitForSelector('[data-testid="app"][data-score-state="current"]', {
      timeout: 60_000,
    });
    await page.waitForSelector('[data-testid="plot-range"] canvas', { timeout: 60_000 });
    const order = (await page.evaluate('window.__order')) as Order;
    expect(order.mission).not.toBeNull();
    expect(order.scene).not.toBeNull();
    expect(order.plots).toBeGreaterThanOrEqual(order.scene!);
    // the trajectory worker at once, the score worker after the first scene
    expect(order.workers).toHaveLength(2);
    expect(order.workers[0]).toBeLessThan(order.mission!);
    expect(order.workers[1]).toBeGreaterThanOrEqual(order.scene!);
    await context.close();
  });

  it('draws the spacecraft unlit in the first scene, then lit once their programs are compiled', async () => {
    const { context, page, order } = await openToFirstScene();
    // the target (bus and two wings) and the inspector, all present from the first scene
    expect(order.sceneMaterials).toEqual(Array(4).fill('MeshBasicMaterial'));
    // the first scene's programs handed to the GPU together before its first draw (all but the
    // ones of objects made during the frame), not one at a time as each is first drawn
    expect(order.programs).toBeGreaterThanOrEqual(3);
    expect(order.linksBeforeDraw).toBeGreaterThanOrEqual(order.programs! - 1);
    await page.waitForFunction(
      'window.__modelMaterials().every((t) => t === "MeshStandardMaterial")',
      undefined,
      { timeout: 60_000 },
    );
    expect(await page.evaluate('window.__modelMaterials()')).toEqual(
      Array(4).fill('MeshStandardMaterial'),
    );
    await context.close();
  });

  it('draws the trajectory, target and inspector first, the rest of the scene and the panels after', async () => {
    const { context, page, order } = await openToFirstScene();
    expect(order.sceneGroups).toEqual(
      expect.arrayContaining(['trail-GSSAP-1', 'target', 'inspector-GSSAP-1']),
    );
    for (const name of LATER) expect(order.sceneGroups).not.toContain(name);
    expect(order.headerAtScene).toBe('hidden');
    expect(order.hudAtScene).toBe('hidden');
    // all of it a few frames later, without anything else happening
    await page.waitForFunction(
      `(() => { const g = window.__sceneGroups(); return ${JSON.stringify(LATER)}.every((n) => g.includes(n)); })()`,
      undefined,
      { timeout: 60_000 },
    );
    await page.waitForFunction(
      `getComputedStyle(document.querySelector('.app-header')).visibility === 'visible'`,
      undefined,
      { timeout: 60_000 },
    );
    for (const testId of ['transport', 'plots', 'hud']) {
      expect(await page.getByTestId(testId).isVisible()).toBe(true);
    }
    await context.close();
  });
});
