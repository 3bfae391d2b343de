// What the built command line loads at start-up (issue 18: `rpo-sim run` of an example under
// 0.3 s). Start-up time itself is measured by `npm run bench` (test/bench/startup.bench.ts), never
// here: this machine's speed varies tenfold. What a test can pin is the JavaScript a verb loads,
// which the time follows (V8 parses every byte of a loaded module, and zod builds its schemas at
// load): a Node loader hook logs each file of dist/node that a spawned `rpo-sim` loads.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HEAVY_TEST_TIMEOUT_MS } from '../helpers.ts';

// dist/node is built from the current sources by test/setup/build-cli.ts before the tests run.
const BUILT = 'dist/node/rpo-sim.mjs';

/**
 * Bytes of built JavaScript that `run` of an example may load. Measured: 606 kB since zod is
 * imported as a namespace (1038 kB before, when all 64 of its locales came along). A static
 * import that pushes the run past this belongs behind a dynamic import(), or the budget goes up
 * with the start-up bench's figures in the commit.
 */
const RUN_BUDGET_BYTES = 700_000;

const dir = mkdtempSync(join(tmpdir(), 'rpo-startup-'));
const hooks = join(dir, 'hooks.mjs');
writeFileSync(
  hooks,
  `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.includes('/dist/node/')) appendFileSync(process.env.RPO_LOAD_LOG, url + '\\n');
  return next(url, context);
}
`,
);
const register = join(dir, 'register.mjs');
writeFileSync(
  register,
  `import { register } from 'node:module';
register(${JSON.stringify(pathToFileURL(hooks).href)});
`,
);

let runs = 0;
/** Runs the built CLI; returns the paths of the dist/node files it loaded, in load order. */
function loadedFiles(...args: string[]): string[] {
  const log = join(dir, `loaded-${runs++}.txt`);
  writeFileSync(log, '');
  const r = spawnSync('node', ['--import', register, BUILT, ...args], {
    encoding: 'utf8',
    env: { ...process.env, RPO_LOAD_LOG: log },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((url) => fileURLToPath(url));
}

describe('start-up of the built command line', () => {
  it(
    '`run` of an example loads at most RUN_BUDGET_BYTES of JavaScript, without zod locales',
    () => {
      const files = loadedFiles('run', 'scenarios/vbar-hop.json');
      expect(files.map((f) => basename(f))).toContain('rpo-sim.mjs');
      const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
      expect(bytes).toBeLessThanOrEqual(RUN_BUDGET_BYTES);
      // zod's German messages: `import { z } from 'zod'` defeats esbuild's tree shaking, so
      // every locale (de, es, ja, ...) was bundled and parsed at each start
      for (const f of files) expect(readFileSync(f, 'utf8')).not.toMatch(/Eingabe/);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );

  it(
    '`--version` loads the bin file alone',
    () => {
      expect(loadedFiles('--version').map((f) => basename(f))).toEqual(['rpo-sim.mjs']);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );
});
