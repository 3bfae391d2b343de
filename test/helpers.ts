/** Test helpers: scenario builders (a minimal valid v1 scenario with overrides), storage. */

import type { DraftStorage } from '../src/editing/autosave.ts';
import type { Scenario, SpacecraftSpec } from '../src/scenario/schema.ts';
import { validateScenario } from '../src/scenario/validate.ts';

/** A valid scenario: one spacecraft at `positionM` at rest in RIC, GEO target, CW. */
export function makeScenario(
  over: Partial<Scenario> = {},
  craft: Partial<SpacecraftSpec> = {},
): Scenario {
  const s: Scenario = {
    format: 'rpo-scenario',
    version: 1,
    name: 'test',
    epoch: '2026-03-20T00:00:00Z',
    durationS: 86400,
    stepS: 10,
    dynamics: 'cw',
    target: { name: 'T', orbit: { type: 'geo', longitudeDeg: 0 } },
    spacecraft: [
      {
        id: 'A',
        initial: { frame: 'RIC', positionM: [0, -10000, 0], velocityMps: [0, 0, 0] },
        maneuvers: [],
        ...craft,
      },
    ],
    ...over,
  };
  return s;
}

/** Validates a scenario built in a test and fails loudly if it is not valid. */
export function valid(s: Scenario): Scenario {
  const r = validateScenario(s);
  if (!r.ok) throw new Error(`test scenario invalid: ${JSON.stringify(r.issues)}`);
  return r.scenario;
}

/** Storage in memory, standing in for localStorage; `map` shows what was stored. */
export function memoryStorage(): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

/**
 * Timeout of a test that does real work on purpose (a 48 h run at 1 s steps, a heavy plan's
 * preview and exact runs, spawning node), ms: generous because this shared 2-core machine can be
 * ten times slower under load, and its speed is not under test (`npm run bench` measures it). A
 * hang still fails.
 */
export const HEAVY_TEST_TIMEOUT_MS = 120_000;

/**
 * A valid nonlinear scenario with an elliptical target (perigee along +x, true anomaly
 * `trueAnomalyDeg` at the epoch) and one spacecraft at the RIC state `ric0` (m, m/s) drifting
 * free.
 */
export function ellipticalScenario(
  semiMajorAxisM: number,
  eccentricity: number,
  trueAnomalyDeg: number,
  ric0: readonly number[],
  durationS: number,
  stepS: number,
): Scenario {
  return valid(
    makeScenario(
      {
        dynamics: 'nonlinear',
        durationS,
        stepS,
        target: {
          name: 'T',
          orbit: { type: 'elliptical', semiMajorAxisM, eccentricity, trueAnomalyDeg },
        },
      },
      {
        initial: {
          frame: 'RIC',
          positionM: [ric0[0]!, ric0[1]!, ric0[2]!],
          velocityMps: [ric0[3]!, ric0[4]!, ric0[5]!],
        },
      },
    ),
  );
}
