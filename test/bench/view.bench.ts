/**
 * View benchmark (`npm run bench:view`): frame rate of the production build in headless Chromium
 * with software WebGL (SwiftShader), and the size of the JavaScript it ships.
 *
 * 1. Builds the app with Vite's API and serves dist/ under a sub-path (/rpo-sim/) with the plain
 *    static server of the browser tests (test/e2e/staticServer.ts), which counts requests.
 * 2. First scene: opens it at 1024x640 (flags of test/e2e/browser.ts), each time in a browser
 *    of its own (fresh profile, empty HTTP and GPU program caches), `--rounds` times (default 3),
 *    and reports the median time to the first scene drawn (FIRST_SCENE_WATCH below: the first
 *    frame whose WebGL picture is not blank and contains the scenario's trajectory), the gzip
 *    size of the JavaScript the page fetched until then and the files fetched more than once.
 *    With `RPO_PEER_DIST` set to the build folder of the closest web peer (sakobu/rpo-r3f-demo,
 *    `vite build` of its repository), its loads alternate with ours (a different app first in each
 *    round), served by the same server (at `/`, where its build expects to be), measured the same
 *    way (READY is `true`: its scene is drawn synchronously). The peer fetches the fonts of its
 *    drei `<Text>` labels from cdn.jsdelivr.net; with no internet, `RPO_PEER_INTERNET` names a
 *    local copy laid out as HOST/PATH (e.g. `cdn.jsdelivr.net/gh/lojjic/unicode-font-resolver@v1.0.1/
 *    packages/data/...` from that repository's v1.0.1), answered by the browser's request routing:
 *    faster than the real CDN, so the peer's figure is, if anything, flattered.
 *    Then, in one more page of ours, waits for the default scenario and the plots, sets
 *    10000x, starts playback, warms up for 1 s, then counts requestAnimationFrame callbacks for
 *    5 s in the page.
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
 * Options: --width=W --height=H --seconds=S --speed=X --scenario=NAME --rounds=N --no-build
 * --first-only (steps 2 and 5 only) --against=DIR (in step 2, alternate also with another build
 * of rpo-sim in DIR, e.g. one of main, measured as ours: an A/B comparison of first scenes)
 *
 * Chromium caps the rate at 60 Hz. On a machine with 2 cores the result depends on what else
 * runs: measure on an idle machine.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { extname, join } from 'node:path';
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
const rounds = Number(args.get('rounds') ?? 3);

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
 * "First scene drawn", defined the same way for any app (init script; `READY` is an expression
 * saying whether the app's scene content is in its scene graph): the first frame in which the
 * page's WebGL canvas drew, with READY true, a picture that is not blank. Every draw call
 * (`drawArrays`, `drawElements` and their instanced forms, WebGL 1 and 2) is watched; after the
 * task that drew (the renderer draws a whole frame in one animation-frame callback), a microtask
 * reads the default framebuffer (`readPixels`, before the frame is presented, so the picture is
 * still there) and counts the pixels that differ from the clear colour. At least 0.1 % of them
 * differing is a drawn scene: `window.__firstSceneMs` is then performance.now() (ms after
 * navigation start). Frames drawn before READY holds (a background, an empty sky) do not count.
 */
const FIRST_SCENE_WATCH = `(() => {
  const ready = () => READY;
  let pending = false;
  const check = (gl) => {
    pending = false;
    if (window.__firstSceneMs !== undefined || !ready()) return;
    const w = gl.drawingBufferWidth;
    const h = gl.drawingBufferHeight;
    const px = new Uint8Array(w * h * 4);
    const webgl2 = typeof WebGL2RenderingContext !== 'undefined' && gl instanceof WebGL2RenderingContext;
    const target = webgl2 ? gl.READ_FRAMEBUFFER : gl.FRAMEBUFFER;
    const bound = gl.getParameter(webgl2 ? gl.READ_FRAMEBUFFER_BINDING : gl.FRAMEBUFFER_BINDING);
    gl.bindFramebuffer(target, null);
    gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, px);
    gl.bindFramebuffer(target, bound);
    const clear = gl.getParameter(gl.COLOR_CLEAR_VALUE);
    const c = [0, 1, 2].map((i) => Math.round(clear[i] * 255));
    let differ = 0;
    for (let o = 0; o < px.length; o += 4)
      if (Math.abs(px[o] - c[0]) + Math.abs(px[o + 1] - c[1]) + Math.abs(px[o + 2] - c[2]) > 6) differ++;
    if (differ >= 0.001 * w * h) window.__firstSceneMs = performance.now();
  };
  const watch = (proto) => {
    for (const name of ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced']) {
      const f = proto[name];
      if (typeof f !== 'function') continue;
      proto[name] = function (...a) {
        if (!pending && window.__firstSceneMs === undefined) {
          pending = true;
          queueMicrotask(() => check(this));
        }
        return f.apply(this, a);
      };
    }
  };
  if (typeof WebGLRenderingContext !== 'undefined') watch(WebGLRenderingContext.prototype);
  if (typeof WebGL2RenderingContext !== 'undefined') watch(WebGL2RenderingContext.prototype);
})()`;

