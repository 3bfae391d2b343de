// Issue 14 in the browser: a 1,000 km drift and a 1 km football both framed by the camera
// (every object's label inside the scene, the canvas not blank), the range plot on a log scale
// for the drift, team score cards, the provenance banners, and a range warning in the HUD and the
// events list. Every test leaves a screenshot in test-results/.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeShareFragment } from '../../src/editing/share.ts';
import { screenshot } from './browser.ts';
import { e2eApp, expectFramed, expectNotBlank } from './harness.ts';

const { openApp, pageErrors } = e2eApp();

const DRIFT = readFileSync('test/fixtures/e2e/drift-1000km.json', 'utf8');

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
