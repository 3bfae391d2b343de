/**
 * The browser's Monte Carlo worker for the benchmark (test/bench/montecarlo.bench.ts, issue 18):
 * src/worker/montecarlo.worker.ts, the script the app starts, bundled here with esbuild and run
 * as a Web Worker in headless Chromium (test/e2e/browser.ts), driven with the app's protocol
 * (src/view/montecarlo/protocol.ts): `init` once, then `chunk` requests timed from the page.
 */

import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import type { Scenario } from '../../src/scenario/schema.ts';
import { launchBrowser } from '../e2e/browser.ts';

/** One Monte Carlo web worker in a headless Chromium page. */
export interface BrowserWorker {
  /** Runs trials start..end-1 in the worker; resolves with the wall time from request to answer, ms. */
  runChunk(start: number, end: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * The page's side, as source text (a function passed to `page.evaluate` would carry the helpers
 * tsx compiles into it): starts the worker from the script, sends `init`, and defines
 * `mcChunk(start, end)`, which resolves with the chunk's wall time, ms.
 */
const PAGE_SIDE = `({ script, scenario, seed }) => {
  const worker = new Worker(URL.createObjectURL(new Blob([script], { type: 'text/javascript' })));
  let next = () => undefined;
  worker.onmessage = (e) => next(e.data);
  window.mcChunk = (start, end) =>
    new Promise((resolve, reject) => {
      const t0 = performance.now();
      next = (res) =>
        res.type === 'chunk' ? resolve(performance.now() - t0) : reject(new Error(res.type));
      worker.postMessage({ type: 'chunk', runId: 1, start, end });
    });
  return new Promise((resolve, reject) => {
    next = (res) => (res.type === 'ready' ? resolve() : reject(new Error(res.message ?? res.type)));
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage({ type: 'init', runId: 1, scenario, seed });
  });
}`;

/** Bundles the app's Monte Carlo worker into one classic script. */
async function workerScript(): Promise<string> {
  const out = await build({
    entryPoints: [new URL('../../src/worker/montecarlo.worker.ts', import.meta.url).pathname],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
    // satellite.js's WebAssembly builds, imported on demand only (SGP4 element sets; no trial
    // reaches them): left as imports that never run, as Vite's code splitting leaves them
    external: ['#wasm-single-thread', '#wasm-multi-thread'],
  });
  return out.outputFiles[0]!.text;
}

/** Starts Chromium, a page and the worker, and sends it `init` with the scenario and seed. */
export async function openBrowserWorker(scenario: Scenario, seed: number): Promise<BrowserWorker> {
  const script = await workerScript();
  const browser: Browser = await launchBrowser();
  try {
    const page: Page = await browser.newPage();
    await page.setContent('<!doctype html><title>rpo-sim Monte Carlo worker bench</title>');
    await page.evaluate(`(${PAGE_SIDE})(${JSON.stringify({ script, scenario, seed })})`);
    return {
      runChunk: (start, end) => page.evaluate<number>(`window.mcChunk(${start}, ${end})`),
      close: () => browser.close(),
    };
  } catch (err) {
    await browser.close();
    throw err;
  }
}
