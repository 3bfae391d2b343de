/**
 * The Monte Carlo JSON (`rpo-montecarlo` v1, what `rpo-sim montecarlo --json` prints) of every
 * example scenario and bit-identical fixture, hashed: the Monte Carlo kernel (issue 18) must not
 * change one bit of it. test/fixtures/montecarlo-examples.json holds the hashes of the code
 * named there (written by `npx tsx test/montecarlo/write-examples-json.ts`).
 */

import { createHash } from 'node:crypto';
import { runMonteCarlo } from '../../src/index.ts';
import { exampleFiles, loadExample } from '../sim/fingerprints.ts';

/** Trials and seed of every example's run. */
export const EXAMPLES_MONTE_CARLO = { trials: 3, seed: 11 };

/** Per example: sha256 of its Monte Carlo JSON. */
export async function examplesMonteCarloHashes(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of exampleFiles()) {
    const summary = await runMonteCarlo(loadExample(file), EXAMPLES_MONTE_CARLO);
    out[file] = createHash('sha256').update(JSON.stringify(summary)).digest('hex');
  }
  return out;
}
