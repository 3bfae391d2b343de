/**
 * The teaching features in a real browser (Debian Chromium, WebGL through SwiftShader): the page
 * embedded in a slide (`?embed=1`). Every test leaves a screenshot in test-results/.
 */

import { describe, expect, it } from 'vitest';
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
