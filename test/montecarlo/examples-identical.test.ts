/**
 * Every example's Monte Carlo JSON is bit-identical to the recorded one (issue 18: the kernel
 * may be made faster, never different). See examplesJson.ts.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleFiles } from '../sim/fingerprints.ts';
import { EXAMPLES_MONTE_CARLO, examplesMonteCarloHashes } from './examplesJson.ts';

const fixture = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'montecarlo-examples.json'), 'utf8'),
) as { trials: number; seed: number; hashes: Record<string, string> };

describe('Monte Carlo JSON of every example', () => {
  it('hashes as recorded, for every example and fixture', async () => {
    expect({ trials: fixture.trials, seed: fixture.seed }).toEqual(EXAMPLES_MONTE_CARLO);
    expect(Object.keys(fixture.hashes)).toEqual(exampleFiles());
    expect(await examplesMonteCarloHashes()).toEqual(fixture.hashes);
  }, 600_000);
});
