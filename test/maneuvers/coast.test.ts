/**
 * The extension exercise (issue 19): a maneuver type declared here, in test code only, goes
 * through the schema, the validator and work limits, the run, the CLI, the report and the
 * editor's form model, without any other file naming it. `coast` drifts for `durationS`
 * without burning.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { main } from '../../src/cli/main.ts';
import { formatSummary } from '../../src/cli/summary.ts';
import {
  fieldName,
  isManeuverType,
  maneuverFields,
  maneuverTypeName,
  maneuverTypes,
  newManeuver,
} from '../../src/editing/maneuvers.ts';
import { defineManeuver, num } from '../../src/maneuvers/module.ts';
import { registerManeuver, unregisterManeuver } from '../../src/maneuvers/registry.ts';
import { countRunWork } from '../../src/scenario/limits.ts';
import {
  scenarioJsonSchema,
  type ManeuverSpec,
  type Scenario,
  type SpacecraftSpec,
} from '../../src/scenario/schema.ts';
import { positive, strict, timing } from '../../src/scenario/schemaParts.ts';
import { loadScenario } from '../../src/scenario/validate.ts';
import { evaluateScenario } from '../../src/scoring/evaluate.ts';
import { buildReport } from '../../src/scoring/report.ts';
import { makeScenario } from '../helpers.ts';

const coast = defineManeuver({
  type: 'coast',
  title: 'Coast',
  schema: strict({
    type: z.literal('coast'),
    ...timing,
    durationS: positive('coast time in s'),
  }).describe('Drift without burning for durationS.'),
  fly: (_ctx, spec, tS) => tS + spec.durationS,
  durationS: (spec) => spec.durationS,
  maxBurns: () => 0,
  fields: [num(['durationS'], 'duration', 's')],
  defaults: { durationS: 600 },
});

beforeAll(() => registerManeuver(coast));
afterAll(() => unregisterManeuver('coast'));

const initial = { frame: 'RIC' as const, positionM: [0, -2000, 0], velocityMps: [0, 0, 0] };
const impulse = { type: 'impulse', frame: 'RIC', dvMps: [0.05, 0, 0] };

/** A V-bar point 2 km behind the target; a coast from 1000 s to 4600 s, then a radial impulse. */
function scenario(coastTiming: Record<string, unknown> = { tS: 1000 }): Scenario {
  const coastSpec = { type: 'coast', label: 'wait', ...coastTiming, durationS: 3600 };
  const maneuvers = [coastSpec, { ...impulse, after: 0 }] as unknown as ManeuverSpec[];
  return makeScenario({ durationS: 20000 }, { initial, maneuvers } as Partial<SpacecraftSpec>);
}

/** The same plan with the impulse timed at 4600 s and no coast. */
function withoutCoast(): Scenario {
  const maneuvers = [{ ...impulse, tS: 4600 }] as ManeuverSpec[];
  return makeScenario({ durationS: 20000 }, { initial, maneuvers } as Partial<SpacecraftSpec>);
}

function load(value: unknown) {
  const r = loadScenario(JSON.stringify(value));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.scenario;
}

describe('a maneuver type registered from test code (coast)', () => {
  it('is in the JSON Schema, with its key, unit text and description', () => {
    const text = JSON.stringify(scenarioJsonSchema());
    expect(text).toContain('"const":"coast"');
    expect(text).toContain('Drift without burning for durationS.');
  });

  it('is validated by the schema: a wrong key is named with its path, the type list names it', () => {
    const bad = scenario();
    (bad.spacecraft[0]!.maneuvers[0] as unknown as Record<string, unknown>).durationS = -1;
    const r = loadScenario(JSON.stringify(bad));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toContainEqual(
      expect.objectContaining({
        path: 'spacecraft[0].maneuvers[0].durationS',
        message: 'expected coast time in s > 0',
      }),
    );
    const unknown = scenario();
    (unknown.spacecraft[0]!.maneuvers[0] as unknown as Record<string, unknown>).type = 'spiral';
    const u = loadScenario(JSON.stringify(unknown));
    expect(u.ok).toBe(false);
    if (u.ok) return;
    expect(u.issues[0]!.message).toContain('"waypoints" or "coast"');
  });

  it('counts for the work limits and the schedule (its length, no burns)', () => {
    expect(countRunWork(load(scenario())).burns).toBe(1);
    const late = scenario({ tS: 18000 });
    const r = loadScenario(JSON.stringify(late));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]!.path).toBe('spacecraft[0].maneuvers[0].durationS');
  });

  it('flies: no burn, the next maneuver starts at its end, the trajectory is a free drift', () => {
    const e = evaluateScenario(load(scenario()));
    const craft = e.run.spacecraft[0]!;
    expect(craft.maneuvers[0]).toMatchObject({ type: 'coast', startS: 1000, endS: 4600 });
    expect(craft.burns.map((b) => [b.maneuver, b.tS])).toEqual([['impulse', 4600]]);
    // the same impulse timed at 4600 s without the coast: the same numbers, bit for bit
    const plain = evaluateScenario(load(withoutCoast())).run.spacecraft[0]!;
    expect(Array.from(craft.finalRic)).toEqual(Array.from(plain.finalRic));
  });

  it('runs through the CLI: the report JSON lists it, the summary names it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rpo-coast-'));
    const path = join(dir, 'coast.json');
    writeFileSync(path, JSON.stringify(scenario({ when: 'tS >= 1000' })));
    let out = '';
    let err = '';
    const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (err += t) };
    expect(await main(['validate', path], io)).toBe(0);
    out = '';
    expect(await main(['run', path, '--json'], io)).toBe(0);
    expect(err).toBe('');
    const report = JSON.parse(out);
    expect(report.spacecraft[0].maneuvers[0]).toMatchObject({
      type: 'coast',
      label: 'wait',
      startS: 1000,
      endS: 4600,
      trigger: 'tS >= 1000',
    });
    out = '';
    expect(await main(['run', path], io)).toBe(0);
    expect(out).toContain('maneuvers[0] coast triggered at t+0:16:40.00 by "tS >= 1000"');
    expect(formatSummary(buildReport(evaluateScenario(load(scenario()))))).toContain(
      'impulse  dv RIC',
    );
  });

  it('appears in the editor form model: menu, name, fields with units, a valid new maneuver', () => {
    expect(maneuverTypes().at(-1)).toBe('coast');
    expect(isManeuverType('coast')).toBe(true);
    expect(maneuverTypeName('coast')).toBe('Coast');
    const fields = maneuverFields('coast');
    expect(fields.map((f) => (f.kind === 'number' ? fieldName(f.label, f.unit) : f.label))).toEqual(
      ['duration [s]'],
    );
    const m = newManeuver('coast', 'Coast 1');
    expect(m).toEqual({ type: 'coast', label: 'Coast 1', after: 600, durationS: 600 });
    const s = scenario();
    s.spacecraft[0]!.maneuvers.push(m as unknown as ManeuverSpec);
    expect(loadScenario(JSON.stringify(s)).ok).toBe(true);
  });
});
