/**
 * The simulator in a real browser (Debian Chromium, WebGL through SwiftShader), checked by what a
 * person sees: the 3D view draws, the clock runs, examples and files load (or say why not), the
 * timeline jumps. Every test leaves a screenshot in test-results/.
 */

import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './browser.ts';
import { e2eApp } from './harness.ts';
import { decodePng, pixelStats } from './png.ts';

const { openApp, pageErrors } = e2eApp();

/** Seconds in a `T+hh:mm:ss` text. */
function metSeconds(text: string): number {
  const m = /T\+(\d+):(\d{2}):(\d{2})/.exec(text);
  if (!m) throw new Error(`not a mission time: ${text}`);
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** Waits until the `serial`-th scenario is shown with its score (the score arrives second). */
async function waitForMission(page: Page, serial: number): Promise<void> {
  await page.waitForSelector(
    `[data-testid="app"][data-mission-serial="${serial}"][data-score-state="current"]`,
    { timeout: 30_000 },
  );
}

const text = (page: Page, testId: string) => page.getByTestId(testId).first().innerText();

describe('the simulator page', () => {
  it('draws the mission in WebGL: not blank, the trajectory in its colour', async () => {
    const page = await openApp('?play=0');
    // 60 % through the run (a click on the timeline), so that both the flown and the planned
    // trajectory show.
    const track = await page.getByTestId('timeline-track').boundingBox();
    await page.mouse.click(track!.x + 0.6 * track!.width, track!.y + 30);
    await page.waitForTimeout(600);
    await screenshot(page, 'scene-default');
    // Hide the HTML overlays so only WebGL pixels are measured.
    await page.addStyleTag({
      content: '.hud,.label-layer,.camera-bar,.legend,.scale-bar{visibility:hidden!important}',
    });
    await page.waitForTimeout(200);
    const png = await page.getByTestId('scene').screenshot();
    const img = decodePng(png);
    // Background #04070c; the default inspector's colour is #ffb000.
    const stats = pixelStats(img, [4, 7, 12], [255, 176, 0], 60);
    expect(img.width).toBeGreaterThan(400);
    expect(stats.nonBackground).toBeGreaterThan(0.004);
    expect(stats.lumaVariance).toBeGreaterThan(20);
    // The trail is a few hundred pixels long and 2 px wide.
    expect(stats.probeCount).toBeGreaterThan(300);
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  });

  it('opens playing the default SKYNET-5A inspection', async () => {
    const page = await openApp('');
    expect(await text(page, 'scenario-title')).toContain('SKYNET-5A');
    const t0 = metSeconds(await text(page, 'hud-met'));
    await page.waitForTimeout(1500);
    const t1 = metSeconds(await text(page, 'hud-met'));
    expect(t1).toBeGreaterThan(t0);
    await screenshot(page, 'autoplay');
    await page.close();
  });

  it('Space starts the clock and the HUD time advances; Space again stops it', async () => {
    const page = await openApp('?play=0');
    expect(await text(page, 'hud-met')).toBe('T+00:00:00');
    await page.waitForTimeout(500);
    expect(await text(page, 'hud-met')).toBe('T+00:00:00');
    await page.keyboard.press('Space');
    await expect
      .poll(async () => metSeconds(await text(page, 'hud-met')), { timeout: 10_000 })
      .toBeGreaterThan(60);
    expect(await page.getByTestId('play-button').getAttribute('data-playing')).toBe('true');
    await screenshot(page, 'playing');
    await page.keyboard.press('Space');
    await page.waitForTimeout(300);
    const paused = await text(page, 'hud-met');
    await page.waitForTimeout(700);
    expect(await text(page, 'hud-met')).toBe(paused);
    expect(await page.getByTestId('play-button').getAttribute('data-playing')).toBe('false');
    await page.close();
  });

  it('lists every scenario file as an example; choosing another changes the score card', async () => {
    const names = (dir: string, prefix: string) =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
        .map((f) => `${prefix}${f.slice(0, -5)}`);
    const files = [...names('scenarios', ''), ...names('scenarios/events', 'events/')].sort();
    const page = await openApp('?play=0');
    const options = await page
      .getByTestId('examples-select')
      .locator('option')
      .evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value).filter(Boolean));
    expect([...options].sort()).toEqual(files);
    const other = options.find((o) => o !== 'skynet5a-inspection');
    expect(other, 'needs a second scenario in scenarios/').toBeDefined();

    const before = await text(page, 'score-card');
    const titleBefore = await text(page, 'scenario-title');
    await page.getByTestId('examples-select').selectOption(other!);
    await waitForMission(page, 2);
    expect(await text(page, 'scenario-title')).not.toBe(titleBefore);
    expect(await text(page, 'score-card')).not.toBe(before);
    expect(new URL(page.url()).searchParams.get('scenario')).toBe(other);
    await screenshot(page, `example-${other}`);
    await page.close();
  });

  it('opens ?scenario=NAME, and says so when NAME is unknown', async () => {
    const page = await openApp('?play=0&scenario=football');
    const title = JSON.parse(readFileSync('scenarios/football.json', 'utf8')) as { name: string };
    expect(await text(page, 'scenario-title')).toBe(title.name);
    await screenshot(page, 'url-scenario-football');
    await page.close();

    const bad = await openApp('?play=0&scenario=no-such-example');
    expect(await text(bad, 'scenario-title')).toContain('SKYNET-5A');
    expect(await text(bad, 'load-errors')).toContain('no example named "no-such-example"');
    await screenshot(bad, 'unknown-example');
    await bad.close();
  });

  it('dropping an invalid file lists its problems with JSON paths and keeps the scenario', async () => {
    const page = await openApp('?play=0');
    const title = await text(page, 'scenario-title');
    const score = await text(page, 'score-card');
    const scenario = JSON.parse(readFileSync('scenarios/skynet5a-inspection.json', 'utf8')) as {
      durationS: unknown;
      spacecraft: { initial: { positionM: unknown[] } }[];
    };
    scenario.durationS = -5;
    scenario.spacecraft[0]!.initial.positionM[1] = 'far';
    await page.evaluate((json) => {
      const dt = new DataTransfer();
      dt.items.add(new File([json], 'broken.json', { type: 'application/json' }));
      const target = document.querySelector('[data-testid="scene"]')!;
      target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true }));
    }, JSON.stringify(scenario));
    const errors = page.getByTestId('load-errors');
    await errors.waitFor();
    const shown = await errors.innerText();
    expect(shown).toContain('broken.json');
    expect(shown).toContain('durationS');
    expect(shown).toContain('spacecraft[0].initial.positionM[1]');
    expect(await text(page, 'scenario-title')).toBe(title);
    expect(await text(page, 'score-card')).toBe(score);
    expect(await page.getByTestId('app').getAttribute('data-mission-serial')).toBe('1');
    await screenshot(page, 'drop-invalid');
    await page.getByTestId('dismiss-errors').click();
    await expect.poll(() => page.getByTestId('load-errors').count()).toBe(0);
    await page.close();
  });

  it('opens a valid file from disk', async () => {
    const page = await openApp('?play=0');
    const scenario = JSON.parse(readFileSync('scenarios/skynet5a-inspection.json', 'utf8')) as {
      name: string;
    };
    scenario.name = 'Renamed copy';
    await page.getByTestId('file-input').setInputFiles({
      name: 'copy.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(scenario)),
    });
    await waitForMission(page, 2);
    expect(await text(page, 'scenario-title')).toBe('Renamed copy');
    await screenshot(page, 'open-file');
    await page.close();
  });

  it('a click on a timeline marker moves the clock there', async () => {
    const page = await openApp('?play=0');
    const marker = page.locator('[data-testid="timeline-marker"][data-kind="closest-approach"]');
    const tS = Number(await marker.first().getAttribute('data-t-s'));
    expect(tS).toBeGreaterThan(0);
    await marker.first().click();
    await expect.poll(async () => metSeconds(await text(page, 'hud-met'))).toBe(Math.floor(tS));
    expect(Number(await page.getByTestId('timeline-head').getAttribute('data-t-s'))).toBeCloseTo(
      tS,
      6,
    );
    // The HUD range at the closest approach is the score card's minimum range.
    const minRange = await text(page, 'score-min-range-GSSAP-1');
    expect(await text(page, 'hud-range-GSSAP-1')).toBe(minRange);
    await screenshot(page, 'marker-closest-approach');

    const burn = page.locator('[data-testid="timeline-marker"][data-kind="burn"]').nth(1);
    const burnS = Number(await burn.getAttribute('data-t-s'));
    await burn.click();
    await expect.poll(async () => metSeconds(await text(page, 'hud-met'))).toBe(Math.floor(burnS));
    await page.close();
  });

  it('steps between events with ] and [, and a score card row jumps the clock', async () => {
    const page = await openApp('?play=0');
    const times = await page
      .getByTestId('event-row')
      .evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.tS)));
    const first = times.find((t) => t > 0)!;
    await page.keyboard.press(']');
    await expect.poll(async () => metSeconds(await text(page, 'hud-met'))).toBe(Math.floor(first));
    await page.keyboard.press('End');
    await page.keyboard.press('[');
    const last = Math.max(...times.filter((t) => t < 172_800));
    await expect.poll(async () => metSeconds(await text(page, 'hud-met'))).toBe(Math.floor(last));
    await page.getByTestId('score-row-GSSAP-1').click();
    const ca = await page
      .locator('[data-testid="timeline-marker"][data-kind="closest-approach"]')
      .first()
      .getAttribute('data-t-s');
    await expect
      .poll(async () => metSeconds(await text(page, 'hud-met')))
      .toBe(Math.floor(Number(ca)));
    await screenshot(page, 'event-stepping');
    await page.close();
  });

  it('switches camera modes without errors', async () => {
    const page = await openApp('?play=0');
    for (const mode of ['follow', 'inspector', 'orbit']) {
      await page.getByTestId(`camera-${mode}`).click();
      await page.waitForTimeout(300);
      await screenshot(page, `camera-${mode}`);
      expect(await page.getByTestId(`camera-${mode}`).getAttribute('aria-pressed')).toBe('true');
    }
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  });
});

describe('README screenshot', () => {
  it('the default inspection at its closest approach, 1280x800 (the source of assets/screenshot.png)', async () => {
    const page = await openApp('?play=0');
    await page
      .locator('[data-testid="timeline-marker"][data-kind="closest-approach"]')
      .first()
      .click();
    await page.waitForTimeout(800);
    await screenshot(page, 'readme-screenshot');
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  });
});
