/**
 * The campaign (sweep) view of the Monte Carlo panel in a real browser (Debian Chromium): a sweep
 * of 20 variants (5 x 4 values of two fields) x 500 trials of the dispersed V-bar approach runs on
 * the page's web workers and shows as two heatmaps (P(violation) and delta-v); every cell holds
 * the same figures as `rpo-sim sweep --json` for the same seed (run here through the CLI's entry
 * point, its own worker threads); hovering a cell shows its Wilson interval; clicking a cell opens
 * that variant as the plan shown; the CLI's JSON file loaded into the panel draws the same cells.
 * Screenshots go to test-results/.
 */

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { SweepResult } from '../../src/montecarlo/sweep.ts';
import { screenshot } from './browser.ts';
import { e2eApp } from './harness.ts';

const { openApp, pageErrors } = e2eApp();

const SCENARIO = 'dispersed-vbar-approach';
const PATH_1 = 'spacecraft[0].maneuvers[0].durationS';
const SPEC_1 = '28800:3600:43200';
const PATH_2 = 'spacecraft[0].maneuvers[1].after';
const SPEC_2 = '1800,3600,5400,7200';
const TRIALS = 500;
const SEED = 3;
/** A sweep of 20 x 500 trials on a busy 2-core machine: minutes, not seconds. */
const SWEEP_TIMEOUT_MS = 600_000;

/** `rpo-sim sweep --json` of the same sweep. */
async function cliSweep(): Promise<{ text: string; result: SweepResult }> {
  let out = '';
  const code = await main(
    [
      'sweep',
      `scenarios/${SCENARIO}.json`,
      '--set',
      `${PATH_1}=${SPEC_1}`,
      '--set',
      `${PATH_2}=${SPEC_2}`,
      '--trials',
      String(TRIALS),
      '--seed',
      String(SEED),
      '--json',
    ],
    { stdout: (t) => (out += t), stderr: () => {} },
  );
  expect(code).toBe(0);
  return { text: out, result: JSON.parse(out) as SweepResult };
}

/** The cells of one heatmap: index -> data attributes. */
function cells(page: Page, map: 'p' | 'dv'): Promise<Record<string, string | undefined>[]> {
  return page
    .getByTestId(`sweep-${map}`)
    .evaluate((fig) =>
      [...fig.querySelectorAll('g.sweep-cell')].map((g) => ({ ...(g as SVGGElement).dataset })),
    );
}

/** Every cell of both maps equals the CLI's row (exact: the same numbers written the same way). */
async function expectCellsMatch(page: Page, expected: SweepResult): Promise<void> {
  const p = await cells(page, 'p');
  const dv = await cells(page, 'dv');
  expect(p).toHaveLength(20);
  expect(dv).toHaveLength(20);
  expected.variants.forEach((row, k) => {
    expect(row.error).toBeNull();
    const c = row.spacecraft[0]!;
    const a = c.anyViolation;
    expect(p[k], `variant ${k}`).toMatchObject({
      index: String(k),
      p: String(a.p),
      lo: String(a.lo),
      hi: String(a.hi),
      count: String(a.count),
    });
    // Delta-v is a sum of burn magnitudes (sqrt, trigonometry): Chromium's V8 and Node's V8 may
    // differ in the last bits of a Math function, so the browser's figure agrees with the CLI's
    // to 1e-12 m/s rather than bit for bit (the counts above are exact).
    expect(dv[k]!.index).toBe(String(k));
    for (const q of ['p5', 'p50', 'p95'] as const) {
      const key = `dv${q[0]!.toUpperCase()}${q.slice(1)}`;
      expect(Math.abs(Number(dv[k]![key]) - c.totalDvMps[q]), `variant ${k} ${q}`).toBeLessThan(
        1e-12,
      );
    }
  });
}

