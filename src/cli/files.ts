/**
 * Reading scenario files and writing outputs for the command line. Input is read from regular
 * files (or stdin) only, at most 5 MB; outputs are written completely or not at all. Problems are
 * reported as messages (InputError, exit 2) with every issue and its JSON path.
 */

import {
  closeSync,
  constants as fsConstants,
  fstatSync,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
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

/** Path that names standard input. */
export const STDIN_PATH = '-';

/** A message for a failed file operation: the reason in words, then the system's code. */
function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const words: Record<string, string> = {
    ENOENT: 'no such file or folder',
    EACCES: 'permission denied',
    EISDIR: 'is a directory',
    ENOTDIR: 'a part of the path is not a folder',
    ENOSPC: 'no space left on the device',
    EROFS: 'read-only file system',
  };
  return e.code && words[e.code] ? `${words[e.code]} (${e.code})` : (e.message ?? String(err));
}

/** Blocks this thread for `ms` milliseconds (reading a non-blocking stdin that has no data yet). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Reads at most {@link MAX_SCENARIO_BYTES} + 1 bytes from `fd`, so that a file growing while it is
 * read, or a stdin pipe without end, cannot take more memory than that.
 */
function readBounded(fd: number, name: string): string {
  const buffer = Buffer.alloc(MAX_SCENARIO_BYTES + 1);
  let length = 0;
  while (length < buffer.length) {
    let n: number;
    try {
      n = readSync(fd, buffer, length, buffer.length - length, null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') {
        pause(10);
        continue;
      }
      throw new InputError(`${name}: cannot read (${reason(err)})`);
    }
    if (n === 0) break;
    length += n;
  }
  if (length > MAX_SCENARIO_BYTES) {
    throw new InputError(
      `${name}: larger than the limit of ${MAX_SCENARIO_BYTES / 1048576} MB for a scenario`,
    );
  }
  return new TextDecoder('utf-8').decode(buffer.subarray(0, length));
}

/**
 * The text of a scenario file (or of standard input for `-`). Only a regular file is read: a
 * directory, device (`/dev/zero`), FIFO or socket is refused without reading, and a FIFO is opened
 * non-blocking so that one with no writer cannot hang the command. At most 5 MB is read whatever
 * size the file reports. @throws InputError
 */
export function readScenarioFile(file: string): string {
  if (file === STDIN_PATH) return readBounded(0, 'standard input');
  let fd: number;
  try {
    fd = openSync(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new InputError(`${file}: no such file`);
    throw new InputError(`${file}: cannot open (${reason(err)})`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new InputError(`${file}: is a directory, not a scenario file`);
    if (!st.isFile()) {
      throw new InputError(
        `${file}: is not a regular file (a device, FIFO or socket); give a scenario file, or - for standard input`,
      );
    }
    if (st.size > MAX_SCENARIO_BYTES) {
      throw new InputError(
        `${file}: file is ${(st.size / 1048576).toFixed(1)} MB; the limit is ${MAX_SCENARIO_BYTES / 1048576} MB`,
      );
    }
    return readBounded(fd, file);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes an output file completely or not at all: the content goes to a temporary file in the
 * same folder, which is then renamed over `file` (atomic on one file system), so a reader never
 * sees half a file and a failure leaves any earlier file as it was. An existing `file` that is
 * not a regular file (a directory, `/dev/full`) is refused. A process killed (SIGKILL, SIGTERM)
 * while writing may leave the temporary file `.NAME.PID.tmp` behind, never a partial `file`.
 *
 * @param write called with a function that appends text to the file
 * @throws InputError saying why the file could not be written (exit 2)
 */
export function writeOutputFile(
  file: string,
  write: (append: (text: string) => void) => void,
): void {
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError(`${file}: cannot write: is a directory`);
    if (!st.isFile()) throw new InputError(`${file}: cannot write: not a regular file`);
  } catch (err) {
    if (err instanceof InputError) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new InputError(`${file}: cannot write (${reason(err)})`);
  }
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(temporary, 'wx');
    const out = fd;
    write((text) => {
      const bytes = Buffer.from(text, 'utf8');
      let done = 0;
      while (done < bytes.length) done += writeSync(out, bytes, done, bytes.length - done);
    });
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temporary, file);
  } catch (err) {
    if (fd !== null) closeSync(fd);
    rmSync(temporary, { force: true });
    if (err instanceof InputError) throw err;
    throw new InputError(`${file}: cannot write (${reason(err)})`);
  }
}

/**
 * Reads and validates a scenario file (or its `text`, already read), loading the expression
 * parser first when it has triggers.
 * @throws InputError listing every problem
 */
export async function loadScenarioFile(
  file: string,
  text = readScenarioFile(file),
): Promise<Scenario> {
  await loadExpressionParserFor(text);
  const result = loadScenario(text);
  if (!result.ok) {
    throw new InputError(`${file}: invalid scenario\n${indent(formatIssues(result.issues))}`);
  }
  return result.scenario;
}
