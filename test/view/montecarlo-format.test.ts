// Text of the Monte Carlo panel (src/view/montecarlo/format.ts, inputs.ts): probabilities with
// the digits their size needs, intervals, counts and rates; trial and seed inputs read as the
// CLI reads its flags (src/cli/montecarlo.ts).

import { describe, expect, it } from 'vitest';
import { MAX_SEED } from '../../src/montecarlo/random.ts';
import {
  formatCount,
  formatDvFine,
  formatInterval,
  formatPercent,
  formatRangeFine,
  formatRate,
} from '../../src/view/montecarlo/format.ts';
import { parseSeed, parseTrials } from '../../src/view/montecarlo/inputs.ts';
import { trialFileName } from '../../src/view/montecarlo/controller.ts';

describe('format', () => {
  it.each([
    [0, '0 %'],
    [1, '100 %'],
    [0.0005, '0.050 %'],
    [0.005, '0.50 %'],
    [0.0123, '1.2 %'],
    [0.2345, '23.4 %'],
    [Number.NaN, '—'],
  ])('formatPercent(%f) = %s', (p, text) => {
    expect(formatPercent(p)).toBe(text);
  });
  it('intervals, counts, distances, delta-v and rates', () => {
    expect(formatInterval(0, 0.0188)).toBe('0 – 1.9 %');
    expect(formatInterval(0.1, 0.2)).toBe('10.0 – 20.0 %');
    expect(formatCount(12345)).toBe('12,345');
    expect(formatRangeFine(287.34)).toBe('287.3 m');
    expect(formatRangeFine(1234.6)).toBe('1.235 km');
    expect(formatRangeFine(12345)).toBe('12.35 km');
    expect(formatDvFine(0.12345)).toBe('0.1235 m/s');
    expect(formatDvFine(12.345)).toBe('12.35 m/s');
    expect(formatDvFine(0)).toBe('0 m/s');
    expect(formatRate(1000, 0.5371)).toBe('1,860 trials/s');
    expect(formatRate(0, 1)).toBe('');
  });
});

describe('inputs', () => {
  it.each([
    ['200', 200],
    [' 1e4 ', 10_000],
    ['100,000', 100_000],
    ['1', 1],
  ])('trials %s', (text, value) => {
    expect(parseTrials(text)).toEqual({ ok: true, value });
  });
  it.each(['0', '100001', '2.5', '-3', 'abc', '', '0x10'])('trials %s is refused', (text) => {
    expect(parseTrials(text).ok).toBe(false);
  });
  it('seeds from 0 to 2^53 - 1', () => {
    expect(parseSeed('0')).toEqual({ ok: true, value: 0 });
    expect(parseSeed(String(MAX_SEED))).toEqual({ ok: true, value: MAX_SEED });
    expect(parseSeed(String(MAX_SEED + 1)).ok).toBe(false);
  });
  it('a trial opened as a file is named after its source', () => {
    expect(trialFileName('dispersed-vbar-approach.json', 137)).toBe(
      'dispersed-vbar-approach-trial-137.json',
    );
    expect(trialFileName('', 3)).toBe('scenario-trial-3.json');
  });
});
