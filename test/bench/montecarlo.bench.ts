/**
 * Monte Carlo benchmark (issue 6): `npx tsx test/bench/montecarlo.bench.ts`, printed as Markdown.
 *
 * The case: scenarios/dispersed-vbar-approach.json (24 h, CW, two transfers, keep-out and budget
 * scored) at 1 s steps, 86,400 steps a trial. Target: 1000 trials in <= 3 s on the 2-core dev
 * machine, i.e. about 6 ms of CPU a trial with both cores busy, start-up included. Rows:
 * - one trial in the main thread (best of several after a warm-up): the per-trial cost;
 * - the worker pool with one trial: thread start-up (tsx, mathjs, the core) plus that trial;
 * - 1000 trials on 1 and on 2 workers, start-up included (what `rpo-sim montecarlo` takes once
 *   the CLI itself has loaded).
 * - the C reference (test/bench/cw-rk4.c, compiled here with gcc -O2): the same 24 h CW plan at
 *   1 s steps with RK4, 1000 trials on one thread, and our 1-worker rate per core beside it as a
 *   ratio (1 would be native speed); then per trial in one thread, in alternated rounds (a fair
 *   comparison when the machine's load changes): C, rpo-sim in this thread, and the app's Monte
 *   Carlo web worker (src/worker/montecarlo.worker.ts) in headless Chromium
 *   (./montecarloBrowser.ts), as medians and the median ratio to C. Skipped when gcc is missing
 *   (the browser row alone when Chromium does not start).
 * The pool runs are checked to give bit-identical tables.
 * - the job queue (issue 17): QUEUE_TRIALS trials on the local pool of 2 worker threads, then the
 *   same run submitted to a BullMQ queue on a redis-server started here on a loopback port and
 *   served by 2 `rpo-sim worker` processes started beforehand (as a standing cluster is); the
 *   two reports are checked to be identical. Target: the queue within 10 % of the pool. Skipped,
 *   with a note, where redis-server is not installed.
 */

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTrialsInWorkers } from '../../src/cli/pool.ts';
import { runOnQueue } from '../../src/cli/queue.ts';
import { summarize } from '../../src/montecarlo/stats.ts';
import { hasRedisServer, startRedis } from '../cli/redisServer.ts';
import { runTrial } from '../../src/montecarlo/trial.ts';
import { loadScenario } from '../../src/scenario/validate.ts';
import { openBrowserWorker } from './montecarloBrowser.ts';

const text = readFileSync(
  new URL('../../scenarios/dispersed-vbar-approach.json', import.meta.url),
  'utf8',
);
const loaded = loadScenario(text);
if (!loaded.ok) throw new Error('dispersed-vbar-approach.json is invalid');
const scenario = { ...loaded.scenario, durationS: 86_400, stepS: 1 };
const TRIALS = 1000;
const SEED = 1;

const rows: [string, string, string][] = [];

// per-trial cost in this thread
for (let t = 0; t < 20; t++) runTrial(scenario, SEED, t);
let bestMs = Infinity;
for (let rep = 0; rep < 5; rep++) {
  const t0 = performance.now();
  for (let t = 0; t < 20; t++) runTrial(scenario, SEED, 100 + t);
  bestMs = Math.min(bestMs, (performance.now() - t0) / 20);
}
rows.push([
  'One trial, main thread (24 h CW at 1 s: run, events, scoring)',
  `${bestMs.toFixed(2)} ms`,
  '',
]);

const startup = await runTrialsInWorkers({ scenario, seed: SEED, trials: 1, workers: 1 });
rows.push(['Worker start-up + 1 trial', `${startup.elapsedS.toFixed(2)} s`, '']);

const tables = [];
let oneWorkerPerS = Number.NaN;
for (const workers of [1, 2]) {
  const r = await runTrialsInWorkers({ scenario, seed: SEED, trials: TRIALS, workers });
  tables.push(r.table);
  if (workers === 1) oneWorkerPerS = TRIALS / r.elapsedS;
  rows.push([
    `${TRIALS} trials, ${workers} worker${workers === 1 ? '' : 's'}`,
    `${r.elapsedS.toFixed(2)} s (${(TRIALS / r.elapsedS).toFixed(0)} trials/s)`,
    workers === 2 ? '<= 3 s' : '',
  ]);
}
const [a, b] = tables;
for (let i = 0; i < TRIALS; i++) {
  if (
    !Object.is(a!.minRangeM[i], b!.minRangeM[i]) ||
    !Object.is(a!.totalDvMps[i], b!.totalDvMps[i])
  )
    throw new Error(`trial ${i} differs between 1 and 2 workers`);
}

/** Compiles the C reference; its path, or null without gcc (then the rows are skipped). */
function compileC(dir: string): string | null {
  try {
    const exe = join(dir, 'cw-rk4');
    const source = fileURLToPath(new URL('./cw-rk4.c', import.meta.url));
    execFileSync('gcc', ['-O2', '-o', exe, source, '-lm']);
    return exe;
  } catch (err) {
    console.warn(`C reference skipped: ${(err as Error).message}`);
    return null;
  }
}

/** Seconds per trial of the C reference over `trials` trials. */
function cSecondsPerTrial(exe: string, trials: number): number {
  const [, seconds] = execFileSync(exe, [String(trials)], { encoding: 'utf8' })
    .trim()
    .split(' ');
  return Number(seconds) / trials;
}

