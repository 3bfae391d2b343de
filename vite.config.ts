import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { offlineCache } from './scripts/vite-offline.ts';

/**
 * Starts the trajectory worker from index.html's head (production builds): a classic inline script
 * fetches the simulation worker's script (src/worker/sim.worker.ts, bundled into one file) and
 * starts a worker from it while the page's own scripts still load and run, instead of once the
 * page has rendered. It leaves `window.__rpoSimWorker` ({@link EarlyWorker} of
 * src/worker/client.ts): the script's blob: URL (the other workers start from it, so it is
 * fetched once) and the started worker, with the first error it reported before the page took it.
 */
function startSimWorkerEarly(): Plugin {
  return {
    name: 'rpo-start-sim-worker-early',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const file = Object.keys(ctx.bundle ?? {}).find((f) =>
          /(^|\/)sim\.worker-[^/]*\.js$/.test(f),
        );
        if (file === undefined) throw new Error('the build has no sim.worker script to start');
        const code = `(() => {
  const url = new URL(${JSON.stringify(`./${file}`)}, document.baseURI).href;
  const early = {};
  early.script = fetch(url)
    .then((r) => {
      if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
      return r.blob();
    })
    .then((b) => URL.createObjectURL(b));
  early.worker = early.script.then((s) => {
    const w = new Worker(s, { type: 'module' });
    w.addEventListener('error', (e) => {
      e.preventDefault();
      early.error ??= e.message || 'unknown error';
    });
    return w;
  });
  early.script.catch(() => {});
  early.worker.catch(() => {});
  window.__rpoSimWorker = early;
})();`;
        return [{ tag: 'script', children: code, injectTo: 'head-prepend' }];
      },
    },
  };
}

export default defineConfig({
  // Relative URLs throughout the build, so it works from any sub-path of a static host.
  base: './',
  plugins: [react(), offlineCache(), startSimWorkerEarly()],
  server: { port: 5173 },
  // three + react-three-fiber cannot be tree-shaken below ~1 MB; the physics is a lazy chunk.
  build: { chunkSizeWarningLimit: 1500 },
  // the simulation workers are module workers (src/worker/client.ts); satellite.js's entry
  // re-exports a WebAssembly build with top-level await, which only the es format can bundle
  worker: { format: 'es' },
  preview: { port: 4173 },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/e2e/**', 'node_modules/**'],
          environment: 'node',
          setupFiles: ['test/setup/fast-check.ts', 'test/setup/expressions.ts'],
          globalSetup: ['test/setup/build-cli.ts'],
          // Vitest's 5 s default fails tests of fixed work (property runs, full plans) when this
          // shared 2-core machine is ten times slower under load; speed is npm run bench's job.
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
