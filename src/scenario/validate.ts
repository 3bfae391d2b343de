/**
 * Loading a scenario: text -> JSON -> format v1 structure -> checks across fields.
 *
 * Every problem is reported at once with its JSON path (`spacecraft[0].maneuvers[2].dvMps`) and
 * what was expected. Nothing here throws on bad input and nothing reads files: the CLI and the
 * browser hand in text. A key written twice in one object is a problem too: `JSON.parse` would
 * keep the last one silently (./duplicateKeys.ts).
 *
 * Trigger conditions (`when`) are compiled through the registry of src/events/conditions.ts, not
 * by importing the expression parser (mathjs, the slowest module of the engine to load): whoever
 * validates a scenario with triggers loads src/events/expression.ts first
 * (./expressionParser.ts does it only when the text has a `when`).
 */

import { parse, type ParseError } from 'jsonc-parser';
import { elementsIssues, elementsLightingGeometry } from '../formats/scenarioElements.ts';
import type * as z from 'zod';
import { EARTH_RADIUS_M, GEO_RADIUS_M } from '../core/constants.ts';
import { compileTriggerCondition } from '../events/conditions.ts';
import { constraintModules } from '../constraints/registry.ts';
import { maneuverModule } from '../maneuvers/registry.ts';
import { IN_PLANE_CONDITION_LIMIT, inPlaneConditioning } from '../maneuvers/targeting.ts';
import { findDuplicateKeys } from './duplicateKeys.ts';
import { MAX_RUN_STEPS, workLimitIssues } from './limits.ts';
import { lessonIssues } from './lesson.ts';
import type { Scenario, ManeuverSpec, TargetOrbitSpec } from './schema.ts';
import {
  KEY_MESSAGE_SEPARATOR,
  MAX_LISTED_ISSUES,
  currentScenarioSchema,
  SCENARIO_FORMAT_VERSION,
} from './schema.ts';
import {
  formatPath,
  isNonCooperative,
  maneuverDurationS,
  targetMeanMotionRadPerS,
  TRIGGER_VARIABLES,
} from './derived.ts';

export {
  formatPath,
  maneuverDurationS,
  MAX_LISTED_ISSUES,
  MAX_RUN_STEPS,
  targetMeanMotionRadPerS,
  TRIGGER_VARIABLES,
};

/**
 * The first {@link MAX_LISTED_ISSUES} problems and, when there are more, one last entry (path
 * empty) counting the rest: a file with 100,000 problems gives a short list, not 8 MB of text.
 */
export function firstIssues(issues: ScenarioIssue[]): ScenarioIssue[] {
  if (issues.length <= MAX_LISTED_ISSUES) return issues;
  const more = issues.length - MAX_LISTED_ISSUES;
  return [
    ...issues.slice(0, MAX_LISTED_ISSUES),
    { path: '', message: `and ${more} more problem${more === 1 ? '' : 's'} (fix these first)` },
  ];
}

/** Largest scenario text accepted, bytes (UTF-8). */
export const MAX_SCENARIO_BYTES = 5 * 1024 * 1024;

/** One problem in a scenario. */
export interface ScenarioIssue {
  /** JSON path, e.g. `spacecraft[0].maneuvers[2].dvMps[1]`; empty for the whole file. */
  path: string;
  message: string;
}

/** The outcome of loading a scenario. */
export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] };

/** One line per issue: `path: message`. */
export function formatIssues(issues: readonly ScenarioIssue[]): string {
  return issues.map((i) => `${i.path === '' ? '(file)' : i.path}: ${i.message}`).join('\n');
}

