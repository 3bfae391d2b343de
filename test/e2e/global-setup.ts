/**
 * Builds the app once and serves the production bundle on localhost for the browser tests.
 * The URL reaches the tests through `inject('baseUrl')`.
 *
 * Each run builds into its own folder (by process id), so two test runs on one machine do not
 * rebuild the bundle the other is serving; the folder is removed afterwards.
 */

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { build, preview } from 'vite';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const outDir = join('node_modules', '.cache', `e2e-dist-${process.pid}`);
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({
    build: { outDir },
    preview: { port: 0, strictPort: false, host: '127.0.0.1' },
    logLevel: 'warn',
  });
  const address = server.resolvedUrls?.local[0];
  if (!address) throw new Error('vite preview did not report its URL');
  project.provide('baseUrl', address);
  return async () => {
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  };
}
