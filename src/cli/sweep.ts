/**
 * `rpo-sim sweep`: a campaign over one or two scenario fields, the Monte Carlo run of each
 * variant, and the result as a table.
 *
 *   rpo-sim sweep FILE --set 'PATH=SPEC' [--set 'PATH=SPEC'] --trials N --seed S
 *       [--json | --csv] [--workers K] [--queue redis://HOST:PORT [--shards K]]
 *
 * SPEC is `start:step:stop` (inclusive: start + k step for k = 0, 1, ... while not past stop, each
 * computed from k, never accumulated) or a comma list (`1800,3600,7200`; items that are not JSON
 * numbers or literals are strings). Two --set give every pair (the first varies slowest).
 *
 * Each variant is the file's text with the field set by the order-preserving JSON edit of the
 * editor (editing/jsonText.ts, setAtPath), then validated as `rpo-sim run` validates it: an invalid
 * variant is reported in its row with its first problem, and the sweep goes on. Every variant runs
 * with the same seed (the same draws for the same trial index: common random numbers, so that
 * differences between variants are not sampling noise of different draws).
 *
 * Exit codes: 0 done (invalid variants included); 2 usage or input; 130 interrupted (the rows
 * done are printed).
 */

import { formatIssues, loadScenario } from '../scenario/validate.ts';
import {
  MAX_VARIANTS,
  newSweepResult,
  parseSweepAxis,
  SweepSpecError,
  sweepPathProblem,
  sweepRow,
  variantLabel,
  variants,
  variantText,
  type SweepAxis,
  type SweepResult,
} from '../montecarlo/sweep.ts';
import type { Proportion } from '../montecarlo/stats.ts';
import { summarize } from '../montecarlo/stats.ts';
import { isZeroDispersion } from '../montecarlo/sampler.ts';
import type { CliIo } from './main.ts';
import { inputProblemExit, loadScenarioFile, readScenarioFile, UsageError } from './files.ts';
import { MAX_SHARDS, MAX_TRIALS, TRIALS_PER_SHARD, parseInteger, runTrials } from './montecarlo.ts';
import { MAX_SEED } from '../montecarlo/random.ts';
import { availableParallelism } from 'node:os';

/** Exit code of a sweep stopped by SIGINT. */
const EXIT_INTERRUPTED = 130;

const USAGE = `Usage:
  rpo-sim sweep FILE --set 'PATH=SPEC' [--set 'PATH=SPEC'] --trials N --seed S
      [--json | --csv] [--workers K] [--queue redis://HOST:PORT [--shards K]]
      Run the Monte Carlo of every variant of the scenario with the field at PATH (e.g.
      spacecraft[0].maneuvers[0].tS) set to each value of SPEC: start:step:stop (inclusive) or a
      comma list; two --set give every pair (at most ${MAX_VARIANTS} variants). Every variant uses
      seed S. Prints per variant and spacecraft P(violation) per kind with its 95 % Wilson
      interval and the 5/50/95th percentiles of delta-v and minimum range (--json: rpo-sweep v1;
      --csv: one row per variant and spacecraft). An invalid variant is reported in its row.`;

/**
 * Parses `PATH=SPEC`.
 * @throws UsageError for a malformed range or list
 */
export function parseSet(text: string): SweepAxis {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`--set needs PATH=SPEC (got "${text}")`);
  try {
    return parseSweepAxis(text.slice(0, eq), text.slice(eq + 1));
  } catch (err) {
    if (err instanceof SweepSpecError) throw new UsageError(`--set ${err.message}`);
    throw err;
  }
}

const csvField = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The result as CSV: one row per variant and spacecraft (one per invalid variant), columns the
 * swept paths, `spacecraft`, `error`, `flown`, `failed`, then per violation kind (those any row
 * has) `P(kind)`, `P(kind) lo`, `P(kind) hi`, then the same for any violation, then delta-v
 * (m/s) and minimum range (m) percentiles.
 */