describe('Sweep heatmap in the browser', () => {
  it(
    'runs 20 variants x 500 trials on workers, draws the heatmaps equal to the CLI, opens a cell, loads the CLI file',
    async () => {
      const cli = await cliSweep();
      expect(cli.result.variants).toHaveLength(20);
      // the sweep must show something: some variants violate, and not all equally
      const ps = cli.result.variants.map((v) => v.spacecraft[0]!.anyViolation.p);
      expect(Math.max(...ps)).toBeGreaterThan(Math.min(...ps));

      const page = await openApp(`?scenario=${SCENARIO}&play=0`);
      await page.getByTestId('montecarlo-button').click();
      await page.getByTestId('mc-panel').waitFor({ timeout: 15_000 });
      await page.getByTestId('mc-tab-sweep').click();
      // a field that cannot be set in the plan is named before anything runs
      await page.getByTestId('sweep-path-1').fill('target.orbit.longitudeDeg.x');
      await page.getByTestId('sweep-spec-1').fill('1,2');
      expect(await page.getByTestId('sweep-hint').innerText()).toContain(
        'target.orbit.longitudeDeg.x: target.orbit.longitudeDeg is not an object in the plan',
      );
      expect(await page.getByTestId('sweep-run').isDisabled()).toBe(true);
      await page.getByTestId('sweep-path-1').fill(PATH_1);
      await page.getByTestId('sweep-spec-1').fill(SPEC_1);
      await page.getByTestId('sweep-path-2').fill(PATH_2);
      await page.getByTestId('sweep-spec-2').fill(SPEC_2);
      await page.getByTestId('sweep-trials').fill(String(TRIALS));
      await page.getByTestId('sweep-seed').fill(String(SEED));
      expect(await page.getByTestId('sweep-hint').innerText()).toContain('20 variants');
      await page.getByTestId('sweep-run').click();
      await page.waitForSelector('[data-testid="sweep"][data-status="done"]', {
        timeout: SWEEP_TIMEOUT_MS,
      });
      expect(await page.getByTestId('sweep-status').innerText()).toContain(
        '20 variants of Dispersed V-bar approach to a GEO client, 500 trials each, seed 3',
      );

      // Cells drawn (filled rectangles, coloured by value), equal to the CLI's rows.
      await expectCellsMatch(page, cli.result);
      const fills = await page
        .locator('[data-testid="sweep-p"] g.sweep-cell rect')
        .evaluateAll((rects) => rects.map((r) => r.getAttribute('fill')));
      expect(fills).toHaveLength(20);
      expect(new Set(fills).size).toBeGreaterThan(3);
      expect(fills.every((f) => f!.startsWith('rgb('))).toBe(true);
      // 5 rows (first field) x 4 columns (second field) labelled with their values.
      const labels = await page
        .locator('[data-testid="sweep-p"] .sweep-axis-label')
        .allTextContents();
      expect(labels).toEqual([
        '1800',
        '3600',
        '5400',
        '7200',
        '28800',
        '32400',
        '36000',
        '39600',
        '43200',
      ]);

      // Hover: the Wilson interval of the cell.
      const k = 6;
      const a = cli.result.variants[k]!.spacecraft[0]!.anyViolation;
      await page.getByTestId('sweep-p-cell').nth(k).hover();
      const readout = await page.getByTestId('sweep-readout').innerText();
      expect(readout).toContain(`Variant ${k + 1} (${PATH_1} = 32400, ${PATH_2} = 5400)`);
      expect(readout).toContain('95 % Wilson interval');
      expect(readout).toContain(`(${a.count} of ${TRIALS} trials flown)`);
      await screenshot(page, 'sweep-heatmap');

      // Click: the variant is the plan shown (the text with both fields set).
      await page.getByTestId('sweep-p-cell').nth(k).click();
      await page.waitForSelector('[data-testid="app"][data-mission-serial="2"]', {
        timeout: 30_000,
      });
      expect(await page.getByTestId('sweep-note').innerText()).toContain(
        `Variant ${k + 1} (${PATH_1} = 32400, ${PATH_2} = 5400) is now the plan shown.`,
      );
      await page.getByTestId('edit-plan').click();
      await page.getByTestId('tab-json').click();
      await page.waitForSelector('.cm-editor');
      const shown = JSON.parse(
        await page.evaluate(() => {
          const v = (window as { __rpoJsonEditor?: { state: { doc: { toString(): string } } } })
            .__rpoJsonEditor;
          return v ? v.state.doc.toString() : '{}';
        }),
      ) as { spacecraft: { maneuvers: { durationS?: number; after?: number }[] }[] };
      const base = JSON.parse(readFileSync(`scenarios/${SCENARIO}.json`, 'utf8')) as typeof shown;
      base.spacecraft[0]!.maneuvers[0]!.durationS = 32400;
      base.spacecraft[0]!.maneuvers[1]!.after = 5400;
      expect(shown).toEqual(base);

      // The CLI's file, loaded into a fresh page, draws the same cells.
      const page2 = await openApp(`?scenario=${SCENARIO}&play=0`);
      await page2.getByTestId('montecarlo-button').click();
      await page2.getByTestId('mc-tab-sweep').click();
      const file = join(mkdtempSync(join(tmpdir(), 'rpo-sweep-e2e-')), 'sweep.json');
      writeFileSync(file, cli.text);
      await page2.getByTestId('sweep-file').setInputFiles(file);
      await expect
        .poll(() => page2.getByTestId('sweep-status').innerText())
        .toContain('sweep.json: 20 variants');
      await expectCellsMatch(page2, cli.result);
      // a file that is not a sweep is refused with the path of the problem
      writeFileSync(file, JSON.stringify({ ...cli.result, trials: -1 }));
      await page2.getByTestId('sweep-file').setInputFiles(file);
      await expect
        .poll(() => page2.getByTestId('sweep-error').innerText())
        .toContain('not an rpo-sweep v1 file: trials');

      expect(pageErrors.get(page)).toEqual([]);
      expect(pageErrors.get(page2)).toEqual([]);
      await page.close();
      await page2.close();
    },
    SWEEP_TIMEOUT_MS + 120_000,
  );
});
