/**
 * `rpo-sim`: run and validate scenario files from the command line.
 *
 *   rpo-sim run [FILE] [--json] [--ephemeris OUT.csv] [--strict] [--gauge]
 *   rpo-sim validate FILE...
 *   rpo-sim schema [OUT.json]
 *   rpo-sim montecarlo FILE --trials N --seed S [--json] [--workers K] [--worst OUT.json]
 *   rpo-sim pc FILE.cdm [--hbr-m R] [--trials N] [--seed S] [--window-s T] [--json]
 *   rpo-sim export FILE --format oem|oem-xml|opm|cdm|czml|stk-e --out DIR [--step-s S] [--ric]
 *   rpo-sim montecarlo FILE --trials N --seed S --shard i/K --out PART.json
 *   rpo-sim merge PART.json... [--json]
 *   rpo-sim montecarlo FILE --trials N --seed S --queue redis://HOST:PORT [--shards K]
 *   rpo-sim worker --queue redis://HOST:PORT [--lock-duration-ms MS]
 *   rpo-sim sweep FILE --set PATH=SPEC [--set PATH=SPEC] --trials N --seed S [--json|--csv]
 *
 * Exit codes: 0 done; 1 the run finished with violations and --strict was given; 2 invalid input
 * or usage (the message on stderr, no stack trace); 3 an internal error (a bug: please report it);
 * 130 a Monte Carlo run interrupted by Ctrl+C (its partial result printed).
 */

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from '../scenario/schema.ts';
import {
  InputError,
  inputProblemExit,
  loadScenarioFile,
  readScenarioFile,
  UsageError,
  writeOutputFile,
} from './files.ts';
import type { Scenario } from '../scenario/schema.ts';
import { buildReport } from '../scoring/report.ts';
import type { EvaluateOptions, Evaluation } from '../scoring/evaluate.ts';
import { evaluateScenario } from '../scoring/evaluate.ts';
import type { RunResult } from '../sim/run.ts';
import { ScenarioRunError } from '../sim/run.ts';
import { formatSummary } from './summary.ts';
import { elementsWarnings } from '../formats/scenarioElements.ts';
import { commentLines, provenanceLines } from '../formats/provenance.ts';

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** The default scenario, run by `rpo-sim run` without a file. */
export const DEFAULT_SCENARIO_PATH = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'scenarios',
  'skynet5a-inspection.json',
);

const USAGE = `Usage:
  rpo-sim run [FILE] [--json] [--ephemeris OUT.csv] [--strict] [--gauge]
      Run a scenario (the built-in SKYNET-5A inspection when FILE is left out) and print a
      summary, or the report as JSON with --json. --ephemeris writes every state (RIC, SI) as
      CSV. --strict exits with 1 when any constraint was violated. --gauge adds the model gauge
      (how far CW or YA and two-body drift from the perturbed truth, m; always there for
      "dynamics": "perturbed").
  rpo-sim validate FILE...
      Check scenario files as run does, flying each plan (nothing printed but problems); print
      every problem with its JSON path. JSON Schema documents are skipped with a note.
  rpo-sim schema [OUT.json]
      Print (or write) the JSON Schema of the scenario format.
  rpo-sim montecarlo FILE --trials N --seed S [--json] [--workers K] [--worst OUT.json]
      Run N dispersed trials (the scenario's "dispersions") on K worker threads (default: all
      cores); print violation probabilities (95 % Wilson intervals) and percentiles of minimum
      range and delta-v. --worst writes the closest trial as a scenario. Ctrl+C: partial
      result, exit code 130.
  rpo-sim montecarlo FILE --trials N --seed S --shard i/K --out PART.json
      Run shard i of K (i from 0) of the same run and write its partial result.
  rpo-sim merge PART.json... [--json]
      Combine every shard's part into the run's report, identical to a single run's.
  rpo-sim montecarlo FILE --trials N --seed S --queue redis://HOST:PORT [--shards K]
      The same run as K jobs on a BullMQ queue in Redis; the same report.
  rpo-sim worker --queue redis://HOST:PORT [--lock-duration-ms MS]
      Serve the queue's Monte Carlo jobs until SIGINT/SIGTERM (the current job is finished).
  rpo-sim sweep FILE --set PATH=SPEC [--set PATH=SPEC] --trials N --seed S [--json|--csv]
      The Monte Carlo of every variant with the field at PATH set to each value of SPEC
      (start:step:stop or a comma list), as a table (also --workers, --queue, --shards).
  rpo-sim pc FILE.cdm [--hbr-m R] [--trials N] [--seed S] [--window-s T] [--json]
      Probability of collision of a conjunction in a CCSDS CDM (KVN): Foster's 2D Pc with its
      short-encounter test, and a two-body Monte Carlo (default 100000 trials, 95 % interval)
      over TCA +- T s (default: Coppola's bounds). --hbr-m is the combined hard-body radius, m
      (default: the file's COMMENT HBR line).
  rpo-sim export FILE --format oem|oem-xml|opm|cdm|czml|stk-e --out DIR [--step-s S] [--ric]
      Write exchange files into DIR, one per object (<id>.oem, <id>.oem.xml, <id>.opm,
      <pair>.cdm, scenario.czml, <id>.e; the target is "target"): EME2000, UTC. --step-s samples
      every S seconds instead of every integration node; --ric adds <id>.ric.oem (target RIC).
  rpo-sim --help | --version

FILE is a regular file, or - for standard input (at most 5 MB). Outputs are written completely
or not at all (a temporary file, then renamed).

Exit codes: 0 done, 1 violations with --strict, 2 invalid input, an output that cannot be
written, or usage, 3 internal error, 130 Monte Carlo interrupted, 143 stopped by SIGTERM.`;

interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

function parseArgs(
  args: readonly string[],
  valued: readonly string[],
  booleans: readonly string[],
): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      if (valued.includes(name)) {
        const v = inline ?? args[++i];
        if (v === undefined || v === '') throw new UsageError(`--${name} needs a value`);
        flags.set(name, v);
      } else if (booleans.includes(name) && inline === undefined) {
        flags.set(name, true);
      } else {
        throw new UsageError(`unknown option ${a}`);
      }
    } else {
      positional.push(a);
    }
  }
  return { positional, flags };
}

/** Writes every integration node as CSV, completely or not at all (see writeOutputFile). */
function writeEphemerisCsv(file: string, run: RunResult): void {
  writeOutputFile(file, (append) => {
    append(commentLines(provenanceLines(run.scenario.provenance), '# '));
    append('spacecraft,tS,rM,iM,cM,vrMps,viMps,vcMps\n');
    for (const c of run.spacecraft) {
      const e = c.ephemeris;
      if (!e) continue;
      let chunk = '';
      for (let k = 0; k < e.count; k++) {
        const o = k * 6;
        const s = e.stateRic;
        chunk += `${c.id},${e.tS[k]},${s[o]},${s[o + 1]},${s[o + 2]},${s[o + 3]},${s[o + 4]},${s[o + 5]}\n`;
        if (chunk.length > 1 << 16) {
          append(chunk);
          chunk = '';
        }
      }
      append(chunk);
    }
  });
}

async function cmdRun(args: readonly string[], io: CliIo): Promise<number> {
  const { positional, flags } = parseArgs(args, ['ephemeris'], ['json', 'strict', 'gauge']);
  if (positional.length > 1) throw new UsageError('run takes one scenario file');
  const file = positional[0] ?? DEFAULT_SCENARIO_PATH;
  if (positional.length === 0)
    io.stderr(`rpo-sim: no file given; running the built-in scenario ${file}\n`);
  const scenario = await loadScenarioFile(file);
  for (const w of elementsWarnings(scenario))
    io.stderr(`rpo-sim: warning: ${w.path}: ${w.message}\n`);
  const ephemerisFile = flags.get('ephemeris');
  const evaluation = flyScenario(file, scenario, {
    recordEphemeris: typeof ephemerisFile === 'string',
    ...(flags.has('gauge') ? { modelGauge: true } : {}),
  });
  if (typeof ephemerisFile === 'string') writeEphemerisCsv(ephemerisFile, evaluation.run);
  const report = buildReport(evaluation);
  if (flags.has('json')) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else io.stdout(formatSummary(report));
  const violated = report.spacecraft.some((c) => c.violations.length > 0);
  return violated && flags.has('strict') ? 1 : 0;
}