export function sweepCsv(r: SweepResult): string {
  const kinds: string[] = [];
  for (const row of r.variants)
    for (const c of row.spacecraft)
      for (const k of Object.keys(c.violations)) if (!kinds.includes(k)) kinds.push(k);
  const head = [
    ...r.parameters,
    'spacecraft',
    'error',
    'flown',
    'failed',
    ...[...kinds, 'any'].flatMap((k) => [`P(${k})`, `P(${k}) lo`, `P(${k}) hi`]),
    'dvP5Mps',
    'dvP50Mps',
    'dvP95Mps',
    'minRangeP5M',
    'minRangeP50M',
    'minRangeP95M',
  ];
  const lines = [head.map(csvField).join(',')];
  for (const row of r.variants) {
    if (row.error !== null) {
      lines.push([...row.values, '', row.error].map(csvField).join(','));
      continue;
    }
    for (const c of row.spacecraft) {
      const p = (x: Proportion | undefined): (number | string)[] =>
        x ? [x.p, x.lo, x.hi] : ['', '', ''];
      lines.push(
        [
          ...row.values,
          c.id,
          '',
          row.flown,
          row.failed,
          ...kinds.flatMap((k) => p(c.violations[k as keyof typeof c.violations])),
          ...p(c.anyViolation),
          c.totalDvMps.p5,
          c.totalDvMps.p50,
          c.totalDvMps.p95,
          c.minRangeM.p5,
          c.minRangeM.p50,
          c.minRangeM.p95,
        ]
          .map(csvField)
          .join(','),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The result as text for a terminal. */
export function formatSweep(r: SweepResult): string {
  const lines = [
    `Sweep: ${r.scenario}, ${r.variants.length} variant(s), ${r.trials} trials each, seed ${r.seed}${r.interrupted ? ' (interrupted)' : ''}`,
    `  P(any violation) [95 % Wilson interval], delta-v p50 (m/s), min range p50 (m)`,
  ];
  for (const row of r.variants) {
    const label = variantLabel(r.parameters, row.values);
    if (row.error !== null) {
      lines.push(`  ${label}  invalid: ${row.error.split('\n')[0]}`);
      continue;
    }
    for (const c of row.spacecraft) {
      const a = c.anyViolation;
      lines.push(
        `  ${label}  ${c.id}  P ${a.p.toFixed(4)} [${a.lo.toFixed(4)}, ${a.hi.toFixed(4)}]  dv ${c.totalDvMps.p50.toFixed(4)} m/s  range ${c.minRangeM.p50.toFixed(1)} m${row.failed > 0 ? `  (${row.failed} not flown)` : ''}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

interface Args {
  file: string;
  axes: SweepAxis[];
  trials: number;
  seed: number;
  output: 'text' | 'json' | 'csv';
  workers: number;
  queue: string | null;
  shards: number;
}

function parseArgs(args: readonly string[]): Args {
  const axes: SweepAxis[] = [];
  const values = new Map<string, string>();
  const positional: string[] = [];
  let output: Args['output'] = 'text';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (name === 'json' || name === 'csv') {
      if (eq > 0) throw new UsageError(`unknown option ${a}`);
      if (output !== 'text') throw new UsageError('give one of --json and --csv');
      output = name;
      continue;
    }
    if (!['set', 'trials', 'seed', 'workers', 'queue', 'shards'].includes(name))
      throw new UsageError(`unknown option ${a}`);
    const v = eq > 0 ? a.slice(eq + 1) : args[++i];
    if (v === undefined || v === '') throw new UsageError(`--${name} needs a value`);
    if (name === 'set') axes.push(parseSet(v));
    else values.set(name, v);
  }
  if (positional.length !== 1) throw new UsageError('sweep takes one scenario file');
  if (axes.length === 0 || axes.length > 2)
    throw new UsageError('sweep needs one or two --set PATH=SPEC');
  if (axes.length === 2 && axes[0]!.path === axes[1]!.path)
    throw new UsageError(`--set ${axes[0]!.path} is given twice`);
  const count = axes.reduce((n, x) => n * x.values.length, 1);
  if (count > MAX_VARIANTS)
    throw new UsageError(`${count} variants, more than ${MAX_VARIANTS}: sweep fewer values`);
  const trials = values.get('trials');
  const seed = values.get('seed');
  if (trials === undefined) throw new UsageError(`sweep needs --trials N (1 to ${MAX_TRIALS})`);
  if (seed === undefined) throw new UsageError(`sweep needs --seed S (0 to ${MAX_SEED})`);
  const n = parseInteger('trials', trials, 1, MAX_TRIALS);
  const workers = values.get('workers');
  const shards = values.get('shards');
  const queue = values.get('queue') ?? null;
  if (shards !== undefined && queue === null)
    throw new UsageError('--shards K splits each run on the queue: give --queue redis://HOST:PORT');
  return {
    file: positional[0]!,
    axes,
    trials: n,
    seed: parseInteger('seed', seed, 0, MAX_SEED),
    output,
    workers:
      workers === undefined
        ? availableParallelism()
        : parseInteger('workers', workers, 1, availableParallelism() * 64),
    queue,
    shards:
      shards === undefined
        ? Math.min(MAX_SHARDS, Math.ceil(n / TRIALS_PER_SHARD))
        : parseInteger('shards', shards, 1, Math.min(MAX_SHARDS, n)),
  };
}

/** `rpo-sim sweep ...`; returns the exit code. */
export async function cmdSweep(args: readonly string[], io: CliIo): Promise<number> {
  let a: Args;
  let text: string;
  let name: string;
  try {
    a = parseArgs(args);
    text = readScenarioFile(a.file);
    const base = await loadScenarioFile(a.file, text);
    name = base.name;
    for (const axis of a.axes) {
      const problem = sweepPathProblem(text, axis.path);
      if (problem !== null) throw new UsageError(`--set ${problem}`);
    }
    if (isZeroDispersion(base.dispersions))
      io.stderr(
        `rpo-sim: ${a.file} has no dispersions (or all are zero): every trial of a variant is its nominal run\n`,
      );
  } catch (err) {
    const code = inputProblemExit(err, io.stderr, USAGE);
    if (code !== null) return code;
    throw err;
  }
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const all = variants(a.axes);
  const result = newSweepResult(name, a.axes, a.trials, a.seed);
  io.stderr(
    `rpo-sim: sweeping ${all.length} variant(s) of ${a.file}, ${a.trials} trials each, seed ${a.seed}${a.queue ? ` on ${a.queue}` : ''} (Ctrl+C: stop and print the variants done)\n`,
  );
  try {
    for (const [k, values] of all.entries()) {
      if (controller.signal.aborted) break;
      const label = variantLabel(result.parameters, values);
      const loaded = loadScenario(variantText(text, a.axes, values));
      if (!loaded.ok) {
        const error = formatIssues(loaded.issues.slice(0, 1));
        result.variants.push({ values, error, flown: 0, failed: 0, spacecraft: [] });
        io.stderr(`rpo-sim: variant ${k + 1}/${all.length} (${label}): invalid: ${error}\n`);
        continue;
      }
      const scenario = loaded.scenario;
      const run = await runTrials({
        scenario,
        seed: a.seed,
        trials: a.trials,
        workers: Math.min(a.workers, a.trials),
        queue: a.queue,
        shards: a.shards,
        signal: controller.signal,
      });
      if (run.interrupted) break;
      result.variants.push(sweepRow(values, summarize(scenario, run.table, a.seed)));
      io.stderr(
        `rpo-sim: variant ${k + 1}/${all.length} (${label}): ${a.trials} trials in ${run.elapsedS.toFixed(2)} s\n`,
      );
    }
  } catch (err) {
    const code = inputProblemExit(err, io.stderr, USAGE);
    if (code !== null) return code;
    throw err;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  result.interrupted = result.variants.length < all.length;
  io.stdout(
    a.output === 'json'
      ? `${JSON.stringify(result, null, 2)}\n`
      : a.output === 'csv'
        ? sweepCsv(result)
        : formatSweep(result),
  );
  return result.interrupted ? EXIT_INTERRUPTED : 0;
}
