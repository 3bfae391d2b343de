// The sweep's shared core (src/montecarlo/sweep.ts): variants built from the plan's text, and an
// rpo-sweep v1 document read back as written (the app loads the CLI's file), NaN percentiles of a
// variant with no trial flown included, and a malformed document refused with the JSON path of
// its first problem.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import {
  parseSweepAxis,
  parseSweepResult,
  SweepSpecError,
  sweepPathProblem,
  variantText,
  type SweepResult,
} from '../../src/montecarlo/sweep.ts';
import { heatColor, isBright } from '../../src/view/montecarlo/heatColor.ts';

const EXAMPLE = 'scenarios/dispersed-vbar-approach.json';

describe('sweep variants', () => {
  it('sets each field in the text and leaves the rest as written', () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    const axes = [
      parseSweepAxis('spacecraft[0].maneuvers[0].durationS', '30000,32000'),
      parseSweepAxis(' spacecraft[0].maneuvers[1].label ', 'a,b'),
    ];
    const out = variantText(text, axes, [32000, 'b']);
    const want = JSON.parse(text) as {
      spacecraft: { maneuvers: Record<string, unknown>[] }[];
    };
    want.spacecraft[0]!.maneuvers[0]!.durationS = 32000;
    want.spacecraft[0]!.maneuvers[1]!.label = 'b';
    expect(JSON.parse(out)).toEqual(want);
    expect(out.split('\n').length).toBe(text.split('\n').length);
    expect(() => parseSweepAxis('', '1,2')).toThrow(/no JSON path/);
  });

  it('refuses a field that cannot be set in the plan, naming it (no crash, no appended item)', () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    const problem = (path: string) => sweepPathProblem(text, path);
    expect(problem('spacecraft[0].maneuvers[1].after')).toBeNull();
    expect(problem('spacecraft[0].budget.dvMps')).toBeNull();
    // a new key of an existing object is a field the sweep may add
    expect(problem('spacecraft[0].maneuvers[0].label2')).toBeNull();
    expect(problem('target.orbit.longitudeDeg.x')).toBe(
      'target.orbit.longitudeDeg.x: target.orbit.longitudeDeg is not an object in the plan',
    );
    expect(problem('spacecraft[0].maneuvers[9].tS')).toBe(
      'spacecraft[0].maneuvers[9].tS: the plan has no spacecraft[0].maneuvers[9]',
    );
    expect(problem('spacecraft[0].maneuvers[2]')).toBe(
      'spacecraft[0].maneuvers[2]: spacecraft[0].maneuvers has 2 item(s) in the plan (indexes from 0)',
    );
    expect(problem('target.name[0]')).toBe('target.name[0]: target.name is not a list in the plan');
    const axis = parseSweepAxis('target.orbit.longitudeDeg.x', '1');
    expect(() => variantText(text, [axis], [1])).toThrow(SweepSpecError);
    expect(() =>
      variantText(text, [parseSweepAxis('spacecraft[0].maneuvers[9].tS', '1')], [1]),
    ).toThrow(/no spacecraft\[0\]\.maneuvers\[9\]/);
  });
});

describe('rpo-sweep v1 read back', () => {
  it('reads the CLI JSON back as written (NaN written as null comes back NaN)', async () => {
    let out = '';
    const code = await main(
      [
        'sweep',
        EXAMPLE,
        '--set',
        'spacecraft[0].maneuvers[0].durationS=30000,-5',
        '--trials',
        '4',
        '--seed',
        '2',
        '--workers',
        '1',
        '--json',
      ],
      { stdout: (t) => (out += t), stderr: () => {} },
    );
    expect(code).toBe(0);
    const written = JSON.parse(out) as SweepResult;
    expect(written.variants[1]!.error).toMatch(/durationS/);
    const read = parseSweepResult(out);
    expect(read).toEqual(written);
    expect(`${JSON.stringify(read, null, 2)}\n`).toBe(out);

    // a variant whose trials all failed has NaN percentiles, written as null
    const nanRow = structuredClone(written);
    const c = nanRow.variants[0]!.spacecraft[0]!;
    c.totalDvMps.p50 = Number.NaN;
    c.anyViolation.p = Number.NaN;
    const back = parseSweepResult(JSON.stringify(nanRow));
    expect(back.variants[0]!.spacecraft[0]!.totalDvMps.p50).toBeNaN();
    expect(back.variants[0]!.spacecraft[0]!.anyViolation.p).toBeNaN();
    expect(back.variants[0]!.spacecraft[0]!.totalDvMps.p5).toBe(c.totalDvMps.p5);
  });

  it('refuses what is not a sweep, naming the JSON path', () => {
    const ok = {
      format: 'rpo-sweep',
      version: 1,
      scenario: 's',
      parameters: ['a'],
      trials: 1,
      seed: 0,
      confidence: 0.95,
      intervalMethod: 'wilson',
      percentileMethod: 'linear (Hyndman-Fan 7)',
      interrupted: false,
      variants: [{ values: [1], error: 'bad', flown: 0, failed: 0, spacecraft: [] }],
    };
    expect(parseSweepResult(JSON.stringify(ok)).variants).toHaveLength(1);
    expect(() => parseSweepResult('{')).toThrow(/not JSON/);
    expect(() => parseSweepResult(JSON.stringify({ ...ok, format: 'rpo-montecarlo' }))).toThrow(
      /format/,
    );
    expect(() =>
      parseSweepResult(JSON.stringify({ ...ok, variants: [{ ...ok.variants[0], flown: -1 }] })),
    ).toThrow(/variants\.0\.flown/);
    expect(() =>
      parseSweepResult(JSON.stringify({ ...ok, variants: [{ ...ok.variants[0], values: [] }] })),
    ).toThrow(/variants\[0\]\.values has 0 values for 1 parameter/);
  });
});

describe('heatmap colours', () => {
  it('runs dark to bright, clamped', () => {
    const lum = (s: string) =>
      s
        .slice(4, -1)
        .split(',')
        .map(Number)
        .reduce((a, b) => a + b, 0);
    for (const ramp of ['risk', 'cost'] as const) {
      expect(heatColor(ramp, -1)).toBe(heatColor(ramp, 0));
      expect(heatColor(ramp, 2)).toBe(heatColor(ramp, 1));
      expect(heatColor(ramp, Number.NaN)).toBe(heatColor(ramp, 0));
      expect(lum(heatColor(ramp, 1))).toBeGreaterThan(lum(heatColor(ramp, 0)));
    }
    expect(heatColor('risk', 0.5)).toBe('rgb(196, 160, 40)');
    // text stays readable: dark on amber and on the pale end of delta-v, light on red and navy
    expect(isBright('risk', 0.5)).toBe(true);
    expect(isBright('risk', 1)).toBe(false);
    expect(isBright('cost', 1)).toBe(true);
    expect(isBright('cost', 0)).toBe(false);
  });
});
