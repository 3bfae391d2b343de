// `rpo-sim run --gauge`: the model gauge (src/sim/gauge.ts) in the summary and the JSON report.

import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { HEAVY_TEST_TIMEOUT_MS } from '../helpers.ts';

async function cli(...args: string[]) {
  let out = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: () => {} });
  return { code, out };
}

describe('rpo-sim run --gauge', () => {
  it(
    'adds one summary line per spacecraft and the modelGauge report field; absent without it',
    async () => {
      const plain = await cli('run', 'scenarios/vbar-hop.json');
      expect(plain.out).not.toMatch(/model gauge/);
      const { code, out } = await cli('run', 'scenarios/vbar-hop.json', '--gauge');
      expect(code).toBe(0);
      expect(out).toMatch(
        /model gauge {2}drift from the perturbed truth \(same burns, open loop\), RIC position: CW final \d+\.\d+ (m|km), worst \d+\.\d+ (m|km) at t\+\d+:\d\d:\d\d\.\d\d; two-body final/,
      );
      const json = JSON.parse(
        (await cli('run', 'scenarios/vbar-hop.json', '--gauge', '--json')).out,
      );
      const g = json.spacecraft[0].modelGauge;
      expect(g.truth).toBe('perturbed');
      expect(g.forces).toEqual({ j2: true, sun: true, moon: true, srp: true });
      expect(g.finalTS).toBe(86_400);
      expect(g.models).toHaveLength(2);
      for (const m of g.models) {
        expect(m.finalPositionDifferenceM).toBeGreaterThan(0);
        expect(m.worstPositionDifferenceM).toBeGreaterThanOrEqual(m.finalPositionDifferenceM);
      }
    },
    HEAVY_TEST_TIMEOUT_MS,
  );
});
