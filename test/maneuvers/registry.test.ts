/**
 * What each built-in maneuver module declares matches what the run does with it: on scenarios
 * that fly every type (test/fixtures/bit-identical/, CW, nonlinear and an eccentric target),
 * every maneuver fires no more burns than its `maxBurns` (the work limits rely on it) and lasts
 * its `durationS` (the validator's schedule relies on it), unless its length depends on where it
 * starts (`lengthFromStart`).
 */

import { describe, expect, it } from 'vitest';
import { BUILTIN_MANEUVERS, maneuverModule } from '../../src/maneuvers/registry.ts';
import { targetMeanMotionRadPerS } from '../../src/scenario/derived.ts';
import { evaluateScenario } from '../../src/scoring/evaluate.ts';
import { exampleFiles, loadExample } from '../sim/fingerprints.ts';

const fixtures = exampleFiles().filter((f) => f.startsWith('fixtures/'));

describe('maneuver modules', () => {
  it('the fixtures fly every built-in type', () => {
    const flown = new Set(
      fixtures.flatMap((f) =>
        loadExample(f).spacecraft.flatMap((sc) => sc.maneuvers.map((m) => m.type)),
      ),
    );
    expect([...flown].sort()).toEqual(BUILTIN_MANEUVERS.map((m) => m.type).sort());
  });

  it.each(fixtures)('%s: burns <= maxBurns, and each lasts its durationS', (file) => {
    const s = loadExample(file);
    const n = targetMeanMotionRadPerS(s.target.orbit);
    const run = evaluateScenario(s, { skipPassiveSafety: true }).run;
    run.spacecraft.forEach((craft, i) => {
      for (const rec of craft.maneuvers) {
        if (rec.startS === null) continue;
        const spec = s.spacecraft[i]!.maneuvers[rec.index]!;
        const module = maneuverModule(spec.type);
        const burns = craft.burns.filter((b) => b.maneuverIndex === rec.index).length;
        expect(burns, `${spec.type} ${rec.index}`).toBeLessThanOrEqual(
          module.maxBurns(spec, s.durationS),
        );
        expect(burns, `${spec.type} ${rec.index}`).toBeGreaterThan(0);
        if (rec.endS !== null && module.lengthFromStart)
          expect(rec.endS).toBeGreaterThan(rec.startS);
        else if (rec.endS !== null)
          expect(rec.endS - rec.startS).toBeCloseTo(module.durationS(spec, n), 6);
      }
    });
  });
});
