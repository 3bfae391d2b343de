/**
 * Shards of a Monte Carlo run and their exact merge (`rpo-sim montecarlo --shard i/K --out`,
 * `rpo-sim merge`).
 *
 * Shard i of K (i from 0) runs the trial indexes floor(i N / K) .. floor((i + 1) N / K) - 1 of a
 * run of N trials: contiguous blocks that tile 0..N-1. A trial depends only on (scenario, seed,
 * index) (trial.ts), so a shard's trials are the very trials a single run would fly.
 *
 * A shard writes an `rpo-montecarlo-part` v1 file holding the per-trial figures the statistics
 * need (violation bits, minimum range, delta-v, passive-safety range per spacecraft, and the
 * reason of a trial that could not be flown), with the scenario itself and its SHA-256. The merge
 * puts every part's trials back into one TrialTable by index and runs the same `summarize` as a
 * single run, so the merged `rpo-montecarlo` report is the single run's byte for byte: counts are
 * summed before the Wilson intervals, percentiles and histograms come from all the values, the
 * mean is summed in index order, and the worst trial is the lowest index among equal ranges.
 * JSON numbers round-trip exactly (ECMAScript prints the shortest decimal that reads back as the
 * same double); NaN (a figure not computed) is written as null.
 *
 * Parts of different scenarios, seeds or trial counts, duplicates, overlaps and gaps are refused
 * with a message naming the files (InputError, exit 2).
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Scenario } from '../scenario/schema.ts';
import { TRIAL_FAILED, TRIAL_OK, TrialTable } from '../montecarlo/trial.ts';
import { InputError } from './files.ts';

/** Part format name and version. */
export const PART_FORMAT = 'rpo-montecarlo-part';
export const PART_FORMAT_VERSION = 1;

/** Shard `index` of `count` (index from 0). */
export interface Shard {
  index: number;
  count: number;
}

/** The trial indexes [first, end) of shard `shard` of a run of `trials` trials. */
export function shardRange(trials: number, shard: Shard): { first: number; end: number } {
  return {
    first: Math.floor((shard.index * trials) / shard.count),
    end: Math.floor(((shard.index + 1) * trials) / shard.count),
  };
}

/** A partial result (`rpo-montecarlo-part` v1), as written to and read from a part file. */
export interface MonteCarloPart {
  format: typeof PART_FORMAT;
  version: typeof PART_FORMAT_VERSION;
  /** SHA-256 (hex) of the scenario as JSON (below); parts of one run share it. */
  scenarioSha256: string;
  /** Trials of the whole run. */
  trials: number;
  seed: number;
  shard: Shard;
  /** Trial indexes held: firstTrial .. endTrial - 1. */
  firstTrial: number;
  endTrial: number;
  /** Spacecraft ids, in scenario order; the per-craft arrays below follow this order. */
  spacecraft: string[];
  /** Per trial: 1 flown and scored, 0 could not be flown. */
  flown: number[];
  /** Trials that could not be flown: [trial index, reason]. */
  errors: [number, string][];
  /** Per trial, per spacecraft (trial-major): violation bits (trial.ts, violationBit). */
  violationMask: number[];
  /** Closest approach to the target, m (null: trial not flown). */
  minRangeM: (number | null)[];
  /** Delta-v flown, m/s (null: trial not flown). */
  totalDvMps: (number | null)[];
  /** Worst passive-safety drift range, m (null: not computed). */
  passiveWorstRangeM: (number | null)[];
  /** The validated scenario the trials were flown from. */
  scenario: Scenario;
}

/** SHA-256 (hex) of a scenario's JSON text. */
export function scenarioSha256(s: Scenario): string {
  return createHash('sha256').update(JSON.stringify(s)).digest('hex');
}

const num = (v: number): number | null => (Number.isNaN(v) ? null : v);

/**
 * The part of shard `shard` of a run of `trials` trials, from a table that holds (at least) the
 * shard's trials.
 */
