/**
 * The model gauge in the browser (issue 16): a plan flown with "dynamics": "perturbed" shows on
 * the score card, per spacecraft, how far CW and two-body drift from the perturbed truth, each
 * distance with its unit and the time of the worst.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeShareFragment } from '../../src/editing/share.ts';
import { screenshot } from './browser.ts';
import { e2eApp } from './harness.ts';

const { pageErrors, openApp } = e2eApp();

describe('model gauge on the score card', () => {
  it('a perturbed plan shows CW and two-body drift from the truth, with units and the worst time', async () => {
    const plan = JSON.parse(readFileSync('scenarios/vbar-hop.json', 'utf8'));
    plan.dynamics = 'perturbed';
    const page = await openApp(`?play=0#${encodeShareFragment(JSON.stringify(plan, null, 2))}`);
    const id = plan.spacecraft[0].id as string;
    const line = page.getByTestId(`model-gauge-${id}`);
    await line.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('model-gauge').innerText()).toContain(
      'drift from the perturbed truth',
    );
    expect(await line.innerText()).toMatch(
      /CW final \d+\.\d+ (m|km), worst \d+\.\d+ (m|km) at T\+\d\d:\d\d:\d\d · two-body final \d+\.\d+ (m|km), worst/,
    );
    await screenshot(page, 'model-gauge');
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  });

  it('a CW plan has no gauge line', async () => {
    const page = await openApp('?scenario=vbar-hop&play=0');
    expect(await page.getByTestId('model-gauge').count()).toBe(0);
    await page.close();
  });
});
