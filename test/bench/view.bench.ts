/**
 * View benchmark (`npm run bench:view`): frame rate of the production build in headless Chromium
 * with software WebGL (SwiftShader), and the size of the JavaScript it ships.
 *
 * 1. Builds the app with Vite's API and serves dist/ under a sub-path (/rpo-sim/) with the plain
 *    static server of the browser tests (test/e2e/staticServer.ts), which counts requests.
 * 2. Opens it at 1024x640 (flags of test/e2e/browser.ts) in a fresh profile, and reports when the
 *    3D scene first drew the scenario (the first frame rendered after the scenario reached the
 *    page, read on every animation frame, ms after navigation start) and which files were fetched more than once before the
 *    app was ready. Then waits for the default scenario and the plots, sets 10000x, starts
 *    playback, warms up for 1 s, then counts requestAnimationFrame callbacks for 5 s in the page.
 * 3. Edit to new trajectory (issue 5): pauses, opens the plan editor, types 12 new values into
 *    the V-bar hop's "to I [m]" input (one at a time, each after the previous one is drawn and
 *    scored) and reads the page's edit timings (`window.__rpoEditTiming`, src/state/editTiming.ts):
 *    the worker's compute time, the response's arrival, and the end of the first frame that drew
 *    the new trajectory, each from the keystroke: for the exact 1 s run, and for a preview
 *    (coarser step) when the plan is heavy enough to get one (src/worker/compute.ts). Medians of the last 10 (2 warm-up).
 * 4. Frame rate again, playing with the editor open.
 * 5. Sums the gzip size of dist/assets/*.js: first load (the entry script and its
 *    modulepreloads, as index.html lists them) apart from the chunks loaded later.
 *
 * Options: --width=W --height=H --seconds=S --speed=X --scenario=NAME --no-build
 *
 * Chromium caps the rate at 60 Hz. On a machine with 2 cores the result depends on what else
 * runs: measure on an idle machine.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { launchBrowser } from '../e2e/browser.ts';
import { serveStatic } from '../e2e/staticServer.ts';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k!, v ?? 'true'] as const;
  }),
);
const width = Number(args.get('width') ?? 1024);
const height = Number(args.get('height') ?? 640);
const seconds = Number(args.get('seconds') ?? 5);
const speed = Number(args.get('speed') ?? 10000);
const scenario = args.get('scenario') ?? 'skynet5a-inspection';

/** Counts animation frames for MS ms in the page; resolves with counts and frame-time stats. */
const FRAME_COUNTER = `new Promise((resolve) => {
  const gaps = [];
  let last = performance.now();
  const start = last;
  const frame = (now) => {
    gaps.push(now - last);
    last = now;
    if (now - start < MS) requestAnimationFrame(frame);
    else {
      const sorted = [...gaps].sort((a, b) => a - b);
      resolve({
        frames: gaps.length,
        elapsedMs: now - start,
        worstMs: sorted[sorted.length - 1] ?? 0,
        p95Ms: sorted[Math.floor(0.95 * (sorted.length - 1))] ?? 0,
      });
    }
  };
  requestAnimationFrame(frame);
})`;

/**
 * Records in `window.__firstSceneMs` (performance.now(), ms after navigation start) the first
 * animation frame at which the 3D renderer has drawn a frame since the first scenario reached the
 * page (`data-mission-serial="1"`): the scene with the scenario in it (init script).
 */
const FIRST_SCENE_WATCH = `(() => {
  let frameAtMission = null;
  const check = () => {
    const frame = window.__rpoScene?.gl.info.render.frame;
    const app = document.querySelector('[data-testid="app"]');
    if (frameAtMission === null && app?.dataset.missionSerial === '1' && frame !== undefined)
      frameAtMission = frame;
    if (frameAtMission !== null && frame > frameAtMission) window.__firstSceneMs = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})()`;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/** Frame statistics measured by FRAME_COUNTER. */
interface FrameResult {
  frames: number;
  elapsedMs: number;
  worstMs: number;
  p95Ms: number;
}

