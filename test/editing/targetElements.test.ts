// An element-set file setting the target of the plan text: only target.orbit, target.name and
// dynamics change; every other field stays as written; the result loads.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksLikeElements, withTargetElements } from '../../src/editing/targetElements.ts';
import { parseElementsFile } from '../../src/formats/elements.ts';
import { loadScenario } from '../../src/scenario/validate.ts';

const py = JSON.parse(readFileSync('test/fixtures/sgp4/python-sgp4.json', 'utf8')) as {
  tle: [string, string];
  omm: Record<string, string>;
};
const text = readFileSync('scenarios/skynet5a-inspection.json', 'utf8');

describe('withTargetElements', () => {
  it('sets the target from a TLE, keeps the rest of the text, and the plan loads', () => {
    const next = withTargetElements(text, parseElementsFile(`GEO 6E\n${py.tle.join('\n')}`));
    const before = JSON.parse(text);
    const after = JSON.parse(next);
    expect(after.target.orbit).toEqual({ type: 'elements', tle: ['GEO 6E', ...py.tle] });
    expect(after.target.name).toBe('GEO 6E');
    expect(after.dynamics).toBe('nonlinear');
    expect(after.spacecraft).toEqual(before.spacecraft);
    expect(after.target.keepOut).toEqual(before.target.keepOut);
    const loaded = loadScenario(next);
    expect(loaded.ok ? [] : loaded.issues).toEqual([]);
  });

  it('tells element sets from scenarios', () => {
    expect(looksLikeElements('geo.tle', '')).toBe(true);
    expect(looksLikeElements('x.txt', py.tle.join('\n'))).toBe(true);
    expect(looksLikeElements('omm.json', JSON.stringify([py.omm]))).toBe(true);
    expect(looksLikeElements('plan.json', text)).toBe(false);
  });
});
