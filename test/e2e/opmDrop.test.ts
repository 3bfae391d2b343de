/**
 * An OPM dropped on the page sets the initial state of the spacecraft in focus (here the first,
 * GSSAP-1 of the default plan) as an edit: the run follows, undo brings the plan back; a
 * malformed OPM names its line and keyword and the plan stays.
 *
 * The OPM is written by hand: 12 km radially above SKYNET 5A (94.8 deg E) at the plan's epoch
 * (2025-09-04T18:00Z), with the target's own inertial velocity (EME2000, the target's state by
 * src/formats/trajectory.ts `InertialFrame.targetEci` + `toEme`, position scaled by
 * (r + 12 km) / r), so the range at the start is 12.0 km (was 10.0 km).
 */

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './browser.ts';
import { dropFile as drop, e2eApp, km } from './harness.ts';

const { openApp, pageErrors } = e2eApp();

const OPM = `CCSDS_OPM_VERS = 3.0
CREATION_DATE = 2025-09-03T00:00:00
ORIGINATOR = hand

OBJECT_NAME = GSSAP-1
OBJECT_ID = GSSAP-1
CENTER_NAME = EARTH
REF_FRAME = EME2000
TIME_SYSTEM = UTC

EPOCH = 2025-09-04T18:00:00.000
X = 41340.905595 [km]
Y = -8351.536718 [km]
Z = -103.155904 [km]
X_DOT = 0.608828264 [km/s]
Y_DOT = 3.013778391 [km/s]
Z_DOT = -0.001639453 [km/s]
`;

const range = async (page: Page) =>
  km(await page.getByTestId('hud-range-GSSAP-1').first().innerText());

describe('an OPM dropped on the page', () => {
  it('sets the initial state of the spacecraft in focus; the run follows; undo restores it', async () => {
    const page = await openApp('?play=0');
    await expect.poll(() => range(page)).toBeCloseTo(10, 2);
    const serial = Number(await page.getByTestId('app').getAttribute('data-trajectory-serial'));
    await drop(page, 'gssap.opm', OPM);
    await expect.poll(() => range(page), { timeout: 30_000 }).toBeCloseTo(12, 2);
    expect(
      Number(await page.getByTestId('app').getAttribute('data-trajectory-serial')),
    ).toBeGreaterThan(serial);
    await screenshot(page, 'drop-opm');
    await page.keyboard.press('Control+Z');
    await expect.poll(() => range(page), { timeout: 30_000 }).toBeCloseTo(10, 2);
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  });

  it('a malformed OPM names the line and keyword, and the plan stays', async () => {
    const page = await openApp('?play=0');
    await drop(page, 'bad.opm', OPM.replace('Y_DOT = 3.013778391', 'Y_DOT = fast'));
    const errors = page.getByTestId('load-errors');
    await errors.waitFor();
    const shown = await errors.innerText();
    expect(shown).toContain('bad.opm');
    expect(shown).toMatch(/line 16: Y_DOT = "fast" is not a finite number/);
    expect(await range(page)).toBeCloseTo(10, 2);
    await page.close();
  });
});