/**
 * Runs and scores a loaded scenario as `run` does.
 * @throws InputError when the plan cannot be flown as written (a ScenarioRunError)
 */
function flyScenario(file: string, scenario: Scenario, options: EvaluateOptions): Evaluation {
  try {
    return evaluateScenario(scenario, options);
  } catch (err) {
    if (err instanceof ScenarioRunError)
      throw new InputError(`${file}: cannot be flown as written\n  ${err.message}`);
    throw err;
  }
}

/**
 * Whether a JSON text is a JSON Schema document rather than a scenario (e.g.
 * scenarios/scenario.schema.json caught by a glob): an object that does not say
 * `"format": "rpo-scenario"` and carries a json-schema.org `$schema` or an `$id`.
 */
export function isJsonSchemaDocument(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  if (v.format === 'rpo-scenario') return false;
  const schema = v.$schema;
  return (
    (typeof schema === 'string' && /^https?:\/\/json-schema\.org\//.test(schema)) ||
    typeof v.$id === 'string'
  );
}

/**
 * Checks each file as `run` would, flying the plan too (a dry run: the same run and scoring,
 * nothing printed but problems), so that what validate passes, run does not refuse.
 */
async function cmdValidate(args: readonly string[], io: CliIo): Promise<number> {
  const { positional } = parseArgs(args, [], []);
  if (positional.length === 0) throw new UsageError('validate needs at least one file');
  let bad = 0;
  for (const file of positional) {
    try {
      // read once: standard input (`-`) cannot be read twice
      const text = readScenarioFile(file);
      if (isJsonSchemaDocument(text)) {
        io.stdout(`skipped: ${file} (a JSON Schema document, not a scenario)\n`);
        continue;
      }
      flyScenario(file, await loadScenarioFile(file, text), { modelGauge: false });
      io.stdout(`ok: ${file}\n`);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      io.stderr(`${err.message}\n`);
      bad++;
    }
  }
  return bad > 0 ? 2 : 0;
}

function cmdSchema(args: readonly string[], io: CliIo): number {
  const { positional } = parseArgs(args, [], []);
  const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
  if (positional.length > 1) throw new UsageError('schema takes at most one output file');
  if (positional[0] === undefined) io.stdout(text);
  else writeOutputFile(positional[0], (append) => append(text));
  return 0;
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: readonly string[], io: CliIo, version = '0.0.0'): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return await cmdRun(rest, io);
      case 'validate':
        return await cmdValidate(rest, io);
      case 'schema':
        return cmdSchema(rest, io);
      case 'export':
        return await (
          await import('./export.ts')
        ).cmdExport(parseArgs(rest, ['format', 'out', 'step-s'], ['ric']), io);
      case 'montecarlo':
        return await (await import('./montecarlo.ts')).cmdMonteCarlo(rest, io);
      case 'pc':
        return (await import('./pc.ts')).cmdPc(rest, io);
      case 'merge':
        return (await import('./merge.ts')).cmdMerge(rest, io);
      case 'sweep':
        return await (await import('./sweep.ts')).cmdSweep(rest, io);
      case 'worker':
        return await (await import('./worker.ts')).cmdWorker(rest, io);
      case '--help':
      case '-h':
      case 'help':
        io.stdout(`${USAGE}\n`);
        return 0;
      case '--version':
        io.stdout(`${version}\n`);
        return 0;
      case undefined:
        throw new UsageError('no command given');
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    const code = inputProblemExit(err, io.stderr, USAGE);
    if (code !== null) return code;
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(
      `rpo-sim: internal error: ${message}\n(this is a bug; set RPO_SIM_DEBUG=1 for details)\n`,
    );
    if (process.env.RPO_SIM_DEBUG && err instanceof Error) io.stderr(`${err.stack}\n`);
    return 3;
  }
}
