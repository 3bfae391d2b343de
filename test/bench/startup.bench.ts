/**
 * Start-up benchmark (issue 18): `npx tsx test/bench/startup.bench.ts`, printed as Markdown.
 *
 * Builds dist/node (scripts/build.mjs), then times whole processes the way hyperfine does: each
 * command is spawned RUNS times after WARMUP unmeasured runs, and the median wall time (spawn to
 * exit) is reported with the fastest run. Rows:
 * - `node -e 0`: Node's own start, the floor under everything else;
 * - the built `rpo-sim --version` and `rpo-sim run` of two examples (V-bar hop: no trigger, 24 h
 *   CW at 10 s; the default SKYNET-5A inspection: a `when` trigger, so the expression parser
 *   loads, and 48 h nonlinear at 1 s with a full score card, ~30 ms of physics);
 * - the same run through the tsx development launcher (what `bin` ran before the build);
 * - the library: a process that imports `dist/node/index.mjs` and evaluates the V-bar hop.
 * Target: the built `--version` and `run` of an example under 0.3 s (median).
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const RUNS = Number(process.env.RUNS ?? 15);
const WARMUP = 2;

execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });

/** Median and minimum wall time of a command, ms. */
function time(args: string[]): { medianMs: number; minMs: number } {
  const ms: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    const dt = performance.now() - t0;
    if (r.status !== 0)
      throw new Error(`node ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
    if (i >= WARMUP) ms.push(dt);
  }
  ms.sort((a, b) => a - b);
  const mid = ms.length >> 1;
  const medianMs = ms.length % 2 ? ms[mid]! : (ms[mid - 1]! + ms[mid]!) / 2;
  return { medianMs, minMs: ms[0]! };
}

const LIBRARY = `import { readFileSync } from 'node:fs';
const { evaluateScenario, loadScenario } = await import('./dist/node/index.mjs');
evaluateScenario(loadScenario(readFileSync('scenarios/vbar-hop.json', 'utf8')));`;

const cases: [string, string[], string][] = [
  ['`node -e 0` (Node alone)', ['-e', '0'], ''],
  ['`rpo-sim --version`', ['dist/node/rpo-sim.mjs', '--version'], '< 300 ms'],
  [
    '`rpo-sim run scenarios/vbar-hop.json` (no trigger)',
    ['dist/node/rpo-sim.mjs', 'run', 'scenarios/vbar-hop.json'],
    '< 300 ms',
  ],
  ['`rpo-sim run` (default SKYNET-5A: trigger, 48 h at 1 s)', ['dist/node/rpo-sim.mjs', 'run'], ''],
  [
    'the V-bar hop through the tsx launcher (no build)',
    ['src/cli/rpo-sim.mjs', 'run', 'scenarios/vbar-hop.json'],
    '',
  ],
  [
    'library: import + loadScenario + evaluateScenario (V-bar hop)',
    ['--input-type=module', '-e', LIBRARY],
    '',
  ],
];

console.log(
  `\nStart-up: median (fastest) of ${RUNS} runs after ${WARMUP} warm-up, whole process\n`,
);
console.log('| command | median | fastest | target |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, args, target] of cases) {
  const { medianMs, minMs } = time(args);
  console.log(`| ${name} | ${medianMs.toFixed(0)} ms | ${minMs.toFixed(0)} ms | ${target} |`);
}