/** Median of a list. */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? Number.NaN : n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/** gzip sizes of the built JavaScript, first load apart from lazy chunks. */
function bundleSizes(dist: string) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const firstLoad = new Set(
    [...html.matchAll(/(?:src|href)="\.?\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!),
  );
  const rows = readdirSync(join(dist, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => {
      const buf = readFileSync(join(dist, 'assets', f));
      return {
        file: f,
        raw: buf.length,
        gzip: gzipSync(buf, { level: 9 }).length,
        first: firstLoad.has(f),
      };
    })
    .sort((a, b) => b.gzip - a.gzip);
  const sum = (first: boolean) =>
    rows
      .filter((r) => r.first === first)
      .reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip }), { raw: 0, gzip: 0 });
  return { rows, first: sum(true), lazy: sum(false) };
}

async function main(): Promise<void> {
  if (args.get('no-build') !== 'true') {
    process.stdout.write('building... ');
    await build({ logLevel: 'warn' });
    console.log('done');
  }
  /** Paths of the JavaScript files the page fetched until its first scene was drawn. */
  let fetchedFirst: string[] = [];
  const server = await serveStatic(join(process.cwd(), 'dist'), '/rpo-sim/');
  const url = server.url;
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width, height } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(FIRST_SCENE_WATCH);
    const t0 = Date.now();
    await page.goto(`${url}?play=0&scenario=${encodeURIComponent(scenario)}`);
    await page.waitForSelector('[data-testid="app"][data-mission-serial="1"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="plot-range"] canvas', { timeout: 60_000 });
    const readyMs = Date.now() - t0;
    const firstSceneMs = (await page
      .waitForFunction('window.__firstSceneMs', undefined, {
        timeout: 60_000,
      })
      .then((h) => h.jsonValue())) as number;
    const twice = [...server.requests].filter(([, n]) => n > 1);
    // the page's own script fetches until the first scene (not the service worker's cache fill)
    fetchedFirst = (await page.evaluate(
      `performance.getEntriesByType('resource').filter((e) => e.startTime <= ${firstSceneMs} && e.name.endsWith('.js')).map((e) => new URL(e.name).pathname)`,
    )) as string[];
    await page.getByTestId('speed-select').selectOption(String(speed));
    await page.keyboard.press('Space');
    await page.waitForTimeout(1000);
    // A string, not a function: tsx would wrap a function with helpers the page does not have.
    const result = (await page.evaluate(
      FRAME_COUNTER.replace('MS', String(seconds * 1000)),
    )) as FrameResult;
    const info = await page.evaluate(() => {
      const s = (
        window as {
          __rpoScene?: { gl: { info: { render: { calls: number; triangles: number } } } };
        }
      ).__rpoScene;
      const hud = document.querySelector('[data-testid="hud-met"]')?.textContent ?? '';
      return {
        calls: s?.gl.info.render.calls ?? -1,
        triangles: s?.gl.info.render.triangles ?? -1,
        hud,
      };
    });
    const fps = (result.frames / result.elapsedMs) * 1000;
    console.log(
      `\nView benchmark: ${scenario}, ${width}x${height}, ${speed}x, headless Chromium + SwiftShader`,
    );
    console.log(`  first scene drawn: ${firstSceneMs.toFixed(0)} ms after navigation start`);
    console.log(`  ready (scenario run, scene and plots drawn): ${readyMs} ms after navigation`);
    console.log(
      `  fetched more than once during the first load: ${twice.length === 0 ? 'nothing' : twice.map(([p, n]) => `${p} (${n}x)`).join(', ')}`,
    );
    console.log(
      `  fps: ${fps.toFixed(1)} over ${(result.elapsedMs / 1000).toFixed(1)} s (${result.frames} frames)`,
    );
    console.log(
      `  frame time p95 ${result.p95Ms.toFixed(1)} ms, worst ${result.worstMs.toFixed(1)} ms`,
    );
    console.log(
      `  draw calls ${info.calls}, triangles ${info.triangles}; clock reached ${info.hud}`,
    );

    // Edit to new trajectory: the plan editor, paused, one keystroke-edit at a time.
    await page.keyboard.press('Space');
    await page.getByTestId('edit-plan').click();
    await page.waitForSelector('[data-testid="maneuver-editor"]', { timeout: 60_000 });
    const settled = async () => {
      await page.waitForSelector('[data-testid="doc-status"][data-status="ok"]');
      await page.waitForSelector('[data-testid="app"][data-score-state="current"]');
    };
    await settled();
    const input = page.getByTestId('maneuver-0-0').getByLabel('to I [m]', { exact: true });
    const EDITS = 12;
    for (let k = 0; k < EDITS; k++) {
      const before = (await page.evaluate('window.__rpoEditTiming.samples.length')) as number;
      await input.fill(String(-4000 + 10 * (k + 1)));
      await page.waitForFunction(`window.__rpoEditTiming.samples.length > ${before}`, undefined, {
        timeout: 30_000,
      });
      await settled();
      await page.waitForTimeout(150);
    }
    const all = (await page.evaluate('window.__rpoEditTiming.samples')) as {
      id: number;
      stage: 'preview' | 'exact';
      computeMs: number;
      responseMs: number;
      drawnMs: number;
    }[];
    const ids = [...new Set(all.map((x) => x.id))].slice(-(EDITS - 2));
    for (const stage of ['preview', 'exact'] as const) {
      const samples = all.filter((x) => x.stage === stage && ids.includes(x.id));
      if (samples.length === 0) {
        console.log(
          `  edit to ${stage} trajectory: none (the plan is light enough to be answered exactly)`,
        );
        continue;
      }
      const med = (key: 'computeMs' | 'responseMs' | 'drawnMs') =>
        median(samples.map((x) => x[key])).toFixed(1);
      console.log(
        `  edit to ${stage === 'preview' ? 'new trajectory (preview, 9 s steps)' : 'exact trajectory (1 s steps)'}, ${samples.length} edits of the hop's "to I", medians: worker ${med('computeMs')} ms, in the page ${med('responseMs')} ms, drawn ${med('drawnMs')} ms after the keystroke`,
      );
      console.log(
        `    drawn, each edit (ms): ${samples.map((x) => x.drawnMs.toFixed(0)).join(' ')}`,
      );
    }

    // Frame rate with the editor open, playing.
    await page.getByTestId('speed-select').selectOption(String(speed));
    await page.keyboard.press('Space');
    await page.waitForTimeout(1000);
    const open = (await page.evaluate(
      FRAME_COUNTER.replace('MS', String(seconds * 1000)),
    )) as FrameResult;
    console.log(
      `  fps with the plan editor open: ${((open.frames / open.elapsedMs) * 1000).toFixed(1)} (frame time p95 ${open.p95Ms.toFixed(1)} ms, worst ${open.worstMs.toFixed(1)} ms)`,
    );
    if (errors.length > 0) console.log(`  page errors: ${errors.join(' | ')}`);
  } finally {
    await browser.close();
    await server.close();
  }

  const sizes = bundleSizes('dist');
  console.log('\nProduction JavaScript (gzip -9):');
  for (const r of sizes.rows) {
    console.log(
      `  ${r.first ? 'first' : 'lazy '}  ${kb(r.gzip).padStart(9)}  (${kb(r.raw)} raw)  ${r.file}`,
    );
  }
  console.log(`  first load: ${kb(sizes.first.gzip)} gzip (${kb(sizes.first.raw)} raw)`);
  const fetched = sizes.rows.filter((r) =>
    fetchedFirst.some((p) => p.endsWith(`/assets/${r.file}`)),
  );
  console.log(
    `  fetched by the page until the first scene (with the worker's): ${kb(fetched.reduce((a, r) => a + r.gzip, 0))} gzip in ${fetched.length} files`,
  );
  console.log(`  lazy chunks: ${kb(sizes.lazy.gzip)} gzip (${kb(sizes.lazy.raw)} raw)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
