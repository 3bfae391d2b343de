/**
 * Reading scenario files for the command line: size checked before reading, problems reported as
 * messages (InputError, exit 2) with every issue and its JSON path.
 */

import { readFileSync, statSync } from 'node:fs';
import { loadExpressionParserFor } from '../scenario/expressionParser.ts';
import type { Scenario } from '../scenario/schema.ts';
import { formatIssues, loadScenario, MAX_SCENARIO_BYTES } from '../scenario/validate.ts';

/** Bad usage: the message is followed by the usage text (exit 2). */
export class UsageError extends Error {}
/** Bad input (file, scenario): the message alone (exit 2). */
export class InputError extends Error {}

/**
 * Reports a usage or input problem on stderr and gives its exit code (2); null for any other
 * error (the caller's to handle).
 *
 * @param usage the usage text printed after a usage error
 */
export function inputProblemExit(
  err: unknown,
  stderr: (text: string) => void,
  usage: string,
): number | null {
  if (err instanceof UsageError) {
    stderr(`rpo-sim: ${err.message}\n\n${usage}\n`);
    return 2;
  }
  if (err instanceof InputError) {
    stderr(`rpo-sim: ${err.message}\n`);
    return 2;
  }
  return null;
}

/** Indents every line by two spaces. */
export function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

/** The text of a scenario file, refusing directories and files over the size limit. */
export function readScenarioFile(file: string): string {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError(`${file}: is a directory, not a scenario file`);
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      `${file}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? String(err)})`}`,
    );
  }
  if (size > MAX_SCENARIO_BYTES) {
    throw new InputError(
      `${file}: file is ${(size / 1048576).toFixed(1)} MB; the limit is ${MAX_SCENARIO_BYTES / 1048576} MB`,
    );
  }
  return readFileSync(file, 'utf8');
}

/**
 * Reads and validates a scenario file, loading the expression parser first when it has triggers.
 * @throws InputError listing every problem
 */
export async function loadScenarioFile(file: string): Promise<Scenario> {
  const text = readScenarioFile(file);
  await loadExpressionParserFor(text);
  const result = loadScenario(text);
  if (!result.ok) {
    throw new InputError(`${file}: invalid scenario\n${indent(formatIssues(result.issues))}`);
  }
  return result.scenario;
}
