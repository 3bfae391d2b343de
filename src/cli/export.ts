/**
 * `rpo-sim export FILE --format oem|oem-xml|opm|cdm|czml|stk-e --out DIR [--step-s S] [--ric]`:
 * runs the scenario with its ephemeris and writes the exchange files (src/formats/export.ts)
 * into DIR. Every file is written to a temporary name first and renamed once all are complete,
 * so a failure (exit 2) leaves no partial file behind.
 */

import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  EXPORT_FORMATS,
  exportRun,
  ExportUnsupportedError,
  type ExportFormat,
} from '../formats/export.ts';
import { elementsWarnings } from '../formats/scenarioElements.ts';
import { runScenario, ScenarioRunError } from '../sim/run.ts';
import { InputError, loadScenarioFile, UsageError } from './files.ts';
import type { CliIo } from './main.ts';

function isFormat(v: string): v is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(v);
}

/**
 * Writes `files` into `dir` all or nothing: temporaries first, then renames; if a rename fails,
 * the files this call already put in place are removed again (a previous export's file of the
 * same name is then gone too: it had been replaced).
 * @throws InputError naming the file that could not be written
 */
export function writeFilesAtomically(
  dir: string,
  files: readonly { name: string; text: string }[],
): void {
  const temps: string[] = [];
  const placed: string[] = [];
  try {
    mkdirSync(dir, { recursive: true });
    for (const f of files) {
      const tmp = join(dir, `.${f.name}.${process.pid}.tmp`);
      temps.push(tmp);
      writeFileSync(tmp, f.text);
    }
    files.forEach((f, i) => {
      const dest = join(dir, f.name);
      renameSync(temps[i]!, dest);
      placed.push(dest);
    });
  } catch (err) {
    for (const t of temps) rmSync(t, { force: true });
    for (const p of placed) rmSync(p, { force: true });
    const e = err as NodeJS.ErrnoException & { dest?: string };
    throw new InputError(`${e.dest ?? e.path ?? dir}: cannot write (${e.code ?? e.message})`);
  }
}

/** The `export` verb; returns the exit code. */
export async function cmdExport(
  parsed: { positional: string[]; flags: Map<string, string | true> },
  io: CliIo,
): Promise<number> {
  const { positional, flags } = parsed;
  if (positional.length !== 1) throw new UsageError('export takes one scenario file');
  const format = flags.get('format');
  if (typeof format !== 'string' || !isFormat(format))
    throw new UsageError(`export needs --format ${EXPORT_FORMATS.join('|')}`);
  const out = flags.get('out');
  if (typeof out !== 'string') throw new UsageError('export needs --out DIR');
  const stepText = flags.get('step-s');
  let stepS: number | undefined;
  if (typeof stepText === 'string') {
    stepS = Number(stepText);
    if (!Number.isFinite(stepS) || stepS <= 0)
      throw new UsageError(`--step-s: expected a number of seconds > 0, got "${stepText}"`);
  }
  if (flags.has('ric') && format !== 'oem') throw new UsageError('--ric goes with --format oem');
  const file = positional[0]!;
  const scenario = await loadScenarioFile(file);
  for (const w of elementsWarnings(scenario))
    io.stderr(`rpo-sim: warning: ${w.path}: ${w.message}\n`);
  let files;
  try {
    // Closest approaches (the CDM's) are found from the recorded states without the constraints.
    const run = runScenario(scenario, { recordEphemeris: true, checkConstraints: false });
    files = exportRun(run, format, {
      creationDate: new Date().toISOString(),
      ...(stepS === undefined ? {} : { stepS }),
      ric: flags.has('ric'),
    });
  } catch (err) {
    if (err instanceof ScenarioRunError)
      throw new InputError(`${file}: cannot be flown as written\n  ${err.message}`);
    if (err instanceof ExportUnsupportedError) throw new InputError(`${file}: ${err.message}`);
    throw err;
  }
  writeFilesAtomically(out, files);
  for (const f of files) io.stdout(`${join(out, f.name)}\n`);
  return 0;
}
