// The sourced event pack (scenarios/events/) in the browser: each scenario is in the examples
// menu's "Events" group, loads from it and from `?scenario=events/NAME`, and shows what a person
// should see: the GEO longitude of the target in the HUD, every object framed on screen at the
// scale of the pass (a 1,000 km drift), the scene drawn (not blank), no page errors. Each test
// leaves a screenshot in test-results/.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './browser.ts';
import { e2eApp } from './harness.ts';
import { decodePng, pixelStats } from './png.ts';

const { openApp, pageErrors } = e2eApp();

/** Every spacecraft's label is shown and inside the scene. */
async function expectFramed(page: Page, ids: readonly string[]): Promise<void> {
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
async function expectNotBlank(page: Page): Promise<void> {
  await page.addStyleTag({
    content: '.hud,.label-layer,.camera-bar,.legend,.scale-bar{visibility:hidden!important}',
  });
  await page.waitForTimeout(300);
  const img = decodePng(await page.getByTestId('scene').screenshot());
  const stats = pixelStats(img, [4, 7, 12], [255, 255, 255], 40);
  expect(stats.nonBackground).toBeGreaterThan(0.002);
  expect(stats.lumaVariance).toBeGreaterThan(5);
}

describe('the event pack in the examples menu', () => {
  it('lists the events in their own group, and one loads from it', async () => {
    const page = await openApp('?play=0');
    const group = page.getByTestId('examples-events');
    expect(await group.getAttribute('label')).toBe('Events');
    const names = await group
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(names).toContain('events/skynet5a-2025');
    await page.getByTestId('examples-select').selectOption('events/skynet5a-2025');
    await page.waitForSelector(
      '[data-testid="app"][data-mission-serial="2"][data-score-state="current"]',
      { timeout: 60_000 },
    );
    expect(page.url()).toContain('scenario=events%2Fskynet5a-2025');
    expect(await page.getByTestId('hud-target').innerText()).toMatch(/^SKYNET 5A · 94\.80° E/);
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  });
});

describe('SKYNET 5A, September 2025', () => {
  it('frames the 1,000 km drift, shows the slot, draws the scene', async () => {
    const page = await openApp('?play=0&scenario=events/skynet5a-2025');
    expect(await page.getByTestId('hud-target').innerText()).toMatch(/^SKYNET 5A · 94\.80° E/);
    await expectFramed(page, ['USA-GSSAP']);
    await screenshot(page, 'event-skynet5a-2025');
    await expectNotBlank(page);
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  });
});
