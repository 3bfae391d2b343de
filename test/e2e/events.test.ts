// The sourced event pack (scenarios/events/) in the browser: each scenario is in the examples
// menu's "Events" group, loads from it and from `?scenario=events/NAME`, and shows what a person
// should see: the provenance banner (marking, sources), GEO longitudes in the HUD, team score
// cards, range warnings in the HUD and the events list, every object framed on screen at the
// scale of the pass (a 1,000 km drift, a 1 km football), the scene drawn (not blank), no page
// errors. Each test leaves a screenshot in test-results/.

import { describe, expect, it } from 'vitest';
import { screenshot } from './browser.ts';
import { e2eApp, expectFramed, expectNotBlank } from './harness.ts';

const { openApp, pageErrors } = e2eApp();

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
    // 1,000 km east along the belt: 94.8 + 999.9 km / 42,164 km rad = 96.16 deg E
    expect(await page.getByTestId('hud-lon-USA-GSSAP').innerText()).toBe('96.16° E');
    expect(await page.getByTestId('marking-top').innerText()).toBe('UNCLASSIFIED // TRAINING');
    expect(await page.getByTestId('provenance-details').innerText()).toContain('spacenews.com');
    await expectFramed(page, ['USA-GSSAP']);
    await screenshot(page, 'event-skynet5a-2025');
    await expectNotBlank(page);
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  });
});

describe('the coalition pass', () => {
  it('shows the banner, a score card per team, the warning of the competitor, all framed', async () => {
    const page = await openApp('?play=0&scenario=events/coalition-olympic-defender');
    expect(await page.getByTestId('marking-top').innerText()).toBe('UNCLASSIFIED // TRAINING');
    expect(await page.getByTestId('marking-bottom').innerText()).toBe('UNCLASSIFIED // TRAINING');
    expect(await page.getByTestId('provenance-details').innerText()).toContain('aviationweek.com');
    await page.getByTestId('team-scores').waitFor();
    expect(await page.getByTestId('team-overall-US').innerText()).toMatch(/^\d+(\.\d)?$/);
    expect(await page.getByTestId('team-overall-UK').innerText()).toMatch(/^\d+(\.\d)?$/);
    expect(await page.getByTestId('team-separations').innerText()).toMatch(
      /U[SK] – U[SK]: closest/,
    );
    expect(await page.getByTestId('events-panel').innerText()).toMatch(
      /US-1 · Within 10(\.0+)? km of competitor/,
    );
    await expectFramed(page, ['US-1', 'UK-1', 'competitor']);
    await screenshot(page, 'event-coalition');
    await expectNotBlank(page);
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  });
});

describe("the defender's view of Luch", () => {
  it('shows the slot and longitudes, the warning with its time and miss, all framed', async () => {
    const page = await openApp('?play=0&scenario=events/defender-athena-fidus-2017');
    expect(await page.getByTestId('hud-target').innerText()).toMatch(/^ATHENA-FIDUS · 37\.80° E/);
    // 800 km west of 37.8 deg E along the belt: 37.8 - 800 / 42,164 rad = 36.71 deg E
    expect(await page.getByTestId('hud-lon-patrol').innerText()).toBe('37.88° E');
    const warning = page.getByTestId('hud-warning-patrol-Luch');
    // closest approach at 92,498 s (25:41:38), 85 km miss, inside the 100 km warning range
    expect(await warning.innerText()).toMatch(/closest in 25:41:3\d · miss 85\.0 km/);
    expect(await warning.getAttribute('data-warn')).toBe('true');
    const events = await page.getByTestId('events-panel').innerText();
    expect(events).toContain('patrol · Within 100.0 km of Luch');
    // the defended satellite's own warning: Luch within 100 km of it, 1.57 h before the 85 km pass
    expect(events).toContain('Luch · Within 100.0 km of target ATHENA-FIDUS');
    expect(await page.getByTestId('marking-top').innerText()).toBe('UNCLASSIFIED // TRAINING');
    await expectFramed(page, ['patrol', 'Luch']);
    await screenshot(page, 'event-defender');
    await expectNotBlank(page);
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  });
});

describe('the US-France bilateral RPO', () => {
  it('shows a score card per team and the banner, both inspectors framed', async () => {
    const page = await openApp('?play=0&scenario=events/us-france-2024');
    await page.getByTestId('team-scores').waitFor();
    expect(await page.getByTestId('team-overall-US').innerText()).toMatch(/^\d+(\.\d)?$/);
    expect(await page.getByTestId('team-overall-France').innerText()).toMatch(/^\d+(\.\d)?$/);
    expect(await page.getByTestId('marking-top').innerText()).toBe('UNCLASSIFIED // TRAINING');
    await expectFramed(page, ['US', 'FR']);
    await screenshot(page, 'event-us-france');
    await expectNotBlank(page);
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  });
});
