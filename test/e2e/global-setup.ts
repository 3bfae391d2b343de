/**
 * Builds the app once and serves the production bundle on localhost for the browser tests.
 * The URL reaches the tests through `inject('baseUrl')`.
 *
 * Each run builds into its own folder (by process id), so two test runs on one machine do not
 * rebuild the bundle the other is serving; the folder is removed afterwards.
 */

import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { build, preview } from 'vite';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The built app's folder, for tests that serve it themselves (test/e2e/static.test.ts). */
    distDir: string;
  }
}

export default async function setup(project: TestProject) {
  const outDir = join('node_modules', '.cache', `e2e-dist-${process.pid}`);
  // A production build, as shipped: Vite derives import.meta.env.PROD (React's production mode,
  // the service worker) from NODE_ENV, which Vitest sets to "test".
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const server = await preview({
    build: { outDir },
    preview: { port: 0, strictPort: false, host: '127.0.0.1' },
    logLevel: 'warn',
  });
  const address = server.resolvedUrls?.local[0];
  if (!address) throw new Error('vite preview did not report its URL');
  project.provide('baseUrl', address);
  project.provide('distDir', resolve(outDir));
  return async () => {
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  };
}
