/**
 * Builds dist/node (the packaged command line and library, scripts/build.mjs) once per test run,
 * so that the tests that spawn `dist/node/rpo-sim.mjs` run the current sources.
 */

import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