/**
 * READY for rpo-sim: a trail of the scenario is in the scene with its segments built
 * (src/view/scene/Trail.tsx), so a frame counts only once it draws the scenario's trajectory.
 */
const OURS_READY = `(() => {
  let built = false;
  window.__rpoScene?.scene.traverse((o) => {
    const g = o.name.startsWith('trail-') ? o.children[0]?.geometry : undefined;
    if (g && Object.keys(g.attributes).length > 0) built = true;
  });
  return built;
})()`;

/** What one fresh page load measured. */
interface FirstLoad {
  /** First scene drawn, ms after navigation start. */
  firstSceneMs: number;
  /** Paths of the JavaScript files the page and its workers fetched until then. */
  scripts: string[];
  /** Files the server was asked for more than once, with their counts. */
  twice: [string, number][];
}

/**
 * Opens an app in a browser of its own (fresh profile, empty HTTP and GPU program caches), served
 * from `dir` under `prefix` by test/e2e/staticServer.ts, and measures its first scene.
 */
async function firstLoad(
  dir: string,
  prefix: string,
  query: string,
  ready: string,
  internet?: string,
): Promise<FirstLoad> {
  const server = await serveStatic(dir, prefix);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width, height } });
    if (internet !== undefined) {
      // what the app fetches from other hosts, from a local copy laid out as HOST/PATH
      await page.route(/^https:\/\//, async (route) => {
        const url = new URL(route.request().url());
        const file = join(internet, url.host, decodeURIComponent(url.pathname));
        const body = await readFile(file).catch(() => null);
        await (body === null
          ? route.fulfill({ status: 404 })
          : route.fulfill({ status: 200, body, contentType: TYPES[extname(file)] }));
      });
    }
    page.on('pageerror', (e) => console.log(`  page error: ${e.message}`));
    await page.addInitScript(FIRST_SCENE_WATCH.replace('READY', ready));
    await page.goto(`${server.url}${query}`);
    const firstSceneMs = (await page
      .waitForFunction('window.__firstSceneMs', undefined, { timeout: 120_000 })
      .then((h) => h.jsonValue())) as number;
    // what the server was asked for by then, the workers' own fetches included (the page's
    // resource timing does not list a script a worker fetched): the page's clock and the
    // server's are the same wall clock
    const sceneWallMs = ((await page.evaluate('performance.timeOrigin')) as number) + firstSceneMs;
    const served = [...server.firstRequestMs]
      .filter(([p, at]) => p.endsWith('.js') && at <= sceneWallMs)
      .map(([p]) => p);
    const scripts = (await page.evaluate(
      `performance.getEntriesByType('resource').filter((e) => e.startTime <= ${firstSceneMs} && e.name.endsWith('.js')).map((e) => new URL(e.name).pathname)`,
    )) as string[];
    for (const p of served) if (!scripts.some((s) => s.endsWith(`/${p}`))) scripts.push(`/${p}`);
    return { firstSceneMs, scripts, twice: [...server.requests].filter(([, n]) => n > 1) };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** gzip -9 size of the files of `dir` named by `paths` (URL paths ending in their names). */
