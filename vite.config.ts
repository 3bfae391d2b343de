import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { offlineCache } from './scripts/vite-offline.ts';

/**
 * Starts the trajectory worker from index.html's head (production builds), before the page's own
 * scripts have loaded: a classic inline script starts, from an inline blob, a module worker that
 * fetches the simulation worker's script (src/worker/sim.worker.ts, bundled into one file),
 * sends it to the page as a Blob, and imports it, replaying the messages that came meanwhile.
 * Nothing of this waits for the page's main thread, busy with its own scripts. The page finds
 * `window.__rpoSimWorker` ({@link EarlyWorker} of src/worker/client.ts): that worker, the script
 * as a blob: URL (the other workers start from it: fetched once), and the first error the worker
 * reported before the page took it over. A script that does not load rejects `script`; one that
 * fails to run is the worker's error.
 */
function startSimWorkerEarly(): Plugin {
  return {
    name: 'rpo-start-sim-worker-early',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const file = Object.keys(ctx.bundle ?? {}).find((f) =>
          /(^|\/)sim\.worker-[^/]*\.js$/.test(f),
        );
        if (file === undefined) throw new Error('the build has no sim.worker script to start');
        const code = `(() => {
  const url = new URL(${JSON.stringify(`./${file}`)}, document.baseURI).href;
  const boot = \`const queued = [];
self.onmessage = (e) => queued.push(e);
fetch(\${JSON.stringify(url)})
  .then((r) => {
    if (!r.ok) throw new Error(\${JSON.stringify(url)} + ': HTTP ' + r.status);
    return r.blob();
  })
  .then(
    (blob) => {
      self.postMessage({ kind: 'rpo-sim-script', blob });
      return import(URL.createObjectURL(blob)).then(
        () => { for (const e of queued.splice(0)) self.onmessage(e); },
        (err) => setTimeout(() => { throw err; }),
      );
    },
    (err) => self.postMessage({ kind: 'rpo-sim-script', error: err.message ?? String(err) }),
  );\`;
  const early = {};
  const w = new Worker(URL.createObjectURL(new Blob([boot], { type: 'text/javascript' })), {
    type: 'module',
  });
  w.addEventListener('error', (e) => {
    e.preventDefault();
    early.error ??= e.message || 'unknown error';
  });
  early.worker = Promise.resolve(w);
  early.script = new Promise((resolve, reject) => {
    w.addEventListener('message', (e) => {
      if (e.data?.kind !== 'rpo-sim-script') return;
      if (e.data.error === undefined) resolve(URL.createObjectURL(e.data.blob));
      else reject(new Error(e.data.error));
    });
  });
  early.script.catch(() => {});
  window.__rpoSimWorker = early;
})();`;
        // right after the charset, which has to come in the first 1024 bytes
        const charset = '<meta charset="UTF-8" />';
        if (!html.includes(charset)) throw new Error(`index.html has no ${charset}`);
        return html.replace(charset, `${charset}\n    <script>${code}</script>`);
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
