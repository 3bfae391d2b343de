/**
 * `rpo-sim montecarlo`: dispersion analysis of a scenario on worker threads.
 *
 *   rpo-sim montecarlo FILE --trials N --seed S [--json] [--workers K] [--worst OUT.json]
 *   rpo-sim montecarlo FILE --trials N --seed S --shard i/K --out PART.json [--workers K]
 *   rpo-sim montecarlo FILE --trials N --seed S --queue redis://HOST:PORT [--shards K] [--json]
 *
 * With --shard, only shard i of K is run and its partial result written to PART.json, for
 * `rpo-sim merge` (shards.ts). With --queue, the shards are jobs on a BullMQ queue served by
 * `rpo-sim worker` processes (queue.ts), and the report is the same.
 *
 * Trials run on K worker threads (default os.availableParallelism(); the pool is in pool.ts), and
 * the result is bit-identical whatever K.
 *
 * Ctrl+C (SIGINT) stops the workers at once and prints the statistics of the trials done from
 * index 0 up to the first one not done (a prefix, so the partial result equals a full run with
 * --trials set to that count), says how many that is, and exits with 130 (128 + SIGINT, the
 * shell convention). A second Ctrl+C kills the process outright.
 *
 * Exit codes: 0 done; 2 invalid input or usage; 3 internal error (through main.ts); 130
 * interrupted.
 */

import { availableParallelism } from 'node:os';
import { MAX_SEED } from '../montecarlo/random.ts';
import { isZeroDispersion } from '../montecarlo/sampler.ts';
import type { MonteCarloSummary, Proportion } from '../montecarlo/stats.ts';
import { summarize } from '../montecarlo/stats.ts';
import { trialScenario } from '../montecarlo/worst.ts';
import type { Scenario } from '../scenario/schema.ts';
import { inputProblemExit, loadScenarioFile, UsageError, writeOutputFile } from './files.ts';
import type { TrialRunResult } from '../montecarlo/trial.ts';
import { TrialTable } from '../montecarlo/trial.ts';
import { runTrialsInWorkers } from './pool.ts';
import type { Shard } from './shards.ts';
import { makePart, partText, shardRange } from './shards.ts';

/** Largest number of trials one run accepts. */
export const MAX_TRIALS = 1_000_000;
/** Largest number of worker threads accepted. */
export const MAX_WORKERS = 256;
/** Trials per queue job unless --shards says otherwise. */
export const TRIALS_PER_SHARD = 500;
/** Largest number of queue jobs of one run. */
export const MAX_SHARDS = 10_000;
/** Exit code of a run stopped by SIGINT (128 + signal number 2). */
export const EXIT_INTERRUPTED = 130;

interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const USAGE = `Usage:
  rpo-sim montecarlo FILE --trials N --seed S [--json] [--workers K] [--worst OUT.json]
      Run N trials (1 to ${MAX_TRIALS}) of the scenario under its "dispersions", seeded with the
      integer S (0 to ${MAX_SEED}); print each constraint's violation probability with its 95 %
      Wilson interval and the 5/50/95th percentiles of minimum range and delta-v (--json: the
      rpo-montecarlo v1 summary). --workers: threads (default: all cores). --worst writes the
      trial with the smallest minimum range as a scenario of its own. Ctrl+C prints the partial
      result and exits with 130.`;

/** Parses an integer flag value in [min, max]. @throws UsageError */
export function parseInteger(flag: string, text: string, min: number, max: number): number {
  // digits, optionally in exponent form (1e6); Number() alone would also take '', '0x10', ' 1 '
  const v = /^\d+(\.\d*)?(e\+?\d+)?$/i.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(v) || v < min || v > max) {
    throw new UsageError(`--${flag} must be an integer from ${min} to ${max} (got "${text}")`);
  }
  return v;
}

interface Args {
  file: string;
  trials: number;
  seed: number;
  json: boolean;
  workers: number;
  worst: string | null;
  /** Shard to run (null: the whole run). */
  shard: Shard | null;
  /** Part file to write (with shard). */
  out: string | null;
  /** Redis URL of the job queue (null: run here). */
  queue: string | null;
  /** Jobs on the queue. */
  shards: number;
}

