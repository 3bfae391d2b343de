// rpo-sim sweep: ranges and lists, every pair of two fields, each valid row equal to the Monte
// Carlo run of that variant written out as a file (the field edited, validated, the same seed),
// an invalid variant reported in its row without stopping the sweep, CSV and JSON tables, and
// usage errors (exit 2).

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { parseSet } from '../../src/cli/sweep.ts';
import { variants } from '../../src/montecarlo/sweep.ts';
import { HEAVY_TEST_TIMEOUT_MS } from '../helpers.ts';

const EXAMPLE = 'scenarios/dispersed-vbar-approach.json';
const dir = mkdtempSync(join(tmpdir(), 'rpo-sweep-'));

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

describe('sweep values', () => {
  it('start:step:stop is inclusive and computed from the index, not accumulated', () => {
    const a = parseSet('spacecraft[0].maneuvers[1].tS=3600:600:14400');
    expect(a.path).toBe('spacecraft[0].maneuvers[1].tS');
    expect(a.values).toHaveLength(19);
    expect(a.values[0]).toBe(3600);
    expect(a.values[18]).toBe(14400);
    // 0.1 added ten times is 0.9999999999999999; 0 + 10 * 0.1 is 1
    expect(parseSet('x=0:0.1:1').values).toEqual([
      0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7000000000000001, 0.8, 0.9,
      1,
    ]);
    expect(parseSet('x=10:-5:0').values).toEqual([10, 5, 0]);
    expect(parseSet('x=0:400:1000').values).toEqual([0, 400, 800]);
    expect(parseSet('x = 1800, 3600,true,"a",b').values).toEqual([1800, 3600, true, 'a', 'b']);
    expect(variants([parseSet('a=1,2'), parseSet('b=3,4,5')])).toEqual([
      [1, 3],
      [1, 4],
      [1, 5],
      [2, 3],
      [2, 4],
      [2, 5],
    ]);
    for (const bad of ['x', '=1', 'x=0:0:10', 'x=10:1:0', 'x=a:1:2', 'x=1,,2', 'x=0:1:5000'])
      expect(() => parseSet(bad), bad).toThrow(/--set/);
  });
});

