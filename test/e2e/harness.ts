/**
 * What every browser test file shares: one headless Chromium for the file (launched before its
 * tests, closed after), the app's URL, each page's uncaught errors, and opening the app ready to
 * use (first scenario shown and scored, plots drawn). Call `e2eApp()` once at the top of a file.
 */

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { launchBrowser } from './browser.ts';
import { decodePng, pixelStats } from './png.ts';

/** Waits for the app's first scenario, its score and the plots (after a load or reload). */
export async function waitReady(page: Page): Promise<void> {
  await page.waitForSelector(
    '[data-testid="app"][data-mission-serial="1"][data-score-state="current"]',
    { timeout: 30_000 },
  );
  await page.waitForSelector('[data-testid="plot-range"] canvas', { timeout: 30_000 });
}

/** Waits until the text runs and its score has arrived (after an edit). */
export async function settled(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="doc-status"][data-status="ok"]', { timeout: 30_000 });
  await page.waitForSelector('[data-testid="app"][data-score-state="current"]', {
    timeout: 30_000,
  });
}

/** Kilometres in a HUD distance ("5.00 km", "845 m"). */
export function km(s: string): number {
  const m = /(-?[\d.]+)\s*(km|m)\b/.exec(s);
  if (!m) throw new Error(`not a distance: ${s}`);
  return m[2] === 'km' ? Number(m[1]) : Number(m[1]) / 1000;
}

/**
 * Where the scene object named `name` is on screen, CSS px (projected with the scene's camera);
 * null while there is no such object.
 */
export function objectOnScreen(page: Page, name: string) {
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
    const obj = s.scene.getObjectByName(objectName);
    if (!obj) return null;
    // A three Vector3 (the page has no `three` import of its own to make one).
    const p = obj.getWorldPosition(obj.position.clone()).project(s.camera);
    const r = s.gl.domElement.getBoundingClientRect();
    return { x: r.left + ((p.x + 1) / 2) * r.width, y: r.top + ((1 - p.y) / 2) * r.height };
  }, name);
}

/** Every spacecraft's label is shown and inside the scene. */
export async function expectFramed(page: Page, ids: readonly string[]): Promise<void> {
  const scene = (await page.getByTestId('scene').boundingBox())!;
  for (const id of ids) {
    const label = page.getByTestId(`label-craft-${id}`);
    await label.waitFor({ state: 'visible' });
    const b = (await label.boundingBox())!;
    // the label sits 10 px right of and 22 px above its object
    const x = b.x - 10;
    const y = b.y + 22;
    expect(x, `${id} inside the scene horizontally`).toBeGreaterThan(scene.x);
    expect(x).toBeLessThan(scene.x + scene.width);
    expect(y, `${id} inside the scene vertically`).toBeGreaterThan(scene.y);
    expect(y).toBeLessThan(scene.y + scene.height);
  }
}

/** The scene's WebGL pixels (HTML overlays hidden) are not blank. */
export async function expectNotBlank(page: Page): Promise<void> {
  await page.addStyleTag({
    content: '.hud,.label-layer,.camera-bar,.legend,.scale-bar{visibility:hidden!important}',
  });
  await page.waitForTimeout(300);
  const img = decodePng(await page.getByTestId('scene').screenshot());
  const stats = pixelStats(img, [4, 7, 12], [255, 255, 255], 40);
  expect(stats.nonBackground).toBeGreaterThan(0.002);
  expect(stats.lumaVariance).toBeGreaterThan(5);
}

/** Drops a text file named `name` on the scene, as a user's drag and drop does. */
export async function dropFile(page: Page, name: string, content: string): Promise<void> {
  await page.evaluate(
    ([n, c]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([c!], n!, { type: 'text/plain' }));
      const target = document.querySelector('[data-testid="scene"]')!;
      target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true }));
    },
    [name, content],
  );
}

/** Options of `openApp`. */
export interface OpenAppOptions {
  /** Open in this context (default: a fresh one, so no storage is shared). */
  context?: BrowserContext;
  /** Viewport, CSS px (default 1280 x 800). */
  size?: { width: number; height: number };
}

/** The browser, the app's URL and page helpers of one test file. */
export function e2eApp() {
  const baseUrl = inject('baseUrl');
  let browser: Browser | null = null;
  /** Uncaught errors of each page. */
  const pageErrors = new WeakMap<Page, string[]>();

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const theBrowser = (): Browser => {
    if (!browser) throw new Error('the browser is not launched yet (call from a test)');
    return browser;
  };

  /** Opens the app (a query, or a whole URL) and waits for the first scenario, its score, the plots. */
  async function openApp(query = '?play=0', options: OpenAppOptions = {}): Promise<Page> {
    const context =
      options.context ??
      (await theBrowser().newContext({ viewport: options.size ?? { width: 1280, height: 800 } }));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    pageErrors.set(page, errors);
    await page.goto(query.startsWith('http') ? query : `${baseUrl}${query}`);
    await waitReady(page);
    return page;
  }

  return { baseUrl, browser: theBrowser, pageErrors, openApp };
}
