// rpo-sim pc over a window shorter than the encounter (Alfano case 11, NASA CARA's CDM: LEO,
// 0.084 m/s, TCA +- 1420 s): the JSON says what counted as a hit and how many trials were
// already in contact at the window's start, and the summary says they were not counted.
// Reference: Alfano's instantaneous probability at the start, 0.00192
// (test/fixtures/collision/cara/A09TestCases_01_12_Distributed.csv, A09_InstProb).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

const CASE11 = join('test', 'fixtures', 'collision', 'cara', 'AlfanoTestCase11.cdm');
const TRIALS = 20_000;
const ARGS = ['pc', CASE11, '--window-s', '1420', '--trials', String(TRIALS), '--seed', '1'];

async function cli(...args: string[]) {
  let out = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: () => {} });
  return { code, out };
}

describe('rpo-sim pc: contacts at the window start', { timeout: 600_000 }, () => {
  it('--json: first contacts counted, equinoctial sampling, contacts at the start apart', async () => {
    const { code, out } = await cli(...ARGS, '--json');
    expect(code).toBe(0);
    const mc = JSON.parse(out).pcMonteCarlo;
    expect(mc.hitTest).toBe('first-contact');
    expect(mc.sampling).toBe('equinoctial');
    const inst = 0.00192;
    // within 3.29 binomial standard errors of Alfano's value
    const sigma = Math.sqrt((inst * (1 - inst)) / TRIALS);
    expect(Math.abs(mc.contactAtStart / TRIALS - inst)).toBeLessThan(3.29 * sigma);
  });

  it('the summary says that those trials were not counted', async () => {
    const { code, out } = await cli(...ARGS);
    expect(code).toBe(0);
    expect(out).toMatch(/\d+ trials were already in contact at the window's start: not hits/);
  });
});
