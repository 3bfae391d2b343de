/**
 * Plan editing in a real browser (Debian Chromium, WebGL through SwiftShader), checked by what a
 * person sees: a delta-v typed in the form changes the score card and the JSON view; a transfer
 * target dragged on the in-plane plot moves the trajectory (the HUD range at the end of the run)
 * and undo brings it back; a burn dragged on the timeline moves; a reload restores the edit and
 * says so; a share link opens the same plan and score in a fresh browser; a damaged link says so
 * over a working page; a typo in the JSON view is underlined at its path; the condition field
 * completes the trigger language's names from the keyboard; the downloaded file is
 * the text with only the edit changed, and `rpo-sim run` accepts it. Every test leaves a
 * screenshot in test-results/.
 */

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { encodeShareFragment, MAX_SHARE_CHARS } from '../../src/editing/share.ts';
import { screenshot } from './browser.ts';
import { e2eApp, waitReady } from './harness.ts';
import { objectOnScreen } from './sceneObjects.ts';

const DEFAULT_TEXT = readFileSync('scenarios/skynet5a-inspection.json', 'utf8');
const { browser, pageErrors, openApp } = e2eApp();

/** Opens the plan editor on the maneuver form. */
async function openEditor(page: Page): Promise<void> {
  await page.getByTestId('edit-plan').click();
  await page.waitForSelector('[data-testid="maneuver-editor"]', { timeout: 30_000 });
}

/** Waits until the text runs and its score has arrived (after an edit). */
async function settled(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="doc-status"][data-status="ok"]', { timeout: 30_000 });
  await page.waitForSelector('[data-testid="app"][data-score-state="current"]', {
    timeout: 30_000,
  });
}

const text = (page: Page, testId: string) => page.getByTestId(testId).first().innerText();

/** The JSON view's text. */
const jsonText = (page: Page) =>
  page.evaluate(() => {
    const v = (window as { __rpoJsonEditor?: { state: { doc: { toString(): string } } } })
      .__rpoJsonEditor;
    return v ? v.state.doc.toString() : '';
  });

/** The scenario in an autosaved draft. */
function readJsonText(draft: string | null): {
  spacecraft: { maneuvers: { toPositionM: number[] }[] }[];
} {
  return JSON.parse((JSON.parse(draft ?? '{}') as { text: string }).text) as never;
}

/** The input of a maneuver's field by its accessible name, e.g. "dv I [m/s]". */
const field = (page: Page, craft: number, index: number, name: string) =>
  page.getByTestId(`maneuver-${craft}-${index}`).getByLabel(name, { exact: true });

/** Kilometres in a HUD distance ("5.00 km", "845 m"). */
function km(s: string): number {
  const m = /(-?[\d.]+)\s*(km|m)\b/.exec(s);
  if (!m) throw new Error(`not a distance: ${s}`);
  return m[2] === 'km' ? Number(m[1]) : Number(m[1]) / 1000;
}

