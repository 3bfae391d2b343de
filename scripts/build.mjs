// Builds the command line and the library into dist/node/ with esbuild (run by the `prepare`
// script, so `npm install` in a clone and `npm pack` both produce it; about a second).
//
// Entries: rpo-sim.mjs (the bin, src/cli/bin.ts), index.mjs (the library, src/index.ts),
// schema.mjs (`rpo-sim/schema`), montecarlo-worker.mjs (the Monte Carlo worker thread). Modules
// loaded on demand (the CLI's main module, the trigger-expression parser with mathjs, the Monte
// Carlo command) become chunks of their own, so `rpo-sim --version` and runs without triggers do
// not load them. Every file lands in one folder two levels below the package root, where the
// code finds `./montecarlo-worker.mjs`, `../../package.json` and `../../scenarios/` as it does
// from src/cli/. Dependencies are bundled: the built package needs nothing else at run time.
//
//   node scripts/build.mjs         the JavaScript (dist/node/; `prepare`)
//   node scripts/build.mjs types   the library's .d.ts files (dist/types/; `prepack`, as tsc takes
//                                  seconds and only the packed package needs them)

import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles the CLI and library into `<root>/dist/node`. */
export async function buildNode() {
  const outdir = join(root, 'dist', 'node');
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: [
      { in: 'src/cli/bin.ts', out: 'rpo-sim' },
      { in: 'src/index.ts', out: 'index' },
      { in: 'src/schema.ts', out: 'schema' },
      { in: 'src/cli/montecarloWorker.ts', out: 'montecarlo-worker' },
    ],
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    // ES module builds first: jsonc-parser's `main` is a UMD bundle whose dynamic `require`s an
    // ES module bundle cannot serve
    mainFields: ['module', 'main'],
    // the job queue's client stays an installed dependency: BullMQ reads its Lua scripts from
    // its own package folder at run time, which a bundle does not carry
    external: ['bullmq', 'ioredis'],
    target: 'node20.19',
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });
}

/** Emits the declaration files of the library entries into `<root>/dist/types`. */
export function buildTypes() {
  rmSync(join(root, 'dist', 'types'), { recursive: true, force: true });
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.types.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv[2] === 'types') buildTypes();
  else await buildNode();
}