function gzipOf(dir: string, paths: string[]): number {
  const files = readdirSync(join(dir, 'assets'));
  return paths
    .map((p) => files.find((f) => p.endsWith(`/assets/${f}`)))
    .filter((f) => f !== undefined)
    .reduce((a, f) => a + gzipSync(readFileSync(join(dir, 'assets', f)), { level: 9 }).length, 0);
}

/** Content types of the files the peer fetches from other hosts. */
const TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.js': 'text/javascript',
};

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

/**
 * Frame rate playing, edit-to-frame timings and frame rate with the editor open, in one page of
 * the build in `dir` (steps 3 and 4 of the header).
 */
async function frameRateAndEdits(dir: string, query: string): Promise<void> {
  const server = await serveStatic(dir, '/rpo-sim/');
  const url = server.url;
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width, height } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const t0 = Date.now();
    await page.goto(`${url}${query}`);
    await page.waitForSelector('[data-testid="app"][data-mission-serial="1"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="plot-range"] canvas', { timeout: 60_000 });
    const readyMs = Date.now() - t0;
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
    console.log(`  ready (scenario run, scene and plots drawn): ${readyMs} ms after navigation`);
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
}

async function main(): Promise<void> {
  if (args.get('no-build') !== 'true') {
    process.stdout.write('building... ');
    await build({ logLevel: 'warn' });
    console.log('done');
  }
  const ours = join(process.cwd(), 'dist');
  const peer = process.env.RPO_PEER_DIST;
  const against = args.get('against');
  const query = `?play=0&scenario=${encodeURIComponent(scenario)}`;
  /** Alternated fresh loads (a different app first in each round). */
  type Who = 'ours' | 'peer' | 'against';
  const loads: Record<Who, FirstLoad[]> = { ours: [], peer: [], against: [] };
  const who: Who[] = ['ours'];
  if (peer !== undefined) who.push('peer');
  if (against !== undefined) who.push('against');
  for (let r = 0; r < rounds; r++) {
    // a different one first in each round
    const order = who.map((_, i) => who[(i + r) % who.length]!);
    for (const w of order) {
      loads[w].push(
        w === 'peer'
          ? await firstLoad(peer!, '/', '', 'true', process.env.RPO_PEER_INTERNET)
          : await firstLoad(w === 'ours' ? ours : against!, '/rpo-sim/', query, OURS_READY),
      );
    }
  }
  console.log(
    `\nFirst scene: ${rounds} fresh loads each${peer === undefined ? '' : ', alternated with the peer app'}, ${width}x${height}, headless Chromium + SwiftShader, load average ${loadavg()[0]!.toFixed(1)}`,
  );
  const report = (name: string, dir: string, runs: FirstLoad[]) => {
    const twice = runs.flatMap((l) => l.twice.map(([p, n]) => `${p} (${n}x)`));
    const last = runs[runs.length - 1]!;
    console.log(
      `  ${name}: first scene drawn ${(median(runs.map((l) => l.firstSceneMs)) / 1000).toFixed(2)} s median after navigation start (each: ${runs.map((l) => (l.firstSceneMs / 1000).toFixed(2)).join(' ')} s); JavaScript fetched until then ${kb(gzipOf(dir, last.scripts))} gzip in ${last.scripts.length} files; fetched more than once: ${twice.length === 0 ? 'nothing' : twice.join(', ')}`,
    );
  };
  report('rpo-sim', ours, loads.ours);
  if (peer === undefined)
    console.log('  peer app: not measured (set RPO_PEER_DIST to its build folder)');
  else report(`peer (${peer})`, peer, loads.peer);
  if (against !== undefined) report(`rpo-sim (${against})`, against, loads.against);

  if (args.get('first-only') !== 'true') await frameRateAndEdits(ours, query);

  const sizes = bundleSizes('dist');
  console.log('\nProduction JavaScript (gzip -9):');
  for (const r of sizes.rows) {
    console.log(
      `  ${r.first ? 'first' : 'lazy '}  ${kb(r.gzip).padStart(9)}  (${kb(r.raw)} raw)  ${r.file}`,
    );
  }
  console.log(`  first load: ${kb(sizes.first.gzip)} gzip (${kb(sizes.first.raw)} raw)`);
  console.log(`  lazy chunks: ${kb(sizes.lazy.gzip)} gzip (${kb(sizes.lazy.raw)} raw)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
