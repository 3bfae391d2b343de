/**
 * Start-up benchmark (issue 18): `npx tsx test/bench/startup.bench.ts`, printed as Markdown.
 *
 * Builds dist/node (scripts/build.mjs), then times whole processes the way hyperfine does: each
 * command is spawned RUNS times (default 15) after WARMUP (2) unmeasured runs, and the median wall
 * time (spawn to exit) is reported with the fastest run. The commands take turns, one spawn each
 * per round, so that a load that comes and goes on a shared machine weighs on every row alike;
 * the ratio of each median to `node -e 0`'s then reads the same on a quiet or a busy machine.
 * Rows:
 * - `node -e 0`: Node's own start, the floor under everything else;
 * - the built `rpo-sim --version` and `rpo-sim run` of two examples (V-bar hop: no trigger, 24 h
 *   CW at 10 s; the default SKYNET-5A inspection: a `when` trigger, so the expression parser
 *   loads, and 48 h nonlinear at 1 s with a full score card);
 * - the same run through the tsx development launcher (what `bin` ran before the build);
 * - the library: a process that imports `dist/node/index.mjs` and evaluates the V-bar hop.
 * Target: the built `--version` and `run` of an example under 0.3 s (median).
 *
 * A second table splits the V-bar hop's `run` into phases by the CPU time (user + system) the
 * process has used at each (`process.cpuUsage`, which load on a shared machine sways less than
 * wall time): Node's start, loading the CLI's main module (reading, compiling and evaluating the
 * bundle: zod builds the scenario schema at load), the run (read, validate, fly, score, print),
 * the same run again in that process (its code compiled and warm), and the exit.
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const RUNS = Number(process.env.RUNS ?? 15);
const WARMUP = 2;
const TARGET_MS = 300;

execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });

/** Wall time of one spawn of `node args`, spawn to exit, ms. */
function spawnMs(args: readonly string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0)
    throw new Error(`node ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  return ms;
}

/** Median of a non-empty list. */
function median(values: readonly number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

const LIBRARY = `import { readFileSync } from 'node:fs';
const { evaluateScenario, loadScenario } = await import('./dist/node/index.mjs');
evaluateScenario(loadScenario(readFileSync('scenarios/vbar-hop.json', 'utf8')));`;

interface Case {
  name: string;
  args: string[];
  /** Whether the < 300 ms target applies to this row. */
  target: boolean;
  ms: number[];
}

const cases: Case[] = (
  [
    ['`node -e 0` (Node alone)', ['-e', '0'], false],
    ['`rpo-sim --version`', ['dist/node/rpo-sim.mjs', '--version'], true],
    [
      '`rpo-sim run scenarios/vbar-hop.json` (no trigger)',
      ['dist/node/rpo-sim.mjs', 'run', 'scenarios/vbar-hop.json'],
      true,
    ],
    [
      '`rpo-sim run` (default SKYNET-5A: trigger, 48 h at 1 s)',
      ['dist/node/rpo-sim.mjs', 'run'],
      false,
    ],
    [
      'the V-bar hop through the tsx launcher (no build)',
      ['src/cli/rpo-sim.mjs', 'run', 'scenarios/vbar-hop.json'],
      false,
    ],
    [
      'library: import + loadScenario + evaluateScenario (V-bar hop)',
      ['--input-type=module', '-e', LIBRARY],
      false,
    ],
  ] as const
).map(([name, args, target]) => ({ name, args: [...args], target, ms: [] }));

const loadBefore = loadavg()[0]!;
for (let round = 0; round < WARMUP + RUNS; round++) {
  for (const c of cases) {
    const ms = spawnMs(c.args);
    if (round >= WARMUP) c.ms.push(ms);
  }
}
const loadAfter = loadavg()[0]!;

const nodeMedianMs = median(cases[0]!.ms);
console.log(
  `\nStart-up: median (fastest) of ${RUNS} runs after ${WARMUP} warm-ups, whole process, the commands taking turns; load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after\n`,
);
console.log('| command | median | fastest | median / `node -e 0` | target |');
console.log('| --- | ---: | ---: | ---: | ---: |');
const verdicts: string[] = [];
for (const c of cases) {
  const medianMs = median(c.ms);
  const minMs = Math.min(...c.ms);
  const ratio = (medianMs / nodeMedianMs).toFixed(2);
  console.log(
    `| ${c.name} | ${medianMs.toFixed(0)} ms | ${minMs.toFixed(0)} ms | ${ratio} | ${c.target ? `< ${TARGET_MS} ms` : ''} |`,
  );
  if (c.target)
    verdicts.push(
      `${c.name}: ${medianMs < TARGET_MS ? 'met' : 'NOT met'} (median ${medianMs.toFixed(0)} ms)`,
    );
}
console.log(`\nTarget (median < ${TARGET_MS} ms): ${verdicts.join('; ')}.`);

// The phases, from a process that imports the built main module itself (its name is hashed).
const PHASES = `import { readdirSync } from 'node:fs';
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const c0 = cpuMs();
const main = readdirSync('dist/node').find((f) => /^main-[^.]*\\.mjs$/.test(f));
const m = await import('./dist/node/' + main);
const c1 = cpuMs();
const io = { stdout: () => {}, stderr: () => {} };
await m.main(['run', 'scenarios/vbar-hop.json'], io);
const c2 = cpuMs();
await m.main(['run', 'scenarios/vbar-hop.json'], io);
const c3 = cpuMs();
process.on('exit', () => console.log(JSON.stringify([c0, c1 - c0, c2 - c1, c3 - c2, cpuMs() - c3])));`;
const phaseNames = [
  'Node start (to the first line of the script)',
  "loading the CLI's main module (read, compile, evaluate)",
  '`run scenarios/vbar-hop.json`: read, validate, fly, score, print',
  'the same run again in the same process (code compiled and warm)',
  'exit',
];
const phaseMs: number[][] = phaseNames.map(() => []);
for (let round = 0; round < WARMUP + RUNS; round++) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', PHASES], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`phases exited with ${r.status}: ${r.stderr}`);
  if (round < WARMUP) continue;
  (JSON.parse(r.stdout) as number[]).forEach((ms, i) => phaseMs[i]!.push(ms));
}
console.log(
  `\nWhere the V-bar hop's \`run\` spends its CPU time (user + system), median of ${RUNS} processes\n`,
);
console.log('| phase | CPU time |');
console.log('| --- | ---: |');
phaseNames.forEach((name, i) => console.log(`| ${name} | ${median(phaseMs[i]!).toFixed(1)} ms |`));
