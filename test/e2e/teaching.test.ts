/**
 * The teaching features in a real browser (Debian Chromium, WebGL through SwiftShader): the ghost
 * of the truth (the plan in the other model, its difference live in the HUD and plotted), the page
 * embedded in a slide (`?embed=1`). Every test leaves a screenshot in test-results/.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ghostDifferenceAt } from '../../src/sim/ghost.ts';
import { differenceText } from '../../src/view/model/ghost.ts';
import { computeResponse } from '../../src/worker/compute.ts';
import { screenshot } from './browser.ts';
import { e2eApp } from './harness.ts';

const { browser, pageErrors, openApp } = e2eApp();

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
