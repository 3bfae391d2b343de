// The default scenario against the public record: SKYNET 5A has been at 94.8 deg E since Airbus
// moved it from 6 deg E in 2015 (SpaceNews, "Airbus begins moving Skynet 5A to cover
// Asia-Pacific region", 2015); its inspection by a US satellite was flown 4-12 September 2025
// (RAF / UK Space Command statement, 18 September 2025).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/validate.ts';

describe('the default scenario agrees with the sources', () => {
  it('puts SKYNET 5A at 94.8 deg E (since 2015) in September 2025, the epoch at local midnight', () => {
    const r = loadScenario(readFileSync('scenarios/skynet5a-inspection.json', 'utf8'));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.scenario.target.orbit).toEqual({ type: 'geo', longitudeDeg: 94.8 });
    expect(r.scenario.epoch.slice(0, 7)).toBe('2025-09');
    // local mean solar time at the slot: UTC + longitude / 15 deg per hour, within 20 min of 0 h
    const utcH = new Date(r.scenario.epoch).getUTCHours();
    const localH = (utcH + 94.8 / 15) % 24;
    expect(Math.min(localH, 24 - localH)).toBeLessThan(1 / 3);
  });
});
