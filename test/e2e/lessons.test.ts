/**
 * Lesson mode in a real browser: every lesson in scenarios/lessons/ opens from `?lesson=NAME`,
 * walks its steps, takes an answer, plays or skips to the measurement and shows the verdict,
 * right for the run's value and wrong for a sign error (or another choice); the scene at the
 * lesson's key moment is drawn (not blank). The Lessons menu opens a lesson; the formulas render
 * with KaTeX from the bundle (no other host is asked for anything); the print layout shows the
 * lesson alone. Every test leaves a screenshot in test-results/.
 */

import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import '../../src/events/expression.ts';
import { LESSON_UNITS } from '../../src/scenario/lesson.ts';
import { loadScenario } from '../../src/scenario/validate.ts';
import { measureLesson } from '../../src/scoring/lesson.ts';
import { screenshot } from './browser.ts';
import { e2eApp } from './harness.ts';
import { decodePng, pixelStats } from './png.ts';

const { openApp, pageErrors, baseUrl } = e2eApp();

const names = readdirSync('scenarios/lessons')
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -5))
  .sort();

/** The lesson's right answer (the run's value in the question's unit, or the right choice) and a wrong one. */
function answers(name: string): { kind: 'number' | 'choice'; right: number; wrong: number } {
  const r = loadScenario(readFileSync(`scenarios/lessons/${name}.json`, 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const m = measureLesson(r.scenario);
  const q = r.scenario.lesson!.question;
  if (q.kind === 'choice') {
    return {
      kind: 'choice',
      right: m.correctChoice!,
      wrong: (m.correctChoice! + 1) % q.choices.length,
    };
  }
  const right = Number((m.measuredSi / LESSON_UNITS[q.unit].si).toPrecision(4));
  return { kind: 'number', right, wrong: -right };
}

async function answerAndPlay(page: Page, kind: 'number' | 'choice', value: number): Promise<void> {
  if (kind === 'number') await page.getByTestId('lesson-answer').fill(String(value));
  else await page.getByTestId(`lesson-choice-${value}`).check();
  await page.getByTestId('lesson-submit').click();
  expect(await page.getByTestId('play-button').getAttribute('data-playing')).toBe('true');
  await page.getByTestId('lesson-skip').click();
}

describe('lesson mode', () => {
  it.each(names)(
    '%s: steps, answer, verdict right and wrong, the key moment drawn',
    async (name) => {
      const { kind, right, wrong } = answers(name);
      const page = await openApp(`?lesson=${name}`);
      await page.getByTestId('lesson-title').waitFor();
      // the formulas are rendered maths, not TeX source
      while (await page.getByTestId('lesson-next').isEnabled()) {
        await page.getByTestId('lesson-next').click();
      }
      expect(await page.locator('.lesson-panel .katex').count()).toBeGreaterThan(0);

      await answerAndPlay(page, kind, right);
      const verdict = page.getByTestId('lesson-verdict');
      await verdict.waitFor({ timeout: 30_000 });
      expect(await verdict.getAttribute('data-correct')).toBe('true');
      expect(await verdict.getByTestId('lesson-tolerance').innerText()).toMatch(/± \d/);
      await screenshot(page, `lesson-${name}-right`);

      await page.getByTestId('lesson-retry').click();
      expect(await page.getByTestId('lesson-verdict').count()).toBe(0);
      await answerAndPlay(page, kind, wrong);
      await verdict.waitFor({ timeout: 30_000 });
      expect(await verdict.getAttribute('data-correct')).toBe('false');
      await screenshot(page, `lesson-${name}-wrong`);

      await page.getByTestId('lesson-key-moment').click();
      await page.waitForTimeout(800);
      await page.addStyleTag({
        content:
          '.lesson-panel,.hud,.label-layer,.camera-bar,.legend,.scale-bar{visibility:hidden!important}',
      });
      await page.waitForTimeout(300);
      const img = decodePng(await page.getByTestId('scene').screenshot());
      await screenshot(page, `lesson-${name}-key-moment`);
      // background #04070c; the probe colour does not matter here
      const stats = pixelStats(img, [4, 7, 12], [255, 255, 255], 60);
      expect(stats.nonBackground).toBeGreaterThan(0.004);
      expect(pageErrors.get(page)).toEqual([]);
      await page.close();
    },
  );

  it('the Lessons menu opens a lesson; an unknown lesson says which exist', async () => {
    const page = await openApp('?play=0');
    // the header keeps every control on screen with the menu in it
    const header = await page.locator('.app-header').boundingBox();
    const last = await page.locator('.header-actions > :last-child').boundingBox();
    expect(last!.x + last!.width).toBeLessThanOrEqual(header!.x + header!.width);
    await screenshot(page, 'lessons-menu');
    await page.getByTestId('lessons-select').selectOption('radial-burn');
    await page.waitForURL(/\?lesson=radial-burn/);
    await page.getByTestId('lesson-title').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('lesson-title').innerText()).toContain('radial burn');
    await page.goto(`${baseUrl}?lesson=no-such-lesson`);
    const error = page.getByTestId('load-errors');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.innerText()).toContain('no lesson "no-such-lesson"; lessons: ric-frame');
    await page.close();
  });

  it('prints the lesson alone, with its formulas from the bundle and nothing from other hosts', async () => {
    const page = await openApp('?lesson=radial-offset-drift');
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(baseUrl) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    await page.getByTestId('lesson-figure').waitFor({ timeout: 30_000 });
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('scene').isVisible()).toBe(false);
    expect(await page.getByTestId('plots').isVisible()).toBe(false);
    const panel = page.getByTestId('lesson-panel');
    const text = await panel.innerText();
    // the text of every step, the question, the answer and the figure
    expect(text).toContain('The inspector is on a circular orbit of its own');
    expect(text).toContain('In CW terms, the in-track drift per orbit');
    expect(text).toContain('How far along the track');
    expect(text).toMatch(/Answer[\s\S]*-9.425 km/);
    expect(await page.getByTestId('lesson-figure').isVisible()).toBe(true);
    expect(await page.getByTestId('lesson-submit').isVisible()).toBe(false);
    expect(await panel.locator('.katex').count()).toBeGreaterThanOrEqual(3);
    expect(await page.evaluate(() => document.fonts.check('16px KaTeX_Main'))).toBe(true);
    await screenshot(page, 'lesson-print');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.byteLength).toBeGreaterThan(10_000);
    expect(foreign).toEqual([]);
    await page.close();
  });
});