const cDir = mkdtempSync(join(tmpdir(), 'rpo-cref-'));
try {
  const exe = compileC(cDir);
  if (exe !== null) {
    const cPerS = 1 / cSecondsPerTrial(exe, TRIALS);
    rows.push([
      `C reference (cw-rk4.c, gcc -O2): ${TRIALS} trials, 24 h CW RK4 at 1 s, one thread`,
      `${(TRIALS / cPerS).toFixed(2)} s (${cPerS.toFixed(0)} trials/s)`,
      '',
    ]);
    rows.push([
      'rpo-sim 1 worker (start-up included) against C, trials/s ratio (1 = native speed)',
      `${(oneWorkerPerS / cPerS).toFixed(2)}`,
      '',
    ]);
    // The same comparison robust to a machine whose load changes: rounds of ROUND trials, C, then
    // rpo-sim in this thread, then the app's Monte Carlo web worker in headless Chromium,
    // alternated; medians over the rounds, and the median of each round's ratio to C.
    const ROUND = 50;
    const ROUNDS = 9;
    const browser = await openBrowserWorker(scenario, SEED).catch((err: Error) => {
      console.warn(`browser rows skipped: ${err.message}`);
      return null;
    });
    const cMs: number[] = [];
    const nodeMs: number[] = [];
    const webMs: number[] = [];
    const nodeRatio: number[] = [];
    const webRatio: number[] = [];
    try {
      if (browser !== null) await browser.runChunk(0, 20);
      for (let round = 0; round < ROUNDS; round++) {
        const c = cSecondsPerTrial(exe, ROUND) * 1000;
        const first = 1000 + round * ROUND;
        const t0 = performance.now();
        for (let t = 0; t < ROUND; t++) runTrial(scenario, SEED, first + t);
        const ours = (performance.now() - t0) / ROUND;
        cMs.push(c);
        nodeMs.push(ours);
        nodeRatio.push(ours / c);
        if (browser !== null) {
          const web = (await browser.runChunk(first, first + ROUND)) / ROUND;
          webMs.push(web);
          webRatio.push(web / c);
        }
      }
    } finally {
      await browser?.close();
    }
    const median = (v: number[]) => [...v].sort((x, y) => x - y)[v.length >> 1]!;
    const range = (v: number[]) => `${Math.min(...v).toFixed(2)}-${Math.max(...v).toFixed(2)}`;
    rows.push([
      `per trial, one thread, medians of ${ROUNDS} alternated rounds of ${ROUND}: rpo-sim (Node) / C`,
      `${median(nodeMs).toFixed(2)} / ${median(cMs).toFixed(2)} ms (ratio ${median(nodeRatio).toFixed(2)}, rounds ${range(nodeRatio)})`,
      '<= 1.5x',
    ]);
    if (browser !== null) {
      rows.push([
        `the same rounds in the app's Monte Carlo web worker (headless Chromium): rpo-sim / C`,
        `${median(webMs).toFixed(2)} / ${median(cMs).toFixed(2)} ms (ratio ${median(webRatio).toFixed(2)}, rounds ${range(webRatio)}; ${(1000 / median(webMs)).toFixed(0)} trials/s)`,
        '<= 1.5x',
      ]);
    }
  }
} finally {
  rmSync(cDir, { recursive: true, force: true });
}

const QUEUE_TRIALS = 4000;
if (hasRedisServer()) {
  const redis = await startRedis();
  const workers = [0, 1].map(() =>
    spawn(
      process.execPath,
      [
        new URL('../../src/cli/rpo-sim.mjs', import.meta.url).pathname,
        'worker',
        '--queue',
        redis.url,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    ),
  );
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            let log = '';
            w.stderr.on('data', (b: Buffer) => {
              log += b.toString();
              if (log.includes('serving')) resolve();
            });
          }),
      ),
    );
    const base = { scenario, seed: SEED, trials: QUEUE_TRIALS };
    const local = await runTrialsInWorkers({ ...base, workers: 2 });
    const queued = await runOnQueue({
      ...base,
      url: redis.url,
      shards: Math.ceil(QUEUE_TRIALS / 500),
    });
    const json = (r: typeof local) => JSON.stringify(summarize(scenario, r.table, SEED));
    if (json(local) !== json(queued)) throw new Error('the queue run differs from the local run');
    rows.push([
      `${QUEUE_TRIALS} trials, local pool of 2 worker threads`,
      `${local.elapsedS.toFixed(2)} s (${(QUEUE_TRIALS / local.elapsedS).toFixed(0)} trials/s)`,
      '',
    ]);
    rows.push([
      `the same on the Redis queue, 2 \`rpo-sim worker\` processes, ${queued.workers} jobs`,
      `${queued.elapsedS.toFixed(2)} s (${(QUEUE_TRIALS / queued.elapsedS).toFixed(0)} trials/s, ${((local.elapsedS / queued.elapsedS) * 100).toFixed(0)} % of the pool)`,
      '>= 90 %',
    ]);
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise((resolve) => w.once('exit', resolve))));
    await redis.stop();
  }
} else {
  rows.push(['Redis queue (2 worker processes)', 'skipped: no redis-server', '']);
}

console.log(
  `rpo-sim Monte Carlo benchmark (node ${process.version}, ${availableParallelism()} cores, ${new Date().toISOString().slice(0, 10)})\n`,
);
console.log('| measure | result | target |');
console.log('| --- | ---: | ---: |');
for (const [m, r, t] of rows) console.log(`| ${m} | ${r} | ${t} |`);
