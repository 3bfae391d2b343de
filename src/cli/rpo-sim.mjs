#!/usr/bin/env node
// Launcher of the rpo-sim command line: runs the TypeScript sources through tsx, so no build
// step is needed after `npm install` (npx caches a package whose bin was missing on first call).
import { readFileSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
process.exitCode = await main(
  process.argv.slice(2),
  {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  },
  pkg.version,
);
