/**
 * The engine's output does not change by accident: every example's report JSON, summary text
 * and ephemeris arrays (the examples and test/fixtures/bit-identical/, which fly every maneuver
 * type), and seeded Monte Carlo trials, hash to the values in
 * test/fixtures/bit-identical.json (written by test/sim/write-fingerprints.ts at the commit
 * named there).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  exampleFiles,
  MONTE_CARLO,
  monteCarloFingerprint,
  scenarioFingerprint,
} from './fingerprints.ts';

const fixture = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'bit-identical.json'), 'utf8'),
) as {
  monteCarlo: typeof MONTE_CARLO & { fingerprints: unknown };
  scenarios: Record<string, { report: string; summary: string; ephemeris: string }>;
};

describe('bit-identical output', () => {
  it('covers every example scenario', () => {
    expect(Object.keys(fixture.scenarios)).toEqual(exampleFiles());
  });

  it.each(exampleFiles())('%s: report, summary and ephemeris hash as recorded', (file) => {
    expect(scenarioFingerprint(file)).toEqual(fixture.scenarios[file]);
  });

  it('seeded Monte Carlo trials and the trials written as scenarios hash as recorded', () => {
    const { fingerprints, ...setup } = fixture.monteCarlo;
    expect(setup).toEqual(MONTE_CARLO);
    expect(monteCarloFingerprint()).toEqual(fingerprints);
  });
});