describe('rpo-sim sweep', () => {
  it(
    'each row is the Monte Carlo of its variant; an invalid variant is reported in its row',
    async () => {
      const base = ['--trials', '6', '--seed', '9', '--workers', '1'];
      const r = await cli(
        'sweep',
        EXAMPLE,
        '--set',
        'spacecraft[0].maneuvers[0].tS=1200:1200:2400',
        '--set',
        'spacecraft[0].maneuvers[1].after=3600,-5',
        ...base,
        '--json',
      );
      expect(r.code).toBe(0);
      const s = JSON.parse(r.out);
      expect(s).toMatchObject({
        format: 'rpo-sweep',
        version: 1,
        trials: 6,
        seed: 9,
        interrupted: false,
        parameters: ['spacecraft[0].maneuvers[0].tS', 'spacecraft[0].maneuvers[1].after'],
      });
      expect(s.variants.map((v: { values: unknown[] }) => v.values)).toEqual([
        [1200, 3600],
        [1200, -5],
        [2400, 3600],
        [2400, -5],
      ]);
      for (const k of [1, 3]) {
        expect(s.variants[k].error).toMatch(/spacecraft\[0\]\.maneuvers\[1\]\.after/);
        expect(s.variants[k].spacecraft).toEqual([]);
      }
      expect(r.err).toMatch(/variant 2\/4 .*: invalid: spacecraft\[0\]\.maneuvers\[1\]\.after/);
      // the valid rows against `montecarlo --json` of the variant written as a file
      const original = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
      for (const k of [0, 2]) {
        const v = structuredClone(original);
        v.spacecraft[0].maneuvers[0].tS = s.variants[k].values[0];
        v.spacecraft[0].maneuvers[1].after = s.variants[k].values[1];
        const file = join(dir, `variant-${k}.json`);
        writeFileSync(file, JSON.stringify(v));
        const mc = JSON.parse((await cli('montecarlo', file, ...base, '--json')).out);
        const row = s.variants[k];
        const c = mc.spacecraft[0];
        expect(row.flown).toBe(mc.flown);
        expect(row.spacecraft[0].violations).toEqual(c.violations);
        expect(row.spacecraft[0].anyViolation).toEqual(c.anyViolation);
        for (const key of ['p5', 'p50', 'p95']) {
          expect(row.spacecraft[0].totalDvMps[key]).toBe(c.totalDvMps[key]);
          expect(row.spacecraft[0].minRangeM[key]).toBe(c.minRangeM[key]);
        }
      }
      // the two valid variants differ (the edit reached the run)
      expect(s.variants[0].spacecraft[0].totalDvMps.p50).not.toBe(
        s.variants[2].spacecraft[0].totalDvMps.p50,
      );

      const csv = await cli(
        'sweep',
        EXAMPLE,
        '--set',
        'spacecraft[0].maneuvers[0].tS=1200,bad',
        ...base,
        '--csv',
      );
      expect(csv.code).toBe(0);
      const lines = csv.out.trimEnd().split('\n');
      expect(lines[0]).toBe(
        'spacecraft[0].maneuvers[0].tS,spacecraft,error,flown,failed,P(keep-out),P(keep-out) lo,P(keep-out) hi,P(budget),P(budget) lo,P(budget) hi,P(not-flown),P(not-flown) lo,P(not-flown) hi,P(any),P(any) lo,P(any) hi,dvP5Mps,dvP50Mps,dvP95Mps,minRangeP5M,minRangeP50M,minRangeP95M',
      );
      expect(lines).toHaveLength(3);
      const first = lines[1]!.split(',');
      expect(first.slice(0, 5)).toEqual(['1200', 'servicer', '', '6', '0']);
      // the file's after is 3600: this row is variant 0 of the JSON sweep above
      expect(Number(first[18])).toBe(s.variants[0].spacecraft[0].totalDvMps.p50);
      expect(Number(first[21])).toBe(s.variants[0].spacecraft[0].minRangeM.p50);
      expect(Number(first[14])).toBe(s.variants[0].spacecraft[0].anyViolation.p);
      expect(lines[2]).toMatch(/^bad,,"?spacecraft\[0\]\.maneuvers\[0\]\.tS: /);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );

  it(
    'says when the scenario has no dispersions',
    async () => {
      const r = await cli(
        'sweep',
        'scenarios/vbar-hop.json',
        '--set',
        'spacecraft[0].maneuvers[0].tS=3600',
        '--trials',
        '1',
        '--seed',
        '0',
        '--workers',
        '1',
      );
      expect(r.code).toBe(0);
      expect(r.err).toMatch(/has no dispersions .*: every trial of a variant is its nominal run/);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );

  it('refuses bad usage with exit 2', async () => {
    const run = ['sweep', EXAMPLE, '--trials', '2', '--seed', '1'];
    const cases: [string[], RegExp][] = [
      [run, /sweep needs one or two --set/],
      [[...run, '--set', 'a=1', '--set', 'b=1', '--set', 'c=1'], /one or two --set/],
      [[...run, '--set', 'a=1', '--set', 'a=2'], /--set a is given twice/],
      [[...run, '--set', 'a=0:1:40', '--set', 'b=0:1:40'], /1681 variants, more than 1000/],
      [[...run, '--set', 'a=1', '--json', '--csv'], /give one of --json and --csv/],
      [['sweep', EXAMPLE, '--set', 'a=1', '--seed', '1'], /sweep needs --trials/],
      [[...run, '--set', 'a=1', '--shards', '2'], /--shards K splits each run on the queue/],
      [
        ['sweep', join(dir, 'absent.json'), '--set', 'a=1', '--trials', '2', '--seed', '1'],
        /absent\.json/,
      ],
      // a field that cannot be set in the plan (was an internal error, exit 3)
      [
        [...run, '--set', 'target.orbit.longitudeDeg.x=1,2'],
        /--set target\.orbit\.longitudeDeg\.x: target\.orbit\.longitudeDeg is not an object in the plan/,
      ],
      [
        [...run, '--set', 'spacecraft[0].maneuvers[7]=1'],
        /spacecraft\[0\]\.maneuvers has 2 item\(s\) in the plan/,
      ],
    ];
    for (const [args, re] of cases) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(re);
    }
  });
});
