/**
 * The teaching features in a real browser (Debian Chromium, WebGL through SwiftShader): "push
 * radially by 0.1 m/s and show it" in two actions from a fresh page, framed by the camera; the
 * ghost of the truth (the plan in the other model, its difference live in the HUD and plotted);
 * figures for slides (a plot as PNG and SVG, the scene as PNG, at a chosen size); the page
 * embedded in a slide (`?embed=1`). Every test leaves a screenshot in test-results/.
 */

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../src/editing/document.ts';
import { ghostDifferenceAt } from '../../src/sim/ghostDifference.ts';
import { runScenario } from '../../src/sim/run.ts';
import { ricToWorld } from '../../src/view/model/axes.ts';
import { differenceText } from '../../src/view/model/ghost.ts';
import { computeResponse } from '../../src/worker/compute.ts';
import { screenshot } from './browser.ts';
import type { Page } from 'playwright-core';
import { e2eApp, objectOnScreen } from './harness.ts';
import { decodePng, pixelStats } from './png.ts';

const { browser, pageErrors, openApp } = e2eApp();

/** The autosaved plan's text. */
async function draftText(page: Page): Promise<string> {
  const raw = await page.evaluate(() => localStorage.getItem('rpo-sim:draft:v1'));
  return raw ? (JSON.parse(raw) as { text: string }).text : '';
}

/**
 * Where world points (km) fall on the scene's canvas: normalized device coordinates (-1..1 across
 * the canvas) through the camera the scene renders with.
 */
function projectInPage(page: Page, points: number[]): Promise<number[]> {
  return page.evaluate((pts) => {
    type M = { elements: number[] };
    const cam = (
      window as unknown as {
        __rpoScene: { camera: { matrixWorldInverse: M; projectionMatrix: M } };
      }
    ).__rpoScene.camera;
    const mul = (m: number[], v: number[]) =>
      [0, 1, 2, 3].map(
        (r) => m[r]! * v[0]! + m[4 + r]! * v[1]! + m[8 + r]! * v[2]! + m[12 + r]! * v[3]!,
      );
    const out: number[] = [];
    for (let k = 0; k < pts.length; k += 3) {
      const c = mul(
        cam.projectionMatrix.elements,
        mul(cam.matrixWorldInverse.elements, [pts[k]!, pts[k + 1]!, pts[k + 2]!, 1]),
      );
      out.push(c[0]! / c[3]!, c[1]! / c[3]!, c[3]!);
    }
    return out;
  }, points);
}

