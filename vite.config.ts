import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { offlineCache } from './scripts/vite-offline.ts';

export default defineConfig({
  // Relative URLs throughout the build, so it works from any sub-path of a static host.
  base: './',
  plugins: [react(), offlineCache()],
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