/** Parses `i/K` (0 <= i < K <= MAX_TRIALS). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!(count >= 1 && count <= MAX_TRIALS && index >= 0 && index < count))
    throw new UsageError(
      `--shard must be i/K with K from 1 to ${MAX_TRIALS} and i from 0 to K - 1 (got "${text}")`,
    );
  return { index, count };
}

function parseArgs(args: readonly string[]): Args {
  const valued = ['trials', 'seed', 'workers', 'worst', 'shard', 'out', 'queue', 'shards'];
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    if (valued.includes(name)) {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`--${name} needs a value`);
      flags.set(name, v);
    } else if (name === 'json' && inline === undefined) {
      flags.set(name, true);
    } else {
      throw new UsageError(`unknown option ${a}`);
    }
  }
  if (positional.length !== 1) throw new UsageError('montecarlo takes one scenario file');
  const text = (name: string) => {
    const v = flags.get(name);
    return typeof v === 'string' ? v : null;
  };
  const trials = text('trials');
  const seed = text('seed');
  if (trials === null) throw new UsageError(`montecarlo needs --trials N (1 to ${MAX_TRIALS})`);
  if (seed === null)
    throw new UsageError(`montecarlo needs --seed S (an integer, 0 to ${MAX_SEED})`);
  const workers = text('workers');
  const shard = text('shard');
  const out = text('out');
  if (shard !== null && out === null)
    throw new UsageError('--shard needs --out PART.json (the partial result for rpo-sim merge)');
  if (out !== null && shard === null)
    throw new UsageError('--out writes a shard: give --shard i/K too (0/1 for the whole run)');
  if (shard !== null && (flags.has('json') || text('worst') !== null))
    throw new UsageError(
      '--shard writes a partial result only: --json and --worst belong to the whole run',
    );
  const queue = text('queue');
  const shards = text('shards');
  if (queue !== null && shard !== null)
    throw new UsageError('--queue runs every shard: leave out --shard (or --queue)');
  if (shards !== null && queue === null)
    throw new UsageError('--shards K splits a run on the queue: give --queue redis://HOST:PORT');
  const trialCount = parseInteger('trials', trials, 1, MAX_TRIALS);
  return {
    file: positional[0]!,
    trials: trialCount,
    seed: parseInteger('seed', seed, 0, MAX_SEED),
    json: flags.has('json'),
    workers:
      workers === null
        ? Math.min(MAX_WORKERS, availableParallelism())
        : parseInteger('workers', workers, 1, MAX_WORKERS),
    worst: text('worst'),
    shard: shard === null ? null : parseShard(shard),
    out,
    queue,
    shards:
      shards === null
        ? Math.min(MAX_SHARDS, Math.ceil(trialCount / TRIALS_PER_SHARD))
        : parseInteger('shards', shards, 1, Math.min(MAX_SHARDS, trialCount)),
  };
}

function fmtP(x: Proportion): string {
  return `${x.p.toFixed(4)}  [${x.lo.toFixed(4)}, ${x.hi.toFixed(4)}]  ${x.count}`;
}

function fmtNum(v: number, digits: number): string {
  return Number.isFinite(v) ? v.toFixed(digits) : '-';
}

/** The summary as text for a terminal. */
export function formatMonteCarlo(sum: MonteCarloSummary): string {
  const lines: string[] = [];
  lines.push(`Monte Carlo: ${sum.scenario}`);
  lines.push(
    `  trials       ${sum.completed} of ${sum.trials}${sum.interrupted ? ' (interrupted)' : ''}, seed ${sum.seed}, ${sum.flown} flown, ${sum.failed.count} could not be flown`,
  );
  const d = sum.dispersions;
  lines.push(
    d
      ? `  dispersions  burn ${d.burnMagnitudePct ?? 0} %, pointing ${d.pointingDeg ?? 0} deg, timing ${d.timingS ?? 0} s, position [${(d.positionM ?? [0, 0, 0]).join(', ')}] m, velocity [${(d.velocityMps ?? [0, 0, 0]).join(', ')}] m/s, missed burn ${d.missedBurnProbability ?? 0} (1-sigma, RIC)`
      : '  dispersions  none (every trial is the nominal run)',
  );
  if (sum.failed.message !== null)
    lines.push(`  not flown    e.g. trial ${sum.failed.firstTrialIndex}: ${sum.failed.message}`);
  for (const c of sum.spacecraft) {
    lines.push(`  ${c.id}`);
    lines.push(`    probability (95 % Wilson interval, trials)`);
    for (const [kind, p] of Object.entries(c.violations)) {
      lines.push(`      ${kind.padEnd(20)} ${fmtP(p)}`);
    }
    lines.push(`      ${'any violation'.padEnd(20)} ${fmtP(c.anyViolation)}`);
    const dist = (
      name: string,
      x: MonteCarloSummary['spacecraft'][number]['minRangeM'],
      k: number,
    ) =>
      `    ${name.padEnd(22)} p5 ${fmtNum(x.p5, k)}  p50 ${fmtNum(x.p50, k)}  p95 ${fmtNum(x.p95, k)}  (min ${fmtNum(x.min, k)}, max ${fmtNum(x.max, k)})`;
    lines.push(dist('min range, m', c.minRangeM, 1));
    lines.push(dist('delta-v, m/s', c.totalDvMps, 4));
    if (c.passiveSafetyWorstRangeM)
      lines.push(dist('passive safety, m', c.passiveSafetyWorstRangeM, 1));
    if (c.worst)
      lines.push(
        `    worst trial            ${c.worst.trialIndex} (min range ${c.worst.minRangeM.toFixed(3)} m)`,
      );
  }
  return `${lines.join('\n')}\n`;
}

