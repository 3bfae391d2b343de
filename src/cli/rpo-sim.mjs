#!/usr/bin/env node
// Development launcher of the rpo-sim command line: runs the TypeScript sources (./bin.ts)
// through tsx, with no build step. The package's `bin` is the built dist/node/rpo-sim.mjs
// (scripts/build.mjs, run by `npm install` through the `prepare` script).
import { register } from 'tsx/esm/api';

register();
await import('./bin.ts');