/** UTF-8 length of a string, bytes. */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** Parses JSON text, turning a syntax error into an issue with line and column. */
export function parseJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; issues: ScenarioIssue[] } {
  const bytes = utf8Bytes(text);
  if (bytes > MAX_SCENARIO_BYTES) {
    return {
      ok: false,
      issues: [
        {
          path: '',
          message: `file is ${(bytes / 1048576).toFixed(1)} MB; the limit is ${MAX_SCENARIO_BYTES / 1048576} MB`,
        },
      ],
    };
  }
  // a byte-order mark (Windows editors write one) is no part of the JSON
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(json) as unknown };
  } catch (err) {
    if (json.trim() === '') {
      return {
        ok: false,
        issues: [{ path: '', message: 'the file is empty; expected a JSON object' }],
      };
    }
    const raw = err instanceof Error ? err.message : String(err);
    const { line, column } = lineColumn(json, syntaxErrorOffset(json, raw));
    // V8 may quote the text around the error: the position says where, without echoing it
    const detail = raw
      .replace(/\s*in JSON at position \d+.*$/s, '')
      .replace(/^JSON\.parse: /, '')
      .replace(/, ".*is not valid JSON$/s, '')
      .slice(0, MAX_ECHOED_CHARS);
    return {
      ok: false,
      issues: [{ path: '', message: `not valid JSON (line ${line}, column ${column}): ${detail}` }],
    };
  }
}

/** Longest piece of the input echoed in a message, characters. */
const MAX_ECHOED_CHARS = 80;

/**
 * Character offset of a JSON syntax error: the position in the engine's message when it gives one,
 * else that of the first error jsonc-parser finds in strict mode (no comments, no trailing commas).
 */
function syntaxErrorOffset(text: string, message: string): number {
  const pos = /at position (\d+)/.exec(message);
  if (pos) return Number(pos[1]);
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false });
  return errors[0]?.offset ?? text.length;
}

/**
 * Lines and columns (1-based) of many character offsets in one pass over the text, so that a file
 * full of duplicates costs no more than reading it once.
 */
function lineColumns(
  text: string,
  offsets: readonly number[],
): Map<number, { line: number; column: number }> {
  const sorted = [...offsets].sort((a, b) => a - b);
  const out = new Map<number, { line: number; column: number }>();
  let line = 1;
  let start = 0;
  let i = 0;
  for (const offset of sorted) {
    for (; i < offset && i < text.length; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        start = i + 1;
      }
    }
    out.set(offset, { line, column: offset - start + 1 });
  }
  return out;
}

/** `a`, `a and b`, `a, b and c` (`separator` between all but the last two items). */
function listOf(items: readonly string[], separator: string): string {
  if (items.length < 2) return items.join('');
  return `${items.slice(0, -1).join(separator)} and ${items[items.length - 1]!}`;
}

/**
 * One issue per key written more than once in one object, at the key's path: the lines of the
 * earlier occurrences (with columns when two share a line) and of the last, the one JSON keeps.
 *
 * @param text JSON text already accepted by `JSON.parse` (see {@link parseJson}).
 */
export function duplicateKeyIssues(text: string): ScenarioIssue[] {
  const duplicates = findDuplicateKeys(text);
  if (duplicates.length === 0) return [];
  const positions = lineColumns(
    text,
    duplicates.flatMap((d) => d.offsets),
  );
  return duplicates.map(({ objectPath, key, offsets }) => {
    const at = offsets.map((o) => positions.get(o)!);
    const sameLine = new Set(at.map((p) => p.line)).size < at.length;
    const where = (ps: readonly { line: number; column: number }[]): string => {
      if (sameLine)
        return listOf(
          ps.map((p) => `line ${p.line}, column ${p.column}`),
          '; ',
        );
      const lines = listOf(
        ps.map((p) => String(p.line)),
        ', ',
      );
      return ps.length === 1 ? `line ${lines}` : `lines ${lines}`;
    };
    const earlier = at.slice(0, -1);
    return {
      path: formatPath([...objectPath, key]),
      message: `duplicate key ${JSON.stringify(key)} at ${where(earlier)}: JSON keeps only the last one (${where(at.slice(-1))}); remove ${earlier.length === 1 ? 'one of them' : 'all but one'}`,
    };
  });
}

