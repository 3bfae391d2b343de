/**
 * Hostile and unlucky input in a real browser (issue 12): a draft that does not run is restored as
 * text with its problems after a reload, never replaced by the default scenario; a share link to a
 * plan over the work limits (1,000 spacecraft) or an empty one shows its error at once over the
 * working page; a long run can be cancelled, and the scenario shown stays. Every test leaves a
 * screenshot in test-results/.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeShareFragment } from '../../src/editing/share.ts';
import { screenshot } from './browser.ts';
import { e2eApp, waitReady } from './harness.ts';

const DEFAULT_TEXT = readFileSync('scenarios/skynet5a-inspection.json', 'utf8');
const { pageErrors, openApp } = e2eApp();

/** A scenario within the limits whose run takes seconds: a hold burning every 10 s for 11 days. */
const HEAVY = {
  format: 'rpo-scenario',
  version: 1,
  name: 'heavy hold',
  epoch: '2026-03-20T00:00:00Z',
  durationS: 1e6,
  stepS: 50,
  dynamics: 'cw',
  target: { name: 'T', orbit: { type: 'geo', longitudeDeg: 0 } },
  spacecraft: [
    {
      id: 'A',
      initial: { frame: 'RIC', positionM: [1000, 0, 0], velocityMps: [0, 0, 0] },
      maneuvers: [{ type: 'hold', tS: 0, durationS: 999000, deadbandM: 1e-6 }],
    },
  ],
};

describe('drafts that do not run', () => {
  it.each([
    ['a negative step', DEFAULT_TEXT.replace('"stepS": 1', '"stepS": -1'), 'stepS'],
    ['a deleted brace', DEFAULT_TEXT.replace(/\}\s*$/, ''), 'not valid JSON'],
  ])('a reload restores %s as text with its problems', async (name, draftText, problem) => {
    expect(draftText).not.toBe(DEFAULT_TEXT);
    const page = await openApp();
    await page.evaluate(
      (t) =>
        localStorage.setItem(
          'rpo-sim:draft:v1',
          JSON.stringify({ text: t, source: 'skynet5a-inspection.json', savedAtMs: Date.now() }),
        ),
      draftText,
    );
    await page.reload();
    await waitReady(page);
    const note = page.getByTestId('draft-note');
    await note.waitFor();
    expect(await note.getAttribute('data-kind')).toBe('restored');
    expect(await page.getByTestId('draft-problems').count()).toBe(1);
    const issues = page.getByTestId('editor-issues');
    await issues.waitFor();
    expect(await issues.innerText()).toContain(problem);
    await screenshot(page, `draft-restored-${name.replace(/ /g, '-')}`);
    // the draft is kept, not overwritten by the default scenario shown under it
    const stored = await page.evaluate(() => localStorage.getItem('rpo-sim:draft:v1'));
    expect((JSON.parse(stored ?? '{}') as { text: string }).text).toBe(draftText);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });
});

describe('share links over the limits', () => {
  it('a link to 1,000 spacecraft shows the pair limit at once; the default scenario stays', async () => {
    const scenario = JSON.parse(DEFAULT_TEXT) as { spacecraft: { id: string }[] };
    const craft = scenario.spacecraft[0]!;
    scenario.spacecraft = Array.from({ length: 1000 }, (_, i) => ({ ...craft, id: `s${i}` }));
    const fragment = encodeShareFragment(JSON.stringify(scenario));
    const page = await openApp(`?play=0#${fragment}`);
    const errors = page.getByTestId('load-errors');
    await errors.waitFor();
    expect(await errors.innerText()).toContain('share link');
    expect(await errors.innerText()).toMatch(/pair range evaluations.*limit is 20,000,000/);
    expect(await page.getByTestId('scenario-title').first().innerText()).toContain('SKYNET-5A');
    await screenshot(page, 'share-link-over-limits');
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('an empty link says it is empty', async () => {
    const page = await openApp('?play=0#scenario=');
    const errors = page.getByTestId('load-errors');
    await errors.waitFor();
    expect(await errors.innerText()).toMatch(/share link is empty/);
    await page.context().close();
  });
});

describe('cancelling', () => {
  it('a long run can be cancelled; the scenario shown stays and the page works', async () => {
    const page = await openApp();
    await page.evaluate(
      (f) => (window.location.hash = f),
      encodeShareFragment(JSON.stringify(HEAVY)),
    );
    const cancel = page.getByTestId('cancel-load');
    await cancel.waitFor({ timeout: 30_000 });
    await screenshot(page, 'long-run-cancel-button');
    await cancel.click();
    const errors = page.getByTestId('load-errors');
    await errors.waitFor();
    expect(await errors.innerText()).toContain('the run was cancelled');
    expect(await page.getByTestId('loading').count()).toBe(0);
    expect(await page.getByTestId('scenario-title').first().innerText()).toContain('SKYNET-5A');
    // the simulator still works: another example loads
    await page.getByTestId('dismiss-errors').click();
    await page.getByTestId('examples-select').selectOption('football');
    await page.waitForSelector('[data-testid="app"][data-mission-serial="2"]', { timeout: 30_000 });
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });
});
