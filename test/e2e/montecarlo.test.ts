/**
 * The browser Monte Carlo in a real browser (Debian Chromium, WebGL through SwiftShader), checked
 * by what a person sees: the panel opens from the header, 200 trials of the dispersed V-bar
 * approach run on web workers while the page keeps drawing, the progress bar reaches the end, the
 * probability table shows the same counts as the serial reference computed here in node (a trial
 * depends only on scenario, seed and index), the spaghetti appears in the 3D scene and the
 * in-plane plot, the worst trial opens as the plan shown, and Cancel stops a 100,000-trial run
 * with the statistics of its contiguous prefix. Screenshots go to test-results/.
 */

import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/montecarlo/stats.ts';
import { runTrial, TrialTable } from '../../src/montecarlo/trial.ts';
import { loadScenario } from '../../src/scenario/validate.ts';
import { screenshot } from './browser.ts';
import { e2eApp } from './harness.ts';

const { openApp, pageErrors } = e2eApp();

/** Opens the panel and sets the inputs. */
async function openPanel(page: Page, trials: number, seed: number): Promise<void> {
  await page.getByTestId('montecarlo-button').click();
  await page.getByTestId('mc-panel').waitFor({ timeout: 15_000 });
  await page.getByTestId('mc-trials').fill(String(trials));
  await page.getByTestId('mc-seed').fill(String(seed));
}

/**
 * Longest gap between timer callbacks on the page's main thread over `ms` (a frozen page shows
 * seconds; a responsive one tens of ms).
 */
function watchMainThread(page: Page, ms: number): Promise<number> {
  return page.evaluate(
    (duration) =>
      new Promise<number>((resolve) => {
        let last = performance.now();
        let worst = 0;
        const id = setInterval(() => {
          const now = performance.now();
          worst = Math.max(worst, now - last);
          last = now;
        }, 10);
        setTimeout(() => {
          clearInterval(id);
          resolve(worst);
        }, duration);
      }),
    ms,
  );
}

/** Counts shown per violation kind: `data-kind` -> count. */
async function shownCounts(page: Page): Promise<Record<string, number>> {
  return page.getByTestId('mc-probabilities').evaluate((table) => {
    const out: Record<string, number> = {};
    for (const row of table.querySelectorAll('tr.mc-prob')) {
      const kind = (row as HTMLElement).dataset.kind!;
      const count = (row.querySelector('.mc-count') as HTMLElement).dataset.count;
      out[kind] = Number(count);
    }
    return out;
  });
}

/** Vertices of the spaghetti in the 3D scene (0: not drawn). */
function spaghettiVertices(page: Page): Promise<number> {
  return page.evaluate(() => {
    const state = (window as { __rpoScene?: { scene: import('three').Scene } }).__rpoScene;
    const group = state?.scene.getObjectByName('montecarlo-spaghetti');
    let vertices = 0;
    group?.traverse((o) => {
      const pos = (o as import('three').LineSegments).geometry?.getAttribute('position');
      if (pos) vertices += pos.count;
    });
    return vertices;
  });
}

const SCENARIO = 'dispersed-vbar-approach';
const SEED = 42;
const TRIALS = 200;

/** The statistics the page must show, computed serially here. */
function reference() {
  const r = loadScenario(readFileSync(`scenarios/${SCENARIO}.json`, 'utf8'));
  if (!r.ok) throw new Error('scenario invalid');
  const s = r.scenario;
  const table = new TrialTable(TRIALS, s.spacecraft.length);
  for (let t = 0; t < TRIALS; t++) table.set(runTrial(s, SEED, t));
  return summarize(s, table, SEED);
}