/** Distance of the target from the Earth's centre at the epoch, m. */
function targetRadiusAtEpochM(orbit: TargetOrbitSpec): number {
  switch (orbit.type) {
    case 'geo':
      return GEO_RADIUS_M;
    case 'circular':
      return orbit.radiusM;
    case 'elliptical': {
      const e = orbit.eccentricity;
      const nu = (orbit.trueAnomalyDeg * Math.PI) / 180;
      return (orbit.semiMajorAxisM * (1 - e * e)) / (1 + e * Math.cos(nu));
    }
    case 'elements':
      return GEO_RADIUS_M; // its own checks: elementsIssues
  }
}

/**
 * Start and end of each maneuver when they follow from the file alone (`tS` and `after` chains);
 * null from the first maneuver that waits on a trigger.
 */
export function staticSchedule(
  maneuvers: readonly ManeuverSpec[],
  nRadPerS: number,
): ({ startS: number; endS: number } | null)[] {
  let prevEndS: number | null = 0;
  return maneuvers.map((m) => {
    let startS: number | null = null;
    if (m.tS !== undefined) startS = m.tS;
    else if (m.after !== undefined && prevEndS !== null) startS = prevEndS + m.after;
    if (startS === null) {
      prevEndS = null;
      return null;
    }
    prevEndS = startS + maneuverDurationS(m, nRadPerS);
    return { startS, endS: prevEndS };
  });
}

/**
 * The checks of who is whose and of the target's own burns: at least one spacecraft is ours, an
 * objective names one of ours, and each target burn is timed by `tS` or `after` (no trigger),
 * in order, within the run.
 */
function roleIssues(s: Scenario, add: (path: PropertyKey[], message: string) => void): void {
  if (s.spacecraft.every(isNonCooperative)) {
    add(
      ['spacecraft'],
      'every spacecraft is "non-cooperative": at least one must be ours ("role": "inspector", the default)',
    );
  }
  (s.objectives ?? []).forEach((o, j) => {
    const sc = s.spacecraft.find((c) => c.id === o.spacecraft);
    if (sc !== undefined && isNonCooperative(sc))
      add(
        ['objectives', j, 'spacecraft'],
        `"${sc.id}" is non-cooperative (not ours): an objective names one of our spacecraft`,
      );
  });
  let prevS = 0;
  (s.target.maneuvers ?? []).forEach((m, j) => {
    const at = ['target', 'maneuvers', j];
    if (m.when !== undefined) {
      add([...at, 'when'], 'a target burn is timed by "tS" or "after" (no trigger condition)');
      return;
    }
    if ((m.tS === undefined) === (m.after === undefined)) {
      add(
        at,
        'give exactly one of "tS" (s since the epoch) or "after" (s after the previous burn)',
      );
      return;
    }
    const tS = m.tS ?? prevS + m.after!;
    if (m.tS !== undefined && tS < prevS)
      add(
        [...at, 'tS'],
        `is before the previous target burn (${prevS} s): list them in time order`,
      );
    else if (tS > s.durationS)
      add(
        [...at, m.tS !== undefined ? 'tS' : 'after'],
        `fires at ${tS} s, after the end of the run (durationS ${s.durationS} s)`,
      );
    prevS = tS;
  });
}

