/**
 * Element sets in the browser: a GEO TLE dropped on the page sets the target (name, slot, drift
 * in the HUD; the run and score follow); a malformed one lists its line and field and the plan
 * stays. The TLE is the synthetic GEO element set of test/fixtures/sgp4/python-sgp4.json.
 */

import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './browser.ts';
import { dropFile as drop, e2eApp } from './harness.ts';

const { openApp } = e2eApp();

const py = JSON.parse(readFileSync('test/fixtures/sgp4/python-sgp4.json', 'utf8')) as {
  tle: [string, string];
};

const text = (page: Page, testId: string) => page.getByTestId(testId).first().innerText();

describe('element sets dropped on the page', () => {
  it('a GEO TLE sets the target: its name and longitude appear, the score follows', async () => {
    const page = await openApp('?play=0');
    await drop(page, 'geo.tle', `SYNTHETIC GEO 6E\n${py.tle.join('\n')}\n`);
    await page.waitForSelector(
      '[data-testid="app"][data-mission-serial="2"][data-score-state="current"]',
      { timeout: 60_000 },
    );
    // the default plan's epoch (2025-09-04T18:00Z) is 288.75 days before the element set's:
    // python3-sgp4 (GMST 1982 on its TEME state, test/fixtures/sgp4/make_fixtures.py's geo_tle)
    // puts the object at 59.156 deg E then
    await expect
      .poll(() => text(page, 'hud-target'), { timeout: 30_000 })
      .toMatch(/^SYNTHETIC GEO 6E · \d+\.\d\d° E · two-body drift [+−]0\.\d{3}°\/day$/);
    const lon = Number(/· ([\d.]+)° E/.exec(await text(page, 'hud-target'))![1]);
    expect(Math.abs(lon - 59.156)).toBeLessThanOrEqual(0.01);
    expect(await text(page, 'score-card')).toMatch(/\d/);
    await screenshot(page, 'drop-tle');
    await page.close();
  });

  it('a TLE with a bad checksum names the line and column, and the plan stays', async () => {
    const page = await openApp('?play=0');
    const before = await text(page, 'hud-target');
    const bad = py.tle[1].slice(0, 68) + String((Number(py.tle[1][68]) + 1) % 10);
    await drop(page, 'bad.tle', `${py.tle[0]}\n${bad}\n`);
    const errors = page.getByTestId('load-errors');
    await errors.waitFor();
    const shown = await errors.innerText();
    expect(shown).toContain('bad.tle');
    expect(shown).toMatch(/TLE line 2.*column 69 \(checksum\)/);
    expect(await text(page, 'hud-target')).toBe(before);
    await page.close();
  });

  it('the Export menu downloads the CCSDS OEM of every object', async () => {
    const page = await openApp('?play=0');
    const downloads: { name: string; text: string }[] = [];
    const done = new Promise<void>((resolve) => {
      page.on('download', (d) => {
        void d.path().then((p) => {
          downloads.push({ name: d.suggestedFilename(), text: readFileSync(p!, 'utf8') });
          if (downloads.length === 2) resolve();
        });
      });
    });
    await page.getByTestId('export-menu').selectOption('oem');
    await done;
    expect(downloads.map((d) => d.name).sort()).toEqual(['GSSAP-1.oem', 'target.oem']);
    for (const d of downloads) {
      expect(d.text).toMatch(/^CCSDS_OEM_VERS = 3\.0\n/);
      expect(d.text).toContain('REF_FRAME = EME2000');
    }
    await page.close();
  });
});
