/**
 * `rpo-sim merge`: combines the partial results of `rpo-sim montecarlo --shard i/K --out` into
 * the run's report, exactly the single run's (shards.ts).
 *
 *   rpo-sim merge PART.json... [--json]
 *
 * Exit codes: 0 done; 2 unreadable, invalid or inconsistent parts (missing, duplicate or
 * overlapping shards, parts of different runs) or usage.
 */

import { summarize } from '../montecarlo/stats.ts';
import type { CliIo } from './main.ts';
import { inputProblemExit, UsageError } from './files.ts';
import { formatMonteCarlo } from './montecarlo.ts';
import type { MonteCarloPart } from './shards.ts';
import { mergeParts, readPartFile } from './shards.ts';

const USAGE = `Usage:
  rpo-sim merge PART.json... [--json]
      Combine the partial results written by rpo-sim montecarlo --shard i/K --out PART.json
      (every shard once, in any order) and print the run's statistics (--json: the
      rpo-montecarlo v1 summary), identical to a single run's.`;

/** Merges parts already read into the run's summary text (`json`: the v1 JSON). */
export function mergedReport(
  parts: readonly MonteCarloPart[],
  names: readonly string[],
  json: boolean,
): string {
  const { scenario, seed, table } = mergeParts(parts, names);
  const summary = summarize(scenario, table, seed);
  return json ? `${JSON.stringify(summary, null, 2)}\n` : formatMonteCarlo(summary);
}

/** `rpo-sim merge ...`; returns the exit code. */
export function cmdMerge(args: readonly string[], io: CliIo): number {
  try {
    const files: string[] = [];
    let json = false;
    for (const a of args) {
      if (a === '--json') json = true;
      else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
      else files.push(a);
    }
    if (files.length === 0) throw new UsageError('merge needs the part files');
    io.stdout(mergedReport(files.map(readPartFile), files, json));
    return 0;
  } catch (err) {
    const code = inputProblemExit(err, io.stderr, USAGE);
    if (code !== null) return code;
    throw err;
  }
}