/** Checks that need more than one field: times, overlaps, mass, targeting, limits. */
export function checkScenario(s: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const add = (path: PropertyKey[], message: string) =>
    issues.push({ path: formatPath(path), message });
  const elementIssues = elementsIssues(s);
  if (elementIssues.length > 0) return elementIssues;
  const n = targetMeanMotionRadPerS(s.target.orbit, s.epoch);
  const periodS = (2 * Math.PI) / n;
  const noLighting =
    s.target.orbit.type === 'elliptical' ||
    (s.target.orbit.type === 'elements' &&
      elementsLightingGeometry(s.target.orbit, s.epoch) === null);

  if (s.dynamics === 'cw' && s.target.orbit.type === 'elliptical') {
    add(
      ['dynamics'],
      'the Clohessy-Wiltshire model needs a circular target; use "nonlinear" for an elliptical orbit',
    );
  }
  if (s.dynamics === 'cw' && s.target.orbit.type === 'elements') {
    add(
      ['dynamics'],
      'a target given by an element set is propagated in two-body motion: use "nonlinear"',
    );
  }
  if (s.target.srp && s.target.massKg === undefined) {
    add(['target', 'srp'], 'solar pressure needs the target\'s mass: add "massKg" to the target');
  }
  s.spacecraft.forEach((sc, i) => {
    if (sc.srp && sc.massKg === undefined) {
      add(['spacecraft', i, 'srp'], 'solar pressure needs the spacecraft\'s mass: add "massKg"');
    }
  });
  if (s.target.orbit.type === 'elliptical') {
    const perigeeM = s.target.orbit.semiMajorAxisM * (1 - s.target.orbit.eccentricity);
    if (perigeeM < 6_478_137) {
      add(
        ['target', 'orbit', 'eccentricity'],
        `perigee radius ${perigeeM.toFixed(0)} m is inside the atmosphere`,
      );
    }
  }
  if (s.stepS > s.durationS)
    add(['stepS'], `step ${s.stepS} s is longer than the scenario (${s.durationS} s)`);
  if (s.stepS > periodS / 20) {
    add(
      ['stepS'],
      `step ${s.stepS} s is too coarse for RK4: use at most ${(periodS / 20).toFixed(0)} s (1/20 of an orbit)`,
    );
  }
  for (const limit of workLimitIssues(s)) add(limit.path, limit.message);

  const ids = new Map<string, number>();
  s.spacecraft.forEach((sc, i) => {
    const first = ids.get(sc.id);
    if (first !== undefined) add(['spacecraft', i, 'id'], duplicateIdMessage(sc.id, first));
    else ids.set(sc.id, i);

    const [x, y, z] = sc.initial.frame === 'RIC' ? sc.initial.positionM : [0, 0, 0];
    const orbitRadiusM = targetRadiusAtEpochM(s.target.orbit);
    if (Math.hypot(orbitRadiusM + x, y, z) < EARTH_RADIUS_M + 100_000) {
      add(
        ['spacecraft', i, 'initial', 'positionM'],
        'this point is inside the Earth or its atmosphere',
      );
    }
    let propellantKg = 0;
    const schedule = staticSchedule(sc.maneuvers, n);
    let prevEndS = 0;
    sc.maneuvers.forEach((m, j) => {
      const at = ['spacecraft', i, 'maneuvers', j];
      const module = maneuverModule(m.type);
      const timings = (['tS', 'after', 'when'] as const).filter((k) => m[k] !== undefined);
      if (timings.length !== 1) {
        add(
          at,
          timings.length === 0
            ? 'needs a start: "tS", "after" or "when"'
            : `give only one of ${timings.map((k) => `"${k}"`).join(', ')}`,
        );
      }
      if (m.when !== undefined) {
        const cond = compileWhen(m.when);
        if ('error' in cond) add([...at, 'when'], cond.error);
        else if (cond.usedNames.includes('sunPhaseDeg') && noLighting) {
          add(
            [...at, 'when'],
            'sunPhaseDeg needs a geo or circular target, or an element-set target near GEO',
          );
        }
      }
      const w = schedule[j];
      const lastsS = maneuverDurationS(m, n);
      if (!w && lastsS > s.durationS) {
        add(
          [...at, module.lengthKey ?? 'durationS'],
          `lasts ${lastsS} s, longer than the whole scenario (${s.durationS} s): it cannot end within the run`,
        );
      }
      if (w) {
        if (w.endS > s.durationS) {
          add(
            [...at, w.endS === w.startS ? 'tS' : 'durationS'],
            `ends at ${w.endS} s, after the scenario ends (${s.durationS} s)`,
          );
        }
        if (m.tS !== undefined && j > 0 && schedule[j - 1] && w.startS < prevEndS) {
          add(
            [...at, 'tS'],
            `starts at ${w.startS} s, before maneuvers[${j - 1}] ends (${prevEndS} s): maneuvers of one spacecraft run in list order, one at a time`,
          );
        }
        prevEndS = w.endS;
      }
      if (module.propellantKg !== undefined) {
        if (sc.massKg === undefined) {
          add(
            ['spacecraft', i, 'massKg'],
            `required: maneuvers[${j}] is a ${module.title.toLowerCase()}, whose acceleration depends on the mass`,
          );
        } else {
          propellantKg += module.propellantKg(m);
          if (propellantKg >= sc.massKg) {
            add(
              [...at, 'durationS'],
              `burns ${propellantKg.toFixed(1)} kg of propellant by its end, more than the spacecraft mass (${sc.massKg} kg)`,
            );
          }
        }
      }
      const leg = module.targetedLeg?.(m, n);
      if (leg && inPlaneConditioning(n, leg.legS) < IN_PLANE_CONDITION_LIMIT) {
        const legS = leg.legS;
        add(
          [...at, ...(typeof leg.key === 'string' ? [leg.key] : leg.key)],
          `a transfer leg lasting ${legS} s (${(legS / periodS).toFixed(4)} orbits) cannot be targeted: after a whole number of orbits (${periodS.toFixed(2)} s each) the position does not depend on the first burn; choose another duration`,
        );
      }
    });
  });

  for (const m of constraintModules()) m.validate?.(s, add);
  roleIssues(s, add);
  (s.objectives ?? []).forEach((o, j) => {
    if (o.spacecraft !== undefined && !ids.has(o.spacecraft)) {
      add(
        ['objectives', j, 'spacecraft'],
        `no spacecraft has the id "${o.spacecraft}" (ids: ${[...ids.keys()].join(', ')})`,
      );
    }
    if (noLighting) {
      add(
        ['objectives', j],
        'lighting (sun phase, lit faces) needs a geo or circular target, or an element-set target near GEO',
      );
    }
  });
  for (const i of lessonIssues(s)) add(i.path, i.message);
  return issues;
}

