// What a person reads (issue 11, item 8): burns numbered from 1 in text while the JSON keeps
// 0-based indexes, margins and delta-v with their units, and the passive-safety cause (which
// burn, what range, when) in the CLI summary, from the same words the app shows.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/cli/summary.ts';
import { loadScenario } from '../../src/scenario/validate.ts';
import { evaluateScenario } from '../../src/scoring/evaluate.ts';
import { buildReport } from '../../src/scoring/report.ts';
import {
  burnName,
  formatMargin,
  notFlownText,
  passiveSafetyCause,
} from '../../src/scoring/reportText.ts';

const passiveReport = () => {
  const loaded = loadScenario(readFileSync('scenarios/violation-passive-safety.json', 'utf8'));
  if (!loaded.ok) throw new Error('example invalid');
  return buildReport(evaluateScenario(loaded.scenario));
};

describe('report text', () => {
  it('numbers burns from 1', () => {
    expect(burnName(0)).toBe('burn 1');
    expect(burnName(11)).toBe('burn 12');
  });

  it('gives every margin its unit', () => {
    expect(formatMargin(307.44, 'm')).toBe('307.4 m');
    expect(formatMargin(-2.345, 'deg')).toBe('-2.35 deg');
    expect(formatMargin(0.015, 'm/s')).toBe('0.0150 m/s');
    expect(formatMargin(Number.NaN, 'm')).toBe('n/a');
  });

  it('says why a maneuver was not flown', () => {
    expect(notFlownText('trigger-never-true', 2, 'rangeM < 100')).toBe(
      'its trigger "rangeM < 100" never held',
    );
    expect(notFlownText('starts-after-end', 1, undefined)).toBe('due after the end of the run');
    expect(notFlownText('previous-not-flown', 3, undefined)).toBe(
      'maneuvers[2] before it never started',
    );
  });

  it('passive safety: the burn whose failure leads to the worst drift, numbered from 1, with range and times', () => {
    const r = passiveReport();
    const c = r.spacecraft[0]!;
    // the JSON keeps the 0-based index
    expect(c.passiveSafety.worstBurnIndex).toBe(0);
    expect(
      passiveSafetyCause(
        c,
        (t) => `${t} s`,
        (m) => `${m.toFixed(1)} m`,
      ),
    ).toBe(
      `if burn 1 (${c.burns[0]!.tS} s) fails, the free drift comes to ${c.passiveSafety.worstRangeM.toFixed(1)} m at ${c.passiveSafety.worstAtS} s (drift from ${c.passiveSafety.worstStartS} s)`,
    );
    const text = formatSummary(r);
    expect(text).toContain('if burn 1 (t+3:00:00.00) fails, the free drift comes to 0.0 m at t+');
    expect(text).toContain('if burn 1 (t+3:00:00.00) is skipped');
    expect(text).toContain('    burn 1   t+3:00:00.00');
    expect(text).not.toMatch(/burn 0/);
    // every delta-v says its unit and what it is
    expect(text).toMatch(/delta-v {6}0\.0640 m\/s used in 1 burn/);
    expect(text).toMatch(/\|dv\| 0\.06403 m\/s/);
  });
});