describe('plan editing', () => {
  it('a delta-v typed in the form changes the score card, and the JSON view shows it', async () => {
    const page = await openApp();
    await openEditor(page);
    const dvBefore = await text(page, 'score-dv-GSSAP-1');
    const scoreBefore = await text(page, 'score-overall');
    // A new impulse after the last maneuver, then its in-track delta-v.
    await page.getByTestId('add-maneuver').click();
    await page.getByTestId('maneuver-0-4').waitFor();
    await settled(page);
    await field(page, 0, 4, 'dv I [m/s]').fill('0.05');
    await settled(page);
    await expect.poll(() => text(page, 'score-dv-GSSAP-1')).not.toBe(dvBefore);
    expect(await text(page, 'score-dv-GSSAP-1')).toMatch(/^1\.073 m\/s/);
    expect(await text(page, 'score-overall')).not.toBe(scoreBefore);
    // The same text in the JSON view.
    await page.getByTestId('tab-json').click();
    await page.waitForSelector('.cm-editor');
    const json = JSON.parse(await jsonText(page)) as {
      spacecraft: { maneuvers: { type: string; dvMps?: number[] }[] }[];
    };
    expect(json.spacecraft[0]!.maneuvers[4]).toMatchObject({
      type: 'impulse',
      dvMps: [0, 0.05, 0],
    });
    await screenshot(page, 'edit-dv-score-changes');
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('dragging a transfer target on the in-plane plot moves the trajectory; undo restores it', async () => {
    const page = await openApp();
    await openEditor(page);
    const handle = page.locator('[data-testid="inplane-handle"][data-key="0:3"]');
    await handle.waitFor();
    // The departure transfer arrives before the end: the range at the end is its target's.
    await page.keyboard.press('End');
    await expect.poll(async () => km(await text(page, 'hud-range-GSSAP-1'))).toBeCloseTo(5, 2);
    const serial = Number(await page.getByTestId('app').getAttribute('data-trajectory-serial'));

    const box = (await handle.boundingBox())!;
    const x0 = box.x + box.width / 2;
    const y0 = box.y + box.height / 2;
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    await page.mouse.move(x0 - 40, y0 - 25, { steps: 8 });
    await page.mouse.up();
    await settled(page);
    const rM = Number(await handle.getAttribute('data-r-m'));
    const iM = Number(await handle.getAttribute('data-i-m'));
    expect(iM).toBeLessThan(-5200);
    expect(rM).toBeGreaterThan(150);
    // New trajectories were drawn during the drag, and the end of the run is at the new target.
    expect(
      Number(await page.getByTestId('app').getAttribute('data-trajectory-serial')),
    ).toBeGreaterThan(serial);
    const expected = Math.hypot(rM, iM) / 1000;
    await expect
      .poll(async () => km(await text(page, 'hud-range-GSSAP-1')))
      .toBeCloseTo(expected, 1);
    const json = await page.evaluate(() => document.querySelector('.cm-editor') === null);
    expect(json).toBe(true);
    await screenshot(page, 'drag-transfer-in-plane');

    // One drag, one undo step.
    await page.getByTestId('undo').click();
    await settled(page);
    expect(Number(await handle.getAttribute('data-i-m'))).toBe(-5000);
    expect(Number(await handle.getAttribute('data-r-m'))).toBe(0);
    await expect.poll(async () => km(await text(page, 'hud-range-GSSAP-1'))).toBeCloseTo(5, 2);
    // And redo (keyboard) brings the drag back.
    await page.keyboard.press('Control+Shift+Z');
    await settled(page);
    expect(Number(await handle.getAttribute('data-i-m'))).toBe(iM);
    await screenshot(page, 'drag-transfer-undone-redone');
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('dragging a transfer target in the 3D view moves it in its orbit plane', async () => {
    const page = await openApp();
    await openEditor(page);
    await page.waitForTimeout(500);
    // Where the departure transfer's handle is on screen (projected with the scene's camera).
    const where = () => objectOnScreen(page, 'transfer-handle-0:3');
    const before = await where();
    await page.mouse.move(before.x, before.y);
    await page.waitForTimeout(100);
    await page.mouse.down();
    await page.mouse.move(before.x - 60, before.y - 30, { steps: 8 });
    await page.mouse.up();
    await settled(page);
    const handle = page.locator('[data-testid="inplane-handle"][data-key="0:3"]');
    const iM = Number(await handle.getAttribute('data-i-m'));
    const rM = Number(await handle.getAttribute('data-r-m'));
    // Left and up on screen: further behind (-I) and above (+R); C untouched.
    expect(iM).toBeLessThan(-5100);
    expect(rM).toBeGreaterThan(50);
    const json = readJsonText(await page.evaluate(() => localStorage.getItem('rpo-sim:draft:v1')));
    expect(json.spacecraft[0]!.maneuvers[3]!.toPositionM[2]).toBe(0);
    // The camera did not turn: the handle is under the pointer again.
    const after = await where();
    expect(Math.hypot(after.x - (before.x - 60), after.y - (before.y - 30))).toBeLessThan(12);
    await screenshot(page, 'drag-transfer-scene');
    await page.getByTestId('undo').click();
    await settled(page);
    expect(Number(await handle.getAttribute('data-i-m'))).toBe(-5000);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('dragging a burn marker along the timeline moves its start time (tS)', async () => {
    const page = await openApp();
    await openEditor(page);
    const marker = page.locator('[data-testid="timeline-marker"][data-draggable="true"]').first();
    expect(Number(await marker.getAttribute('data-t-s'))).toBe(600);
    const box = (await marker.boundingBox())!;
    const x0 = box.x + box.width / 2;
    const y0 = box.y + box.height / 2;
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    await page.mouse.move(x0 + 60, y0, { steps: 6 });
    await page.getByTestId('timeline-drag-ghost').waitFor();
    await screenshot(page, 'drag-burn-timeline');
    await page.mouse.up();
    await settled(page);
    const tS = Number(await field(page, 0, 0, 'tS [s]').inputValue());
    expect(tS).toBeGreaterThan(5000);
    // Moved in round steps, and the marker follows the new run.
    expect(tS % 100).toBe(0);
    await expect
      .poll(async () =>
        Number(
          await page
            .locator('[data-testid="timeline-marker"][data-kind="burn"]')
            .first()
            .getAttribute('data-t-s'),
        ),
      )
      .toBe(tS);
    await page.keyboard.press('Control+z');
    await settled(page);
    expect(await field(page, 0, 0, 'tS [s]').inputValue()).toBe('600');
    await page.context().close();
  });

  it('a reload keeps the edit (autosave) and says so; "discard draft" goes back', async () => {
    const page = await openApp();
    await openEditor(page);
    await field(page, 0, 0, 'to I [m]').fill('-3500');
    await settled(page);
    const edited = await text(page, 'score-card');
    await page.reload();
    await waitReady(page);
    const note = page.getByTestId('draft-note');
    await note.waitFor();
    expect(await note.getAttribute('data-kind')).toBe('restored');
    expect(await note.innerText()).toContain('skynet5a-inspection.json');
    // The editor was open: it opens again, on the edited plan and its score.
    await page.waitForSelector('[data-testid="maneuver-editor"]');
    expect(await text(page, 'score-card')).toBe(edited);
    expect(await field(page, 0, 0, 'to I [m]').inputValue()).toBe('-3500');
    await screenshot(page, 'reload-restores-draft');

    await page.getByTestId('discard-draft').click();
    await page.waitForSelector(
      '[data-testid="app"][data-mission-serial="2"][data-score-state="current"]',
    );
    expect(await field(page, 0, 0, 'to I [m]').inputValue()).toBe('-4000');
    expect(await page.getByTestId('draft-note').count()).toBe(0);
    // Nothing is restored after a discard.
    await page.reload();
    await waitReady(page);
    await page.waitForTimeout(300);
    expect(await page.getByTestId('draft-note').count()).toBe(0);
    await page.context().close();
  });

  it('a share link opens exactly that plan, with the same score card, in a fresh browser', async () => {
    const context = await browser().newContext({
      viewport: { width: 1280, height: 800 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await openApp('?play=0', { context });
    await openEditor(page);
    await field(page, 0, 0, 'to I [m]').fill('-3500');
    await field(page, 0, 1, 'duration [s]').fill('12000');
    await settled(page);
    const score = await text(page, 'score-card');
    await page.getByTestId('share-link').click();
    const note = page.getByTestId('share-note');
    await note.waitFor();
    const url = page.url();
    expect(url).toMatch(/#scenario=[A-Za-z0-9_-]+$/);
    if ((await note.innerText()).includes('Link copied')) {
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    } else {
      expect(await note.locator('input').inputValue()).toBe(url);
    }
    await screenshot(page, 'share-link-copied');

    const fresh = await openApp(url);
    expect(await fresh.getByTestId('draft-note').count()).toBe(0);
    // Same layout as the sender's (editor open), then the same score card.
    await openEditor(fresh);
    expect(await text(fresh, 'score-card')).toBe(score);
    expect(await text(fresh, 'scenario-title')).toBe(await text(page, 'scenario-title'));
    expect(await field(fresh, 0, 0, 'to I [m]').inputValue()).toBe('-3500');
    await screenshot(fresh, 'share-link-opened');
    expect(pageErrors.get(fresh)).toEqual([]);
    await fresh.context().close();
    await context.close();
  });

  it.each([
    ['cut short', () => encodeShareFragment(DEFAULT_TEXT).slice(0, -30), /damaged/],
    ['too long', () => `scenario=${'A'.repeat(MAX_SHARE_CHARS + 1)}`, /characters long/],
    [
      'not a scenario',
      () => encodeShareFragment('{ "format": "rpo-scenario", "version": 1 }'),
      /missing/,
    ],
  ])('a tampered share link (%s) shows its error over a working page', async (name, make, msg) => {
    const page = await openApp(`?play=0#${make()}`);
    const errors = page.getByTestId('load-errors');
    await errors.waitFor();
    expect(await errors.innerText()).toContain('share link');
    expect(await errors.innerText()).toMatch(msg);
    expect(await text(page, 'scenario-title')).toContain('SKYNET-5A');
    await screenshot(page, `share-link-${name.replace(/ /g, '-')}`);
    // Usable: dismiss the error and play.
    await page.getByTestId('dismiss-errors').click();
    await page.keyboard.press('Space');
    await expect
      .poll(async () => await text(page, 'hud-met'), { timeout: 10_000 })
      .not.toBe('T+00:00:00');
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('a typo in the JSON view is underlined at its path; the last trajectory stays; undo fixes it', async () => {
    const page = await openApp();
    await openEditor(page);
    await page.getByTestId('tab-json').click();
    await page.waitForSelector('.cm-editor .cm-content');
    const serial = await page.getByTestId('app').getAttribute('data-trajectory-serial');
    // Click inside the key "toInTrackM" (after "toInTrac") and type one letter.
    const at = await page.evaluate(() => {
      const v = (
        window as {
          __rpoJsonEditor?: {
            state: { doc: { toString(): string } };
            dispatch(spec: unknown): void;
            coordsAtPos(pos: number): { left: number; top: number; bottom: number } | null;
          };
        }
      ).__rpoJsonEditor!;
      const pos = v.state.doc.toString().indexOf('"toInTrackM"') + '"toInTrac'.length;
      v.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
      return pos;
    });
    await page.waitForTimeout(200);
    const xy = await page.evaluate((pos) => {
      const v = (
        window as {
          __rpoJsonEditor?: {
            coordsAtPos(pos: number): { left: number; top: number; bottom: number } | null;
          };
        }
      ).__rpoJsonEditor!;
      const c = v.coordsAtPos(pos)!;
      return { x: c.left, y: (c.top + c.bottom) / 2 };
    }, at);
    await page.mouse.click(xy.x, xy.y);
    await page.keyboard.type('x');
    expect(await jsonText(page)).toContain('"toInTracxkM"');

    await page.waitForSelector('[data-testid="doc-status"][data-status="invalid"]');
    // The unknown key is underlined (and its maneuver, where "toInTrackM" is now missing).
    const underline = page.locator('.cm-lintRange-error', { hasText: 'toInTracxkM' }).first();
    await underline.waitFor();
    expect(await underline.innerText()).toMatch(/^"toInTracxkM": -4000/);
    const issues = await text(page, 'editor-issues');
    expect(issues).toContain('spacecraft[0].maneuvers[0].toInTracxkM');
    expect(issues).toContain('did you mean "toInTrackM"');
    // The last good trajectory stays on screen.
    expect(await page.getByTestId('app').getAttribute('data-trajectory-serial')).toBe(serial);
    await underline.hover();
    await page.waitForSelector('.cm-tooltip-lint', { timeout: 5000 }).catch(() => undefined);
    await screenshot(page, 'json-typo-inline-error');
    // The form reads the same text: the hop has lost its "to I".
    await page.getByTestId('tab-form').click();
    expect(await field(page, 0, 0, 'to I [m]').inputValue()).toBe('');
    expect(await field(page, 0, 0, 'to I [m]').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'json-typo-form');

    // One history for both views: Ctrl+Z undoes the typing.
    await page.keyboard.press('Control+z');
    await settled(page);
    expect(await field(page, 0, 0, 'to I [m]').inputValue()).toBe('-4000');
    expect(await page.getByTestId('editor-issues').count()).toBe(0);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('the downloaded file keeps every field as written, in order; rpo-sim run accepts it', async () => {
    // An author's file: 4-space indent, keys in an unusual order.
    const authored = JSON.parse(DEFAULT_TEXT) as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(authored).reverse());
    const original = JSON.stringify(reordered, null, 4);
    const page = await openApp();
    await page.getByTestId('file-input').setInputFiles({
      name: 'authored.json',
      mimeType: 'application/json',
      buffer: Buffer.from(original),
    });
    await page.waitForSelector(
      '[data-testid="app"][data-mission-serial="2"][data-score-state="current"]',
    );
    await openEditor(page);
    await field(page, 0, 0, 'to I [m]').fill('-3500');
    await settled(page);
    const dv = await text(page, 'score-dv-GSSAP-1');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download').click(),
    ]);
    expect(download.suggestedFilename()).toBe('authored.json');
    mkdirSync('test-results', { recursive: true });
    const file = 'test-results/downloaded-authored.json';
    await download.saveAs(file);
    const saved = readFileSync(file, 'utf8');
    // Exactly one line differs: the edited value.
    const a = original.split('\n');
    const b = saved.split('\n');
    expect(b.length).toBe(a.length);
    const changed = b.filter((l, i) => l !== a[i]);
    expect(changed).toEqual(['                    "toInTrackM": -3500,']);
    expect(Object.keys(JSON.parse(saved) as object)).toEqual(Object.keys(reordered));

    const cli = spawnSync(process.execPath, ['src/cli/rpo-sim.mjs', 'run', file, '--json'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(cli.status, cli.stderr).toBe(0);
    const report = JSON.parse(cli.stdout) as { spacecraft: { totalDvMps: number }[] };
    expect(report.spacecraft[0]!.totalDvMps.toFixed(3)).toBe(dv.slice(0, 5));
    writeFileSync('test-results/downloaded-authored.report.json', cli.stdout);
    await page.context().close();
  });

  it('the condition field completes names: ArrowDown and Enter, Tab, Ctrl+Space, Escape', async () => {
    const page = await openApp();
    await openEditor(page);
    // Maneuver 1 of the default scenario waits for "sunPhaseDeg < 45".
    const when = page.getByTestId('field-spacecraft.0.maneuvers.1.when');
    const list = page.getByTestId('when-completions');
    const names = () => list.locator('.when-completion-label').allInnerTexts();
    await when.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('range');
    await list.waitFor({ state: 'visible', timeout: 5000 });
    expect(await names()).toEqual(['rangeM', 'rangeRateMps']);
    expect(await when.getAttribute('aria-expanded')).toBe('true');
    const first = await list.getByRole('option').first().getAttribute('id');
    expect(await when.getAttribute('aria-activedescendant')).toBe(first);
    expect(await list.getByRole('option').first().innerText()).toContain('range to the target, m');
    await screenshot(page, 'when-completion');

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await when.inputValue()).toBe('rangeRateMps');
    await list.waitFor({ state: 'hidden', timeout: 5000 });

    await page.keyboard.type(' < 0 and sun');
    expect(await names()).toEqual(['sunPhaseDeg']);
    await page.keyboard.press('Tab');
    expect(await when.inputValue()).toBe('rangeRateMps < 0 and sunPhaseDeg');
    // Tab accepted the name: the focus stays, with the caret after it.
    expect(
      await when.evaluate((el: HTMLInputElement) => [
        el === document.activeElement,
        el.selectionStart,
      ]),
    ).toEqual([true, 'rangeRateMps < 0 and sunPhaseDeg'.length]);
    await list.waitFor({ state: 'hidden', timeout: 5000 });

    // Ctrl+Space lists every name where nothing is typed; Escape closes without a change.
    await page.keyboard.press('Home');
    await page.keyboard.press('Control+Space');
    await list.waitFor({ state: 'visible', timeout: 5000 });
    expect((await names()).slice(0, 3)).toEqual(['tS', 'rangeM', 'rangeRateMps']);
    expect(await names()).toContain('hypot');
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'hidden', timeout: 5000 });
    expect(await when.getAttribute('aria-expanded')).toBe('false');

    // The text holds the condition: the JSON view shows it.
    await page.getByTestId('tab-json').click();
    await page.waitForSelector('.cm-editor');
    const json = JSON.parse(await jsonText(page)) as {
      spacecraft: { maneuvers: { when?: string }[] }[];
    };
    expect(json.spacecraft[0]!.maneuvers[1]!.when).toBe('rangeRateMps < 0 and sunPhaseDeg');
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('fits the dark theme at 1024x640 with the editor open', async () => {
    const page = await openApp('?play=0', { size: { width: 1024, height: 640 } });
    await openEditor(page);
    await page.waitForTimeout(500);
    await screenshot(page, 'editor-1024');
    const editor = (await page.getByTestId('editor').boundingBox())!;
    const scene = (await page.getByTestId('scene').boundingBox())!;
    expect(editor.width).toBeGreaterThanOrEqual(290);
    expect(scene.width).toBeGreaterThan(350);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });
});