describe('what if, in one gesture', () => {
  it('"push radially by 0.1 m/s and show it": two actions from a fresh page, framed', async () => {
    const page = await openApp('');
    const serial = Number(await page.getByTestId('app').getAttribute('data-trajectory-serial'));
    // Action 1: a new scenario. Action 2: the push.
    await page.getByTestId('whatif-new').click();
    await page.getByTestId('whatif-push-R+').click();
    await expect.poll(() => draftText(page), { timeout: 30_000 }).toContain('0.1');
    const text = await draftText(page);
    const doc = loadDocument(text);
    if (!doc.ok) throw new Error(JSON.stringify(doc.issues));
    expect(doc.scenario.spacecraft).toHaveLength(1);
    expect(doc.scenario.spacecraft[0]!.initial).toEqual({
      frame: 'RIC',
      positionM: [0, -1000, 0],
      velocityMps: [0.1, 0, 0],
    });
    // Both edits shown, the previous run (at rest) kept beside it.
    await page.waitForSelector(
      `[data-testid="app"][data-trajectory-serial="${serial + 2}"][data-trajectory-stage="exact"]`,
      { timeout: 30_000 },
    );
    await page.getByTestId('ghost-previous').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('scenario-title').innerText()).toBe('New scenario');
    await page.waitForTimeout(500);
    // The camera frames the result: every point of the trajectory (the 2:1 ellipse, 4 dv / n =
    // 5.5 km long) is on the canvas and it spans a good part of it.
    const run = runScenario(doc.scenario, { recordEphemeris: true });
    const e = run.spacecraft[0]!.ephemeris!;
    const pts: number[] = [];
    for (let k = 0; k < e.count; k += 50) {
      const w = [0, 0, 0];
      ricToWorld(w, e.stateRic[6 * k]!, e.stateRic[6 * k + 1]!, e.stateRic[6 * k + 2]!);
      pts.push(...w);
    }
    const ndc = await projectInPage(page, pts);
    let minX = Infinity;
    let maxX = -Infinity;
    for (let k = 0; k < ndc.length; k += 3) {
      expect(ndc[k + 2]).toBeGreaterThan(0); // in front of the camera
      expect(Math.abs(ndc[k]!)).toBeLessThan(0.95);
      expect(Math.abs(ndc[k + 1]!)).toBeLessThan(0.95);
      minX = Math.min(minX, ndc[k]!);
      maxX = Math.max(maxX, ndc[k]!);
    }
    expect(maxX - minX).toBeGreaterThan(0.5); // at least a quarter of the canvas wide
    await screenshot(page, 'whatif-radial-push');
    // Undo twice: the default plan is back.
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect
      .poll(() => page.getByTestId('scenario-title').innerText(), { timeout: 30_000 })
      .toContain('SKYNET');
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  });

  it('sliders move the initial state; the editor adds a spacecraft and shows initial states', async () => {
    const page = await openApp('?play=0&scenario=radial-drift');
    await page.getByTestId('whatif-sliders-toggle').click();
    const slider = page.getByTestId('whatif-velocityMps-R');
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    // One step is 1/1000 of the range (0.5 m/s each side): two steps, +0.002 m/s.
    await expect
      .poll(() => page.getByTestId('whatif-velocityMps-R-value').innerText(), { timeout: 30_000 })
      .toBe('0.002 m/s');
    await page.getByTestId('ghost-previous').waitFor({ timeout: 10_000 });
    await page.getByTestId('edit-plan').click();
    await page.getByTestId('initial-state-0').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('field-spacecraft.0.initial.velocityMps.0').inputValue()).toBe(
      '0.002',
    );
    await page.getByTestId('add-spacecraft').click();
    await page.getByTestId('craft-plan-2').waitFor({ timeout: 30_000 });
    await page.waitForSelector('[data-testid="doc-status"][data-status="ok"]', { timeout: 30_000 });
    expect(await page.getByTestId('hud-craft-craft-3').count()).toBe(1);
    await screenshot(page, 'whatif-sliders');
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  });
  it("dragging a spacecraft's initial position in the 3D view moves it, previous run kept", async () => {
    const page = await openApp('?play=0&scenario=radial-drift');
    await page.getByTestId('edit-plan').click();
    await page.getByTestId('initial-state-0').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    const where = async () => (await objectOnScreen(page, 'transfer-handle-1:initial'))!;
    const before = await where();
    await page.mouse.move(before.x, before.y);
    await page.waitForTimeout(100);
    await page.mouse.down();
    await page.mouse.move(before.x - 60, before.y, { steps: 8 });
    await page.mouse.up();
    await page.waitForSelector('[data-testid="doc-status"][data-status="ok"]', { timeout: 30_000 });
    const doc = loadDocument(await draftText(page));
    if (!doc.ok) throw new Error(JSON.stringify(doc.issues));
    const p = (doc.scenario.spacecraft[1]!.initial as { positionM: number[] }).positionM;
    // Left on screen: behind (-I); C untouched. The form shows the same number.
    expect(p[1]).toBeLessThan(-100);
    expect(p[2]).toBe(0);
    expect(await page.getByTestId('field-spacecraft.1.initial.positionM.1').inputValue()).toBe(
      String(p[1]),
    );
    await page.getByTestId('ghost-previous').waitFor({ timeout: 10_000 });
    await screenshot(page, 'whatif-drag-initial');
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  });
});

/** Clicks `testId` and returns the file the browser downloads: its name and bytes. */
async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByTestId(testId).click(),
  ]);
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: readFileSync(path) };
}

describe('figures for slides', () => {
  it('a plot as PNG and SVG at a chosen size, with its axis labels; the scene as PNG', async () => {
    mkdirSync('test-results', { recursive: true });
    const page = await openApp('?play=0&scenario=radial-drift');
    await page.getByTestId('plot-range-figure').click();
    await page.getByTestId('plot-range-figure-width').fill('1200');
    await page.getByTestId('plot-range-figure-height').fill('700');
    const svg = await download(page, 'plot-range-figure-svg');
    expect(svg.name).toMatch(/-range-1200x700\.svg$/);
    const svgText = svg.bytes.toString('utf8');
    expect(svgText).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="1200" height="700"/,
    );
    expect(svgText).toContain('>hours since epoch</text>');
    expect(svgText).toContain('>range (km)</text>');
    expect(svgText).toContain('>Range to target</text>');

    const png = await download(page, 'plot-range-figure-png');
    expect(png.name).toMatch(/-range-1200x700\.png$/);
    writeFileSync('test-results/figure-range.png', png.bytes);
    const img = decodePng(png.bytes);
    expect([img.width, img.height]).toEqual([1200, 700]);
    // White background (light theme), with text, grid and the two lines on it.
    const plotStats = pixelStats(img, [255, 255, 255], [76, 194, 255], 60);
    expect(plotStats.nonBackground).toBeGreaterThan(0.01);
    expect(plotStats.lumaVariance).toBeGreaterThan(100);

    await page.getByTestId('scene-figure').click();
    await page.getByTestId('scene-figure-width').fill('960');
    await page.getByTestId('scene-figure-height').fill('540');
    expect(await page.getByTestId('scene-figure-svg').count()).toBe(0);
    const scene = await download(page, 'scene-figure-png');
    expect(scene.name).toMatch(/-scene-960x540\.png$/);
    writeFileSync('test-results/figure-scene.png', scene.bytes);
    const sceneImg = decodePng(scene.bytes);
    expect([sceneImg.width, sceneImg.height]).toEqual([960, 540]);
    // The scene's background #04070c, with the target, axes, stars and trails drawn on it.
    const sceneStats = pixelStats(sceneImg, [4, 7, 12], [255, 95, 162], 40);
    expect(sceneStats.nonBackground).toBeGreaterThan(0.004);
    expect(sceneStats.lumaVariance).toBeGreaterThan(20);
    // The view on screen is back at its own size.
    const canvas = await page.getByTestId('scene').locator('canvas').boundingBox();
    const shown = await page.evaluate(() => {
      const c = document.querySelector('[data-testid="scene"] canvas') as HTMLCanvasElement;
      return [c.width, c.height, window.devicePixelRatio];
    });
    expect(Math.abs(shown[0]! - canvas!.width * shown[2]!)).toBeLessThan(2);
    await screenshot(page, 'figures');
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  });
});