/** A progress bar on stderr, redrawn at most 10 times a second. */
function progressBar(io: CliIo): {
  update: (done: number, total: number) => void;
  end: () => void;
} {
  const t0 = performance.now();
  let last = 0;
  let drawn = false;
  return {
    update(done, total) {
      const now = performance.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const width = 30;
      const filled = Math.round((width * done) / total);
      const s = (now - t0) / 1000;
      io.stderr(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} trials  ${s.toFixed(1)} s `,
      );
      drawn = true;
    },
    end() {
      if (drawn) io.stderr('\r\x1b[K');
    },
  };
}

/** Where and how `runTrials` runs trials. */
export interface RunTrialsOptions {
  scenario: Scenario;
  seed: number;
  trials: number;
  /** First trial index (local runs only; default 0). */
  first?: number;
  /** Worker threads of a local run. */
  workers: number;
  /** Redis URL of the job queue; null: run here. */
  queue: string | null;
  /** Jobs on the queue. */
  shards: number;
  signal: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Runs trials on this machine's worker threads, or as jobs on the queue (queue.ts). */
export async function runTrials(o: RunTrialsOptions): Promise<TrialRunResult> {
  const progress = o.onProgress ? { onProgress: o.onProgress } : {};
  if (o.queue === null)
    return runTrialsInWorkers({
      scenario: o.scenario,
      seed: o.seed,
      trials: o.trials,
      ...(o.first === undefined ? {} : { first: o.first }),
      workers: o.workers,
      signal: o.signal,
      ...progress,
    });
  return (await import('./queue.ts')).runOnQueue({
    url: o.queue,
    scenario: o.scenario,
    seed: o.seed,
    trials: o.trials,
    shards: o.shards,
    signal: o.signal,
    ...progress,
  });
}

/** `runTrials` with a progress bar on a terminal's stderr. */
async function runWithProgress(io: CliIo, o: RunTrialsOptions): Promise<TrialRunResult> {
  const bar = process.stderr.isTTY ? progressBar(io) : null;
  bar?.update(0, o.trials - (o.first ?? 0));
  try {
    return await runTrials({ ...o, ...(bar ? { onProgress: bar.update } : {}) });
  } finally {
    bar?.end();
  }
}

/** `--shard i/K --out PART.json`: runs the shard's trials and writes the part (exit code). */
async function runShard(
  a: Args,
  shard: Shard,
  out: string,
  scenario: Scenario,
  io: CliIo,
): Promise<number> {
  const { first, end } = shardRange(a.trials, shard);
  const workers = Math.max(1, Math.min(a.workers, end - first));
  io.stderr(
    `rpo-sim: running shard ${shard.index}/${shard.count} (trials ${first} to ${end - 1} of ${a.trials}) of ${a.file} on ${workers} worker thread${workers === 1 ? '' : 's'}, seed ${a.seed} (Ctrl+C: stop, nothing written)\n`,
  );
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  let result: TrialRunResult;
  try {
    result =
      end > first
        ? await runWithProgress(io, {
            scenario,
            seed: a.seed,
            trials: end,
            first,
            workers,
            queue: null,
            shards: 1,
            signal: controller.signal,
          })
        : {
            table: new TrialTable(end, scenario.spacecraft.length),
            prefix: 0,
            done: 0,
            interrupted: false,
            elapsedS: 0,
            workers: 0,
          };
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  if (result.interrupted) {
    io.stderr(
      `rpo-sim: interrupted: ${result.done} of ${end - first} trials of the shard done; nothing written to ${out}\n`,
    );
    return EXIT_INTERRUPTED;
  }
  const text = partText(makePart(scenario, a.seed, a.trials, shard, result.table));
  try {
    writeOutputFile(out, (append) => append(text));
  } catch (err) {
    const code = inputProblemExit(err, io.stderr, USAGE);
    if (code !== null) return code;
    throw err;
  }
  io.stderr(
    `rpo-sim: wrote shard ${shard.index}/${shard.count} (${end - first} trials in ${result.elapsedS.toFixed(2)} s) to ${out}\n`,
  );
  return 0;
}

/** `rpo-sim montecarlo ...`; returns the exit code. */
export async function cmdMonteCarlo(args: readonly string[], io: CliIo): Promise<number> {
  let a: Args;
  let scenario: Scenario;
  try {
    a = parseArgs(args);
    scenario = await loadScenarioFile(a.file);
  } catch (err) {
    const code = inputProblemExit(err, io.stderr, USAGE);
    if (code !== null) return code;
    throw err;
  }
  if (isZeroDispersion(scenario.dispersions)) {
    io.stderr(
      `rpo-sim: ${a.file} has no dispersions (or all are zero): running with zero dispersion, every trial is the nominal run\n`,
    );
  }

  if (a.shard !== null && a.out !== null) return runShard(a, a.shard, a.out, scenario, io);

  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const workers = Math.min(a.workers, a.trials);
  io.stderr(
    a.queue === null
      ? `rpo-sim: running ${a.trials} trials of ${a.file} on ${workers} worker thread${workers === 1 ? '' : 's'}, seed ${a.seed} (Ctrl+C: stop and print the trials done)\n`
      : `rpo-sim: submitting ${a.trials} trials of ${a.file} as ${a.shards} job${a.shards === 1 ? '' : 's'} to ${a.queue}, seed ${a.seed} (served by rpo-sim worker; Ctrl+C: stop and print the shards done)\n`,
  );
  let result: TrialRunResult;
  try {
    result = await runWithProgress(io, {
      scenario,
      seed: a.seed,
      trials: a.trials,
      workers,
      queue: a.queue,
      shards: a.shards,
      signal: controller.signal,
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
  }

  const summary = summarize(scenario, result.table, a.seed, result.prefix, result.interrupted);
  if (result.interrupted) {
    io.stderr(
      `rpo-sim: interrupted: ${result.done} of ${a.trials} trials done; the statistics cover trials 0 to ${result.prefix - 1} (${result.prefix} trials)\n`,
    );
  } else {
    io.stderr(
      `rpo-sim: ${a.trials} trials in ${result.elapsedS.toFixed(2)} s (${(a.trials / result.elapsedS).toFixed(0)} trials/s, ${a.queue === null ? `${result.workers} worker${result.workers === 1 ? '' : 's'}` : `${a.shards} job${a.shards === 1 ? '' : 's'} on the queue`})\n`,
    );
  }
  if (summary.failed.count > 0) {
    io.stderr(
      `rpo-sim: ${summary.failed.count} trial(s) could not be flown and are left out of the statistics, e.g. trial ${summary.failed.firstTrialIndex}: ${summary.failed.message}\n`,
    );
  }
  io.stdout(a.json ? `${JSON.stringify(summary, null, 2)}\n` : formatMonteCarlo(summary));

  if (a.worst !== null) {
    const w = summary.worst;
    if (w === null) {
      io.stderr(`rpo-sim: no trial was flown: nothing written to ${a.worst}\n`);
      return result.interrupted ? EXIT_INTERRUPTED : 2;
    }
    const written = trialScenario(scenario, a.seed, w.trialIndex);
    const again = written.outcome.spacecraft.find(
      (_, i) => scenario.spacecraft[i]!.id === w.spacecraft,
    );
    if (!again || again.minRangeM !== w.minRangeM) {
      throw new Error(`trial ${w.trialIndex} gave a different minimum range when run again`);
    }
    try {
      const text = `${JSON.stringify(written.scenario, null, 2)}\n`;
      writeOutputFile(a.worst, (append) => append(text));
    } catch (err) {
      const code = inputProblemExit(err, io.stderr, USAGE);
      if (code !== null) return code;
      throw err;
    }
    io.stderr(
      `rpo-sim: wrote trial ${w.trialIndex} (${w.spacecraft} min range ${w.minRangeM.toFixed(3)} m) to ${a.worst}\n`,
    );
  }
  return result.interrupted ? EXIT_INTERRUPTED : 0;
}
