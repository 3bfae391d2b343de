/**
 * What a person reads in the browser (issue 11, items 3 and 8): the score card says why a
 * constraint fails (worst margin with its unit, when, and which burn's failure breaks passive
 * safety, numbered from 1), every delta-v says what it is in m/s, the HUD and the transport show
 * the same sim time while playing, and a plan whose maneuver never ran is marked incomplete, not
 * "all clear".
 */

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './browser.ts';
import { e2eApp } from './harness.ts';

const { openApp, pageErrors } = e2eApp();

const text = (page: Page, testId: string) => page.getByTestId(testId).first().innerText();

/** Waits until the `serial`-th scenario is shown with its score (the score arrives second). */
async function waitForMission(page: Page, serial: number): Promise<void> {
  await page.waitForSelector(
    `[data-testid="app"][data-mission-serial="${serial}"][data-score-state="current"]`,
    { timeout: 30_000 },
  );
}

describe('what a person reads', () => {
  it('passive safety: the score card names the burn (from 1), the drift range, when, and the margin with its unit', async () => {
    const page = await openApp('?scenario=violation-passive-safety&play=0');
    const line = await text(page, 'constraint-inspector-passive-safety');
    expect(line).toContain('worst margin -200.0 m at T+00:30:00');
    expect(line).toContain('2 h 30 min in violation');
    expect(line).toContain(
      'if burn 1 (T+03:00:00) fails, the free drift comes to 0.0 m at T+06:00:00 (drift from T+00:30:00)',
    );
    expect(await text(page, 'constraint-inspector-keep-out')).toMatch(
      /worst margin 307\.4 m at T\+03:00:00/,
    );
    expect(await text(page, 'score-card')).not.toMatch(/burn 0/);
    // the events panel says why as well
    const event = page.locator('[data-testid="event-row"][data-kind="violation"]', {
      hasText: 'Passive safety violated',
    });
    expect(await event.innerText()).toContain('if burn 1 (T+03:00:00) fails');
    await screenshot(page, 'reading-passive-safety');
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  });

  it('delta-v: the HUD says used of planned, the score card used of budget, both in m/s', async () => {
    const page = await openApp('?play=0');
    const hud = await page.locator('[data-testid^="hud-dv-"]').first().innerText();
    expect(hud).toMatch(/^\d+\.\d+ m\/s of \d+\.\d+ m\/s planned$/);
    const card = await page.locator('[data-testid^="score-dv-"]').first().innerText();
    expect(card).toMatch(/^\d+\.\d+ m\/s of \d+\.\d+ m\/s budget$/);
    await page.close();
  });

  it('the HUD clock and the transport clock show the same sim time while playing at 10000x', async () => {
    const page = await openApp('?play=0');
    await page.getByTestId('speed-select').selectOption('10000');
    await page.keyboard.press('Space');
    const samples: [string, string][] = [];
    for (let k = 0; k < 15; k++) {
      await page.waitForTimeout(130);
      samples.push(
        await page.evaluate(() => {
          const get = (id: string) =>
            document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';
          return [get('hud-met'), get('transport-time')] as [string, string];
        }),
      );
    }
    const moving = new Set(samples.map((s) => s[0]));
    expect(moving.size).toBeGreaterThan(3);
    for (const [hud, transport] of samples) expect(transport).toBe(hud);
    await page.close();
  });

  it('a maneuver that never runs: incomplete, capped at 75, the path and the reason, never "all clear"', async () => {
    const page = await openApp('?play=0');
    const plan = {
      format: 'rpo-scenario',
      version: 1,
      name: 'Football behind a trigger that never holds',
      epoch: '2026-03-20T00:00:00Z',
      durationS: 86400,
      stepS: 30,
      dynamics: 'cw',
      target: {
        name: 'T',
        orbit: { type: 'geo', longitudeDeg: 0 },
        keepOut: { shape: 'sphere', radiusM: 200 },
      },
      spacecraft: [
        {
          id: 'inspector',
          initial: { frame: 'RIC', positionM: [0, 2000, 0], velocityMps: [0, 0, 0] },
          budget: { dvMps: 0.5 },
          maneuvers: [{ type: 'football', amplitudeM: 1000, when: 'rangeM < 100' }],
        },
      ],
    };
    await page.getByTestId('file-input').setInputFiles({
      name: 'not-flown.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(plan)),
    });
    await waitForMission(page, 2);
    expect((await text(page, 'score-incomplete')).toLowerCase()).toBe('incomplete');
    expect(Number(await text(page, 'score-overall'))).toBeLessThanOrEqual(75);
    const card = await text(page, 'score-card');
    expect(card).not.toContain('all clear');
    expect(await page.getByTestId('score-violation-inspector-not-flown').count()).toBe(1);
    expect(await text(page, 'not-flown-inspector-0')).toContain(
      'spacecraft[0].maneuvers[0]: its trigger "rangeM < 100" never held',
    );
    await screenshot(page, 'reading-not-flown');
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  });
});