/** Structural validation and cross-field checks of an already parsed JSON value. */
export function validateScenario(value: unknown): LoadResult {
  const result = validateAll(value);
  return result.ok ? result : { ok: false, issues: firstIssues(result.issues) };
}

/** {@link validateScenario} with every problem listed. */
function validateAll(value: unknown): LoadResult {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const v = (value as Record<string, unknown>).version;
    if (typeof v === 'number' && v > SCENARIO_FORMAT_VERSION && Number.isInteger(v)) {
      return {
        ok: false,
        issues: [
          {
            path: 'version',
            message: `this file is format version ${v}; this rpo-sim reads version ${SCENARIO_FORMAT_VERSION}: update rpo-sim`,
          },
        ],
      };
    }
  }
  let parsed: ReturnType<ReturnType<typeof currentScenarioSchema>['safeParse']>;
  try {
    parsed = currentScenarioSchema().safeParse(value);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return tooManyProblems(value);
  }
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    const seen = new Set(issues.map((i) => i.path));
    return {
      ok: false,
      issues: [...issues, ...looseChecks(value).filter((i) => !seen.has(i.path))],
    };
  }
  const issues = checkScenario(parsed.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, scenario: parsed.data };
}

/**
 * Loads a scenario from JSON text. Never throws on bad input. Duplicate keys make the file
 * invalid; they are listed first, followed by whatever else is wrong with the parsed value (in
 * which the last of each duplicate won), so the author sees every problem at once.
 */
