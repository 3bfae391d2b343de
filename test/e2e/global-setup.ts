/**
 * Builds the app once and serves the production bundle on localhost for the browser tests.
 * The URL reaches the tests through `inject('baseUrl')`.
 */

import type { TestProject } from 'vitest/node';
import { build, preview } from 'vite';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  await build({ logLevel: 'warn' });
  const server = await preview({
    preview: { port: 0, strictPort: false, host: '127.0.0.1' },
    logLevel: 'warn',
  });
  const address = server.resolvedUrls?.local[0];
  if (!address) throw new Error('vite preview did not report its URL');
  project.provide('baseUrl', address);
  return async () => {
    await server.close();
  };
}
