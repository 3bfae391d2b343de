/**
 * The Monte Carlo panel's inputs: trial count and seed, read as the CLI reads its flags (plain
 * digits, optionally in exponent form such as 1e4; nothing else).
 */

import { MAX_SEED } from '../../montecarlo/random.ts';
import { MAX_BROWSER_TRIALS } from './pool.ts';

/** A parsed input: the value, or why it is not one. */
export type Parsed = { ok: true; value: number } | { ok: false; message: string };

function parseInteger(text: string, min: number, max: number, what: string): Parsed {
  const t = text.trim().replace(/[_\s,]/g, '');
  const v = /^\d+(\.\d*)?(e\+?\d+)?$/i.test(t) ? Number(t) : Number.NaN;
  if (!Number.isSafeInteger(v) || v < min || v > max) {
    return {
      ok: false,
      message: `${what}: an integer from ${min} to ${max.toLocaleString('en-US')}`,
    };
  }
  return { ok: true, value: v };
}

/** Trials: 1 to MAX_BROWSER_TRIALS. */
export function parseTrials(text: string): Parsed {
  return parseInteger(text, 1, MAX_BROWSER_TRIALS, 'Trials');
}

/** Seed: 0 to MAX_SEED (2^53 - 1). */
export function parseSeed(text: string): Parsed {
  return parseInteger(text, 0, MAX_SEED, 'Seed');
}