export function makePart(
  scenario: Scenario,
  seed: number,
  trials: number,
  shard: Shard,
  table: TrialTable,
): MonteCarloPart {
  const { first, end } = shardRange(trials, shard);
  const crafts = table.craftCount;
  const part: MonteCarloPart = {
    format: PART_FORMAT,
    version: PART_FORMAT_VERSION,
    scenarioSha256: scenarioSha256(scenario),
    trials,
    seed,
    shard,
    firstTrial: first,
    endTrial: end,
    spacecraft: scenario.spacecraft.map((c) => c.id),
    flown: [],
    errors: [],
    violationMask: [],
    minRangeM: [],
    totalDvMps: [],
    passiveWorstRangeM: [],
    scenario,
  };
  for (let t = first; t < end; t++) {
    const st = table.status[t];
    if (st !== TRIAL_OK && st !== TRIAL_FAILED) throw new Error(`trial ${t} is not done`);
    part.flown.push(st === TRIAL_OK ? 1 : 0);
    if (st === TRIAL_FAILED) part.errors.push([t, table.errors.get(t) ?? '']);
    for (let i = 0; i < crafts; i++) {
      const at = t * crafts + i;
      part.violationMask.push(table.violationMask[at]!);
      part.minRangeM.push(num(table.minRangeM[at]!));
      part.totalDvMps.push(num(table.totalDvMps[at]!));
      part.passiveWorstRangeM.push(num(table.passiveWorstRangeM[at]!));
    }
  }
  return part;
}

/** A part's JSON text (one line: parts are read by programs). */
export function partText(part: MonteCarloPart): string {
  return `${JSON.stringify(part)}\n`;
}

const isInt = (v: unknown, min: number): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min;

/**
 * Checks a parsed part file's structure and its scenario's hash.
 * @param name the file name, for messages
 * @throws InputError naming the file and what is wrong
 */
export function checkPart(value: unknown, name: string): MonteCarloPart {
  const bad = (what: string) => new InputError(`${name}: not a valid ${PART_FORMAT} file: ${what}`);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw bad('not a JSON object');
  const p = value as Record<string, unknown>;
  if (p.format !== PART_FORMAT) throw bad(`"format" is not "${PART_FORMAT}"`);
  if (p.version !== PART_FORMAT_VERSION)
    throw bad(`"version" ${JSON.stringify(p.version)} (this rpo-sim reads version 1)`);
  if (!isInt(p.trials, 1)) throw bad('"trials" is not a positive integer');
  if (!isInt(p.seed, 0)) throw bad('"seed" is not an integer >= 0');
  const shard = p.shard as Record<string, unknown> | null;
  if (typeof shard !== 'object' || shard === null || !isInt(shard.count, 1))
    throw bad('"shard.count" is not a positive integer');
  if (!isInt(shard.index, 0) || shard.index >= shard.count)
    throw bad(`"shard.index" is not an integer from 0 to shard.count - 1`);
  const range = shardRange(p.trials, { index: shard.index, count: shard.count });
  if (p.firstTrial !== range.first || p.endTrial !== range.end)
    throw bad(`"firstTrial"/"endTrial" are not shard ${shard.index}/${shard.count}'s trials`);
  if (!Array.isArray(p.spacecraft) || p.spacecraft.length === 0)
    throw bad('"spacecraft" is not a list of ids');
  const n = range.end - range.first;
  const m = n * p.spacecraft.length;
  const column = (key: string, length: number, nullable: boolean) => {
    const a = p[key];
    if (
      !Array.isArray(a) ||
      a.length !== length ||
      !a.every((v) => (nullable && v === null) || (typeof v === 'number' && Number.isFinite(v)))
    )
      throw bad(`"${key}" is not a list of ${length} numbers`);
  };
  column('flown', n, false);
  column('violationMask', m, false);
  column('minRangeM', m, true);
  column('totalDvMps', m, true);
  column('passiveWorstRangeM', m, true);
  if (
    !Array.isArray(p.errors) ||
    !p.errors.every(
      (e) =>
        Array.isArray(e) &&
        isInt(e[0], range.first) &&
        e[0] < range.end &&
        typeof e[1] === 'string',
    )
  )
    throw bad('"errors" is not a list of [trial index, reason] in the shard');
  if (typeof p.scenario !== 'object' || p.scenario === null) throw bad('"scenario" is missing');
  if (scenarioSha256(p.scenario as Scenario) !== p.scenarioSha256)
    throw bad('the scenario does not match "scenarioSha256" (the file was changed)');
  return value as MonteCarloPart;
}

/** Reads and checks a part file. @throws InputError */
export function readPartFile(file: string): MonteCarloPart {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`${file}: cannot read (${(err as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${file}: not JSON (${(err as Error).message})`);
  }
  return checkPart(value, file);
}

