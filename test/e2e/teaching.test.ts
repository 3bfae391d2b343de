/**
 * The teaching features in a real browser (Debian Chromium, WebGL through SwiftShader): "push
 * radially by 0.1 m/s and show it" in two actions from a fresh page, framed by the camera; the
 * ghost of the truth (the plan in the other model, its difference live in the HUD and plotted);
 * the page embedded in a slide (`?embed=1`). Every test leaves a screenshot in test-results/.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../src/editing/document.ts';
import { ghostDifferenceAt } from '../../src/sim/ghost.ts';
import { runScenario } from '../../src/sim/run.ts';
import { ricToWorld } from '../../src/view/model/axes.ts';
import { differenceText } from '../../src/view/model/ghost.ts';
import { computeResponse } from '../../src/worker/compute.ts';
import { screenshot } from './browser.ts';
import type { Page } from 'playwright-core';
import { e2eApp } from './harness.ts';

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
