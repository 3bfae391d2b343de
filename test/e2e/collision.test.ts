/**
 * The score card's collision probability (issue 20, item 2), as a person sees it in Chromium:
 * a slow GEO drift past the target with a covariance, where the 2D method is not valid. The row
 * gives the Pc to read with its method, the 2D Pc marked not valid with a note, the 3D Pc and the
 * Monte Carlo estimate with its 95 % interval; a click jumps to the closest approach.
 */

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { GEO_RADIUS_M, meanMotionRadPerS } from '../../src/core/constants.ts';
import { makeScenario } from '../helpers.ts';
import { screenshot } from './browser.ts';
import { e2eApp } from './harness.ts';

const { openApp, pageErrors } = e2eApp();

const N = meanMotionRadPerS(GEO_RADIUS_M);

/** The drift of test/collision/scenario.test.ts: 2D 0.30, brute-force Monte Carlo 0.032. */
function drift(): string {
  const s = makeScenario(
    {
      name: 'Pc drift',
      durationS: 2 * 86400,
      collision: { hardBodyRadiusM: 10, trials: 2000, seed: 5 },
    },
    {
      initial: { frame: 'RIC', positionM: [-12, -150, 0], velocityMps: [0, 18 * N, 0] },
      covariance: {
        frame: 'RIC',
        sigmaPositionM: [4, 15, 4],
        sigmaVelocityMps: [2e-5, 2e-5, 2e-5],
      },
    } as never,
  );
  return JSON.stringify(s);
}

const text = (page: Page, testId: string) => page.getByTestId(testId).first().innerText();

describe('collision probability on the score card', () => {
  it('shows the Pc, its method, the 2D validity, the 3D Pc and the Monte Carlo interval', async () => {
    const page = await openApp('?play=0');
    await page.getByTestId('file-input').setInputFiles({
      name: 'drift.json',
      mimeType: 'application/json',
      buffer: Buffer.from(drift()),
    });
    await page.waitForSelector(
      '[data-testid="app"][data-mission-serial="2"][data-score-state="current"]',
      { timeout: 120_000 },
    );
    const row = page.getByTestId('score-pc-A-target');
    const line = await row.innerText();
    expect(line).toMatch(/A \/ target: Pc \d\.\d\de-2 \(Monte Carlo\)/);
    expect(line).toMatch(/2D 3\.0\de-1 \(not valid\)/);
    expect(line).toMatch(/3D \d\.\d\de-2/);
    expect(line).toMatch(/Monte Carlo \d\.\d\de-2, 95 % \[\d\.\d\de-2, \d\.\d\de-2\], 2000 trials/);
    expect(line).toContain('2D Pc not valid here (long encounter)');
    expect(await text(page, 'score-collision')).toContain('hard-body radius 10 m');
    expect(await row.getAttribute('data-method')).toBe('monte-carlo-cw');
    await screenshot(page, 'score-card-pc');
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  });
});