const trialsText = (first: number, end: number) =>
  end - first === 1 ? `trial ${first}` : `trials ${first}..${end - 1}`;

/**
 * Puts the trials of parts that together hold every trial of one run, once each, back into one
 * table.
 * @param names the parts' file names, for messages
 * @throws InputError for parts of different runs, duplicate or overlapping shards, and gaps
 */
export function mergeParts(
  parts: readonly MonteCarloPart[],
  names: readonly string[],
): { scenario: Scenario; seed: number; table: TrialTable } {
  if (parts.length === 0) throw new InputError('merge needs at least one part file');
  const p0 = parts[0]!;
  parts.forEach((p, k) => {
    const differs =
      p.scenarioSha256 !== p0.scenarioSha256
        ? 'scenario'
        : p.seed !== p0.seed
          ? 'seed'
          : p.trials !== p0.trials
            ? 'trial count'
            : null;
    if (differs)
      throw new InputError(
        `${names[k]} and ${names[0]} are parts of different runs (their ${differs} differs: ` +
          `${p.trials} trials, seed ${p.seed}, scenario ${p.scenarioSha256.slice(0, 12)} vs ` +
          `${p0.trials} trials, seed ${p0.seed}, scenario ${p0.scenarioSha256.slice(0, 12)})`,
      );
  });
  const order = parts
    .map((p, k) => ({ p, name: names[k]! }))
    .filter((x) => x.p.endTrial > x.p.firstTrial)
    .sort((a, b) => a.p.firstTrial - b.p.firstTrial);
  for (let k = 0; k < parts.length; k++) {
    for (let j = 0; j < k; j++) {
      const a = parts[j]!.shard;
      const b = parts[k]!.shard;
      if (a.index === b.index && a.count === b.count)
        throw new InputError(
          `${names[j]} and ${names[k]} are the same shard ${a.index}/${a.count}: give each shard once`,
        );
    }
  }
  let covered = 0;
  let previous: string | null = null;
  for (const { p, name } of order) {
    if (p.firstTrial < covered)
      throw new InputError(
        `${previous} and ${name} overlap (${trialsText(p.firstTrial, Math.min(covered, p.endTrial))} are in both): give shards of one split`,
      );
    if (p.firstTrial > covered) throw missing(covered, p.firstTrial, parts);
    covered = p.endTrial;
    previous = name;
  }
  if (covered < p0.trials) throw missing(covered, p0.trials, parts);

  const table = new TrialTable(p0.trials, p0.spacecraft.length);
  for (const p of parts) putPart(table, p);
  return { scenario: p0.scenario, seed: p0.seed, table };
}

/** Stores a part's trials in a table of the whole run (by trial index). */
export function putPart(table: TrialTable, p: MonteCarloPart): void {
  const crafts = table.craftCount;
  const errors = new Map(p.errors);
  for (let t = p.firstTrial; t < p.endTrial; t++) {
    const k = t - p.firstTrial;
    if (p.flown[k] !== 1) {
      table.set({
        trialIndex: t,
        error: errors.get(t) ?? 'the trial could not be flown',
        spacecraft: [],
      });
      continue;
    }
    const spacecraft = [];
    for (let i = 0; i < crafts; i++) {
      const at = k * crafts + i;
      spacecraft.push({
        violationMask: p.violationMask[at]!,
        minRangeM: p.minRangeM[at] ?? Number.NaN,
        totalDvMps: p.totalDvMps[at] ?? Number.NaN,
        passiveWorstRangeM: p.passiveWorstRangeM[at] ?? Number.NaN,
      });
    }
    table.set({ trialIndex: t, error: null, spacecraft });
  }
}

/** The error for trials [first, end) that no part holds, naming the shards missing. */
function missing(first: number, end: number, parts: readonly MonteCarloPart[]): InputError {
  const k = parts[0]!.shard.count;
  const hint = parts.every((p) => p.shard.count === k)
    ? `: missing shard(s) ${Array.from({ length: k }, (_, i) => i)
        .filter((i) => !parts.some((p) => p.shard.index === i))
        .map((i) => `${i}/${k}`)
        .join(', ')}`
    : '';
  const verb = end - first === 1 ? 'is' : 'are';
  return new InputError(`${trialsText(first, end)} ${verb} in no part${hint}`);
}
