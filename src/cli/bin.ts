#!/usr/bin/env node
/**
 * Entry of the `rpo-sim` command line. scripts/build.mjs bundles it (with the engine) into
 * dist/node/rpo-sim.mjs, the package's `bin`; src/cli/rpo-sim.mjs runs it from the TypeScript
 * sources through tsx during development.
 *
 * `--version` answers without loading the engine; every other command loads main.ts.
 */

import { readFileSync } from 'node:fs';

/** The package's version, read from its package.json (two folders up, from src/cli or dist/node). */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

const argv = process.argv.slice(2);
if (argv[0] === '--version') {
  process.stdout.write(`${packageVersion()}\n`);
} else {
  const { main } = await import('./main.ts');
  process.exitCode = await main(
    argv,
    {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
    },
    packageVersion(),
  );
}