export function loadScenario(text: string): LoadResult {
  const json = parseJson(text);
  if (!json.ok) return json;
  const duplicates = duplicateKeyIssues(text);
  const result = validateAll(json.value);
  if (duplicates.length === 0)
    return result.ok ? result : { ok: false, issues: firstIssues(result.issues) };
  return {
    ok: false,
    issues: firstIssues(result.ok ? duplicates : [...duplicates, ...result.issues]),
  };
}

/** Items of each list checked when a file has too many problems to check whole. */
const CHECKED_ITEMS = 1000;

/** A copy of a JSON value with every array cut to its first `count` items. */
function firstItems(value: unknown, count: number): unknown {
  if (Array.isArray(value)) return value.slice(0, count).map((v) => firstItems(v, count));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = firstItems(v, count);
  return out;
}

/**
 * The problems of a file with so many that the schema library overflows the stack collecting
 * them (it spreads problem lists into calls: 100,000 problems are too many): those of the first
 * {@link CHECKED_ITEMS} items of each list, which are the first ones listed anyway.
 */
function tooManyProblems(value: unknown): LoadResult {
  const parsed = currentScenarioSchema().safeParse(firstItems(value, CHECKED_ITEMS));
  const issues = parsed.success ? [] : zodIssues(parsed.error);
  issues.unshift({
    path: '',
    message: `too many problems to count them all: below are those of the first ${CHECKED_ITEMS} items of each list`,
  });
  return { ok: false, issues };
}

/**
 * The checks that need no valid structure (spacecraft ids unique, trigger conditions compile),
 * run on the raw value while the structure has errors, so those problems are not hidden until
 * the structural ones are fixed.
 */
function looseChecks(value: unknown): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  const craft = (value as { spacecraft?: unknown } | null)?.spacecraft;
  if (!Array.isArray(craft)) return out;
  const ids = new Map<string, number>();
  craft.forEach((sc: unknown, i) => {
    if (typeof sc !== 'object' || sc === null) return;
    const { id, maneuvers } = sc as { id?: unknown; maneuvers?: unknown };
    if (typeof id === 'string') {
      const first = ids.get(id);
      if (first !== undefined)
        out.push({
          path: formatPath(['spacecraft', i, 'id']),
          message: duplicateIdMessage(id, first),
        });
      else ids.set(id, i);
    }
    if (!Array.isArray(maneuvers)) return;
    maneuvers.forEach((m: unknown, j) => {
      const when = (m as { when?: unknown } | null)?.when;
      if (typeof when !== 'string') return;
      const cond = compileWhen(when);
      if ('error' in cond) {
        out.push({
          path: formatPath(['spacecraft', i, 'maneuvers', j, 'when']),
          message: cond.error,
        });
      }
    });
  });
  return out;
}

/** The message for a spacecraft id used before, at `spacecraft[first]`. */
function duplicateIdMessage(id: string, first: number): string {
  return `duplicate id "${id}" (also spacecraft[${first}])`;
}

/** Compiles a `when` condition: the names it reads, or its syntax problem in words. */
function compileWhen(when: string): { usedNames: readonly string[] } | { error: string } {
  try {
    return { usedNames: compileTriggerCondition(when, TRIGGER_VARIABLES).usedNames };
  } catch (err) {
    // ExpressionError, matched by name: importing its class would load the parser (mathjs)
    if (!(err instanceof Error && err.name === 'ExpressionError')) throw err;
    return { error: err.message };
  }
}

function zodIssues(error: z.ZodError): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const messages = issue.message.split(KEY_MESSAGE_SEPARATOR);
      issue.keys.forEach((key, i) => {
        out.push({ path: formatPath([...issue.path, key]), message: messages[i] ?? 'unknown key' });
      });
      continue;
    }
    const message = issue.message
      .replace(/^Invalid input: /, '')
      .replace(/^expected (.*), received undefined$/, 'missing (expected $1)');
    out.push({ path: formatPath(issue.path), message });
  }
  return out;
}