describe('embedded in a slide (?embed=1)', () => {
  it("hides the planner's panels and keeps the scene, plots and transport", async () => {
    const context = await browser().newContext({ viewport: { width: 1024, height: 600 } });
    // The full app, with the editor left open: the embedded page must not open it.
    const full = await openApp('?play=0', { context });
    await full.getByTestId('edit-plan').click();
    await full.waitForSelector('[data-testid="editor"]', { timeout: 30_000 });
    await full.close();

    const page = await openApp('?play=0&embed=1&scenario=football', { context });
    expect(await page.getByTestId('scenario-title').innerText()).not.toBe('No scenario');
    for (const id of [
      'editor',
      'edit-plan',
      'examples-select',
      'montecarlo-button',
      'score-card',
      'download',
    ]) {
      expect(await page.getByTestId(id).count(), id).toBe(0);
    }
    expect(await page.getByTestId('scene').isVisible()).toBe(true);
    expect(await page.getByTestId('plot-range').isVisible()).toBe(true);
    expect(await page.getByTestId('play-button').isVisible()).toBe(true);
    // E (the editor's key) does nothing here.
    await page.keyboard.press('e');
    await page.waitForTimeout(300);
    expect(await page.getByTestId('editor').count()).toBe(0);
    // The link out opens the same scenario in the full app.
    const href = await page.getByTestId('embed-open-full').getAttribute('href');
    expect(href).toContain('scenario=football');
    expect(href).not.toContain('embed');
    await screenshot(page, 'embed');
    expect(pageErrors.get(page)).toEqual([]);
    await context.close();
  });
});

describe('the ghost of the truth', () => {
  it('flies the plan in the other model: a trail, a live difference in m, a plot', async () => {
    // radial-drift.json flies CW: the ghost is the nonlinear model. The HUD's number at the end is
    // the worker's, computed here in node.
    const scenarioText = readFileSync('scenarios/radial-drift.json', 'utf8');
    const res = computeResponse({ id: 1, kind: 'ghost', text: scenarioText });
    if (!res.ok || res.kind !== 'ghost') throw new Error('no ghost');
    const durationS = (JSON.parse(scenarioText) as { durationS: number }).durationS;
    const expected = differenceText(
      ghostDifferenceAt(res.differences[0]!, durationS, new Float64Array(3)),
    );
    expect(expected).toMatch(/^\|Δr\| 17\.\d\d m · R −16\.\d\d m · I −5\.\d\d m · C 0 mm$/);

    const page = await openApp('?play=0&scenario=radial-drift');
    const ghostTrails = () =>
      page.evaluate(
        () =>
          (
            (
              window as { __rpoScene?: { scene: { getObjectByName(n: string): unknown } } }
            ).__rpoScene?.scene.getObjectByName('ghosts') as { children: unknown[] } | undefined
          )?.children.length ?? 0,
      );
    expect(await ghostTrails()).toBe(0);
    await page.getByTestId('ghost-truth-toggle').check();
    await page.waitForSelector('[data-testid="ghost-truth"][data-status="shown"]', {
      timeout: 30_000,
    });
    expect(await page.getByTestId('ghost-truth').innerText()).toContain('nonlinear');
    await page.keyboard.press('End');
    await expect
      .poll(() => page.getByTestId('ghost-difference').innerText(), { timeout: 10_000 })
      .toBe(expected);
    await page.waitForSelector('[data-testid="plot-ghost"] canvas', { timeout: 30_000 });
    // One ghost trail per spacecraft.
    expect(await ghostTrails()).toBe(res.trajectory.crafts.length);
    await screenshot(page, 'ghost-of-the-truth');
    // Off: the trail and the plot go.
    await page.getByTestId('ghost-truth-toggle').uncheck();
    await page.waitForSelector('[data-testid="plot-ghost"]', { state: 'detached' });
    expect(await ghostTrails()).toBe(0);
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  });
});
