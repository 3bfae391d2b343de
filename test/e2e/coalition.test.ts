// Issue 14 in the browser: a 1,000 km drift and a 1 km football both framed by the camera
// (every object's label inside the scene, the canvas not blank), the range plot on a log scale
// for the drift, team score cards, the provenance banners, and a range warning in the HUD and the
// events list. Every test leaves a screenshot in test-results/.

import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { encodeShareFragment } from '../../src/editing/share.ts';
import { screenshot } from './browser.ts';
import { e2eApp } from './harness.ts';
import { decodePng, pixelStats } from './png.ts';

const { openApp, pageErrors } = e2eApp();

const DRIFT = readFileSync('test/fixtures/e2e/drift-1000km.json', 'utf8');

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

describe('a 1,000 km drift with two teams, provenance and a warning range', () => {
  it('is framed, with team cards, banners, log range plot and warnings', async () => {
    const page = await openApp(`?play=0#${encodeShareFragment(DRIFT)}`);
    await expectFramed(page, ['drifter', 'ally']);
    // provenance: the marking at the top and bottom, the sources under the top one
    expect(await page.getByTestId('marking-top').innerText()).toBe('UNCLASSIFIED // TRAINING');
    expect(await page.getByTestId('marking-bottom').innerText()).toBe('UNCLASSIFIED // TRAINING');
    const details = await page.getByTestId('provenance-details').innerText();
    expect(details).toContain('rpo-sim tests, Training wing');
    expect(details).toContain('https://example.org/drift');
    const top = (await page.getByTestId('provenance-top').boundingBox())!;
    const bottom = (await page.getByTestId('provenance-bottom').boundingBox())!;
    expect(top.y).toBeLessThan(5);
    expect(bottom.y + bottom.height).toBeGreaterThan(800 - 5);
    // team score cards: both teams keep every (unstated) constraint: 100 each
    await page.getByTestId('team-scores').waitFor();
    expect(await page.getByTestId('team-overall-US').innerText()).toBe('100');
    expect(await page.getByTestId('team-overall-UK').innerText()).toBe('100');
    expect(await page.getByTestId('team-separations').innerText()).toMatch(/US – UK: closest/);
    expect(await page.getByTestId('legend-team-US').count()).toBe(1);
    // the HUD: units for 1,000 km, longitudes, and the warning a day ahead at a 105.8 km miss
    expect(await page.getByTestId('hud-range-drifter').innerText()).toBe('1.006 Mm');
    expect(await page.getByTestId('hud-lon-drifter').innerText()).toBe('93.64° E');
    const warning = page.getByTestId('hud-warning-drifter-SKYNET 5A');
    expect(await warning.innerText()).toMatch(/closest in 24:00:1\d · miss 105\.8 km/);
    expect(await warning.getAttribute('data-warn')).toBe('true');
    // the events list has the warning-range entry (200 km)
    expect(await page.getByTestId('events-panel').innerText()).toContain(
      'drifter · Within 200.0 km of target SKYNET 5A',
    );
    // range plot: 2 km to 1,000 km is more than two decades: logarithmic, in Mm
    expect(await page.getByTestId('range-scale').getAttribute('data-log')).toBe('true');
    await screenshot(page, 'drift-1000km');
    // Frame pair: the ally 2 km from the target fills the view; all objects come back with Frame all
    await page.getByTestId('camera-craft').selectOption('ally');
    await page.getByTestId('frame-pair').click();
    await page.waitForTimeout(400);
    await screenshot(page, 'drift-1000km-frame-pair');
    await page.getByTestId('frame-all').click();
    await page.waitForTimeout(400);
    // the scale bar at 1,000 km framing reads in km or Mm
    expect(await page.getByTestId('scale-bar').innerText()).toMatch(/^\d+ (km|Mm)$/);
    await expectFramed(page, ['drifter', 'ally']);
    await expectNotBlank(page);
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  });
});

describe('a 1 km football', () => {
  it('is framed and drawn, range plot linear', async () => {
    const page = await openApp('?play=0&scenario=football');
    await expectFramed(page, ['inspector']);
    expect(await page.getByTestId('range-scale').getAttribute('data-log')).toBe('false');
    expect(await page.getByTestId('provenance-top').count()).toBe(0);
    await screenshot(page, 'football-1km');
    await expectNotBlank(page);
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  });
});
