/**
 * Multi-waypoint transfers in a real browser (Debian Chromium): the form lists each waypoint
 * with its inputs and units; in the 3D view (plan editor open) each waypoint is a handle; dragging
 * the last one edits the plan through the text (the autosaved draft holds the new point), the
 * trajectory re-runs and ends at the new point (the HUD range at the end of the run), and one
 * undo brings it back.
 */

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { encodeShareFragment } from '../../src/editing/share.ts';
import { screenshot } from './browser.ts';
import { e2eApp, km, objectOnScreen, settled } from './harness.ts';

const { pageErrors, openApp } = e2eApp();

/** 10 km behind the target on V-bar, through 6 km to 3 km, arriving there at the run's end. */
const TEXT = JSON.stringify(
  {
    format: 'rpo-scenario',
    version: 1,
    name: 'Waypoints drag test',
    epoch: '2026-03-20T00:00:00Z',
    durationS: 7200,
    stepS: 10,
    dynamics: 'cw',
    target: { name: 'Target', orbit: { type: 'geo', longitudeDeg: 10 } },
    spacecraft: [
      {
        id: 'inspector',
        initial: { frame: 'RIC', positionM: [0, -10000, 0], velocityMps: [0, 0, 0] },
        maneuvers: [
          {
            type: 'waypoints',
            tS: 0,
            points: [
              { positionM: [0, -6000, 0], durationS: 3600 },
              { positionM: [0, -3000, 0], durationS: 3600 },
            ],
          },
        ],
      },
    ],
  },
  null,
  2,
);

/** The waypoints of the autosaved draft, RIC m. */
async function draftPoints(page: Page): Promise<number[][]> {
  const draft = await page.evaluate(() => localStorage.getItem('rpo-sim:draft:v1'));
  const doc = JSON.parse((JSON.parse(draft ?? '{}') as { text: string }).text) as {
    spacecraft: { maneuvers: { points: { positionM: number[] }[] }[] }[];
  };
  return doc.spacecraft[0]!.maneuvers[0]!.points.map((p) => p.positionM);
}

describe('waypoints', () => {
  it('dragging a waypoint in the 3D view re-runs the trajectory through the new point; undo restores it', async () => {
    const page = await openApp(`?play=0#${encodeShareFragment(TEXT)}`);
    await page.getByTestId('edit-plan').click();
    await page.waitForSelector('[data-testid="maneuver-editor"]', { timeout: 30_000 });
    // The form: each waypoint with its inputs and units.
    const card = page.getByTestId('maneuver-0-0');
    await card.getByLabel('waypoint 2', { exact: true }).waitFor();
    expect(await card.getByLabel('at I [m]').count()).toBe(2);
    expect(await card.getByLabel('leg time [s]').count()).toBe(2);

    // The run ends at the last waypoint, 3 km behind the target.
    await page.keyboard.press('End');
    await expect
      .poll(async () => km(await page.getByTestId('hud-range-inspector').innerText()))
      .toBeCloseTo(3, 2);
    const serial = Number(await page.getByTestId('app').getAttribute('data-trajectory-serial'));

    // Its handle in the 3D view, dragged left and up on screen.
    let before: { x: number; y: number } | null = null;
    await expect
      .poll(async () => (before = await objectOnScreen(page, 'waypoint-handle-0:0:1')), {
        timeout: 30_000,
      })
      .not.toBeNull();
    const from = before!;
    await page.mouse.move(from.x, from.y);
    await page.waitForTimeout(100);
    await page.mouse.down();
    await page.mouse.move(from.x - 50, from.y - 30, { steps: 8 });
    await page.mouse.up();
    await settled(page);

    // The text holds the new point (left: further behind, -I; up: above, +R; C untouched); the
    // other waypoint is where it was.
    const points = await draftPoints(page);
    const [rM, iM, cM] = points[1]!;
    expect(iM).toBeLessThan(-3100);
    expect(rM).toBeGreaterThan(50);
    expect(cM).toBe(0);
    expect(points[0]).toEqual([0, -6000, 0]);
    // The trajectory re-ran and ends at the new point.
    expect(
      Number(await page.getByTestId('app').getAttribute('data-trajectory-serial')),
    ).toBeGreaterThan(serial);
    await expect
      .poll(async () => km(await page.getByTestId('hud-range-inspector').innerText()))
      .toBeCloseTo(Math.hypot(rM!, iM!) / 1000, 2);
    // The handle followed the pointer (the camera did not turn).
    const after = (await objectOnScreen(page, 'waypoint-handle-0:0:1'))!;
    expect(Math.hypot(after.x - (from.x - 50), after.y - (from.y - 30))).toBeLessThan(12);
    await screenshot(page, 'drag-waypoint-scene');

    // One drag, one undo step.
    await page.getByTestId('undo').click();
    await settled(page);
    expect((await draftPoints(page))[1]).toEqual([0, -3000, 0]);
    await expect
      .poll(async () => km(await page.getByTestId('hud-range-inspector').innerText()))
      .toBeCloseTo(3, 2);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });
});