describe('Monte Carlo in the browser', () => {
  it('runs 200 trials on workers, shows the probabilities, the spaghetti and the worst trial', async () => {
    const expected = reference();
    const page = await openApp(`?scenario=${SCENARIO}&play=0`);
    await openPanel(page, TRIALS, SEED);
    expect(await page.getByTestId('mc-panel').innerText()).toContain('1σ dispersions');
    await page.getByTestId('mc-run').click();
    await page.waitForSelector('[data-testid="mc-panel"][data-status="done"]', {
      timeout: 30_000,
    });

    // The bar reached the end.
    const bar = page.getByTestId('mc-progress');
    expect(await bar.getAttribute('data-done')).toBe(String(TRIALS));
    expect(await bar.getAttribute('data-total')).toBe(String(TRIALS));
    expect(await bar.getAttribute('aria-valuenow')).toBe(String(TRIALS));
    expect(await page.getByTestId('mc-progress-text').innerText()).toContain('200 / 200 trials');

    // The same counts as the serial reference, and plausible intervals.
    const counts = await shownCounts(page);
    const craft = expected.spacecraft[0]!;
    for (const [kind, q] of Object.entries(craft.violations)) {
      expect(counts[kind], kind).toBe(q.count);
    }
    expect(Object.keys(counts).sort()).toEqual([...Object.keys(craft.violations), 'any'].sort());
    const rows = await page.getByTestId('mc-probabilities').evaluate((table) =>
      [...table.querySelectorAll('tr.mc-prob')].map((row) => ({
        p: Number((row.querySelector('.mc-p') as HTMLElement).dataset.p),
        lo: Number((row.querySelector('.mc-ci') as HTMLElement).dataset.lo),
        hi: Number((row.querySelector('.mc-ci') as HTMLElement).dataset.hi),
        count: Number((row.querySelector('.mc-count') as HTMLElement).dataset.count),
      })),
    );
    for (const r of rows) {
      expect(r.p).toBeCloseTo(r.count / TRIALS, 12);
      expect(r.lo).toBeLessThanOrEqual(r.p);
      expect(r.hi).toBeGreaterThanOrEqual(r.p);
      expect(r.hi - r.lo).toBeLessThan(0.2);
    }
    // Percentiles and histograms.
    const percentiles = await page.getByTestId('mc-percentiles').innerText();
    expect(percentiles).toContain('Min range');
    expect(percentiles).toContain('Δv flown');
    expect(await page.locator('[data-testid="mc-hist-range"] rect').count()).toBeGreaterThan(3);
    expect(await page.locator('[data-testid="mc-hist-dv"] rect').count()).toBeGreaterThan(3);
    expect(await page.getByTestId('mc-worst').innerText()).toContain(
      `Trial ${expected.worst!.trialIndex}`,
    );

    // The spaghetti: ~50 trials flown again, drawn in the 3D scene.
    await expect
      .poll(async () =>
        Number(await page.getByTestId('mc-paths-status').getAttribute('data-paths')),
      )
      .toBeGreaterThanOrEqual(50);
    const sceneLines = await spaghettiVertices(page);
    expect(sceneLines).toBeGreaterThan(50 * 100);
    await page.waitForTimeout(300);
    await screenshot(page, 'montecarlo-panel');
    // The lower half of the panel: delta-v histogram, trajectories switch, worst trial.
    await page.locator('.mc-body').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.waitForTimeout(100);
    await screenshot(page, 'montecarlo-panel-lower');

    // Closed, the panel shows the plots with the in-plane spaghetti; the button reopens it.
    await page.getByTestId('mc-close').click();
    await expect.poll(() => page.getByTestId('mc-panel').count()).toBe(0);
    await page.waitForTimeout(300);
    await screenshot(page, 'montecarlo-spaghetti');

    // The worst trial opens as the plan shown, through the normal load path.
    await page.getByTestId('montecarlo-button').click();
    await page.getByTestId('mc-open-worst').click();
    await page.waitForSelector('[data-testid="app"][data-mission-serial="2"]', {
      timeout: 30_000,
    });
    expect(await page.getByTestId('scenario-title').innerText()).toContain(
      `Monte Carlo trial ${expected.worst!.trialIndex} (seed ${SEED})`,
    );
    expect(await page.getByTestId('mc-worst-note').innerText()).toContain('is now the plan shown');
    // The trial opened belongs to the run: its ensemble stays drawn around it.
    await expect.poll(() => spaghettiVertices(page)).toBeGreaterThan(50 * 100);
    await page.waitForTimeout(300);
    await screenshot(page, 'montecarlo-worst-trial');
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  });

  it('keeps the page responsive, and Cancel stops a large run with its contiguous prefix', async () => {
    const page = await openApp(`?scenario=${SCENARIO}&play=0`);
    await openPanel(page, 100_000, 7);
    await page.getByTestId('mc-run').click();
    await expect
      .poll(async () => Number(await page.getByTestId('mc-progress').getAttribute('data-done')), {
        timeout: 20_000,
      })
      .toBeGreaterThan(500);
    // Trials run on workers: the main thread keeps answering timers.
    const worstGapMs = await watchMainThread(page, 1500);
    expect(worstGapMs).toBeLessThan(500);
    const t0 = Date.now();
    const done0 = Number(await page.getByTestId('mc-progress').getAttribute('data-done'));
    await page.waitForTimeout(2000);
    const done1 = Number(await page.getByTestId('mc-progress').getAttribute('data-done'));
    const rate = ((done1 - done0) * 1000) / (Date.now() - t0);
    console.log(
      `browser Monte Carlo: ${Math.round(rate)} trials/s (${SCENARIO}, ${await page.evaluate(() => navigator.hardwareConcurrency)} cores; main thread worst gap ${worstGapMs.toFixed(0)} ms)`,
    );
    expect(rate).toBeGreaterThan(100);

    await page.getByTestId('mc-cancel').click();
    await page.waitForSelector('[data-testid="mc-panel"][data-status="cancelled"]', {
      timeout: 10_000,
    });
    const done = Number(await page.getByTestId('mc-progress').getAttribute('data-done'));
    expect(done).toBeGreaterThan(500);
    expect(done).toBeLessThan(100_000);
    const status = await page.getByTestId('mc-status').innerText();
    expect(status).toMatch(/^Cancelled after [\d,]+ of 100,000 trials/);
    // The statistics cover the prefix: at most the trials done, and the table says so.
    const prefix = Number(
      /statistics of trials 0–[\d,]+ \(([\d,]+),/.exec(status)![1]!.replace(/,/g, ''),
    );
    expect(prefix).toBeGreaterThan(0);
    expect(prefix).toBeLessThanOrEqual(done);
    const table = await page.getByTestId('mc-probabilities').innerText();
    expect(table).toContain(`/ ${prefix.toLocaleString('en-US')}`);
    await page.waitForTimeout(300);
    await screenshot(page, 'montecarlo-cancelled');
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  });
});
