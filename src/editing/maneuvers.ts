/**
 * The maneuver form's model: which inputs each maneuver type has, the JSON path and the unit of
 * each, the default maneuver of each type (all declared by the maneuver modules, read from
 * src/maneuvers/registry.ts), changing a maneuver's type, and switching its timing
 * between `tS`, `after` and `when`. Every edit is expressed on the scenario text (./jsonText.ts),
 * so the form never rewrites what it does not show.
 *
 * Values are SI as in the file (s, m, m/s, N): the form shows the unit next to every input and
 * converts nothing, so what is typed is what is saved.
 */

import { hasManeuverType, maneuverModule, maneuverModules } from '../maneuvers/registry.ts';
import { replaceKey, setAtPath, type PathArray } from './jsonText.ts';
import { TIMING_KEYS, timingOf, type RawManeuver, type TimingKey } from './maneuverJson.ts';

export type {
  ChoiceFieldSpec,
  FieldSpec,
  NumberFieldSpec,
  OptionalVectorSpec,
} from '../maneuvers/module.ts';
import type { FieldSpec } from '../maneuvers/module.ts';

/** A maneuver type (a `type` of src/maneuvers/registry.ts). */
export type ManeuverType = string;

/** The maneuver types, in the order the type menu lists them (the registry's order). */
export function maneuverTypes(): string[] {
  return maneuverModules().map((m) => m.type);
}

/** The menu name of a maneuver type, e.g. "V-bar hop". */
export function maneuverTypeName(type: ManeuverType): string {
  return maneuverModule(type).title;
}

/** The inputs of a maneuver type (timing and label apart), in display order. */
export function maneuverFields(type: ManeuverType): readonly FieldSpec[] {
  return maneuverModule(type).fields;
}

/** The accessible name of an input: its label and unit, e.g. "dv R [m/s]". */
export function fieldName(label: string, unit: string): string {
  return unit === '' ? label : `${label} [${unit}]`;
}

/** Whether `s` is a maneuver type. */
export function isManeuverType(s: unknown): s is ManeuverType {
  return hasManeuverType(s);
}

/**
 * A new maneuver of a type, with a label and a timing: `after` 600 s by default (valid wherever
 * it goes in the list).
 */
export function newManeuver(type: ManeuverType, label?: string): RawManeuver {
  return {
    type,
    ...(label !== undefined ? { label } : {}),
    after: 600,
    ...structuredClone(maneuverModule(type).defaults),
  };
}

/**
 * The maneuver with another type: `type` first, then the label and the timing as they were, then
 * the new type's keys (a value of the same key kept, e.g. `durationS`). Keys the new type does
 * not have are dropped: the loader would reject them.
 */
export function changeManeuverType(m: RawManeuver, type: ManeuverType): RawManeuver {
  const out: RawManeuver = { type };
  if ('label' in m) out.label = m.label;
  const timing = timingOf(m);
  if (timing.key !== null) out[timing.key] = timing.value;
  else out.after = 0;
  for (const [key, value] of Object.entries(maneuverModule(type).defaults)) {
    out[key] = key in m ? keepIfSameShape(m[key], value) : value;
  }
  return out;
}

/** The old value when it has the shape of the default (a number for a number, etc.). */
function keepIfSameShape(old: unknown, fallback: unknown): unknown {
  if (typeof fallback === 'number') return typeof old === 'number' ? old : fallback;
  if (typeof fallback === 'string') return typeof old === 'string' ? old : fallback;
  if (Array.isArray(fallback)) {
    return Array.isArray(old) && old.length === fallback.length && old.every(Number.isFinite)
      ? old
      : fallback;
  }
  return fallback;
}

/** When a maneuver started and when the one before it ended in the last run, s. */
export interface Schedule {
  /** Start of this maneuver, s since the epoch (null: it never started). */
  startS: number | null;
  /** End of the previous maneuver of the spacecraft, s (0 for the first; null: unknown). */
  prevEndS: number | null;
}

/** Rounds to the millisecond (the trigger location tolerance), to keep the file readable. */
const ms = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The value a maneuver's timing gets when switched to `to`, keeping its schedule when the last
 * run says when it started: `tS` becomes the start time, `after` the delay from the previous
 * maneuver's end, `when` the equivalent condition `tS >= start`.
 */
export function timingValueFor(m: RawManeuver, to: TimingKey, schedule: Schedule): number | string {
  const cur = timingOf(m);
  const curNum = typeof cur.value === 'number' && Number.isFinite(cur.value) ? cur.value : null;
  const { startS, prevEndS } = schedule;
  switch (to) {
    case 'tS':
      if (startS !== null) return ms(startS);
      if (cur.key === 'after' && curNum !== null && prevEndS !== null) return ms(prevEndS + curNum);
      return curNum ?? 0;
    case 'after':
      if (startS !== null && prevEndS !== null) return ms(Math.max(0, startS - prevEndS));
      if (cur.key === 'tS' && curNum !== null && prevEndS !== null)
        return ms(Math.max(0, curNum - prevEndS));
      return curNum ?? 0;
    case 'when':
      if (typeof cur.value === 'string') return cur.value;
      return startS !== null ? `tS >= ${ms(startS)}` : 'rangeM < 1000';
  }
}

/**
 * Edits the text so that the maneuver at `path` starts by `to` with `value`, in place of its
 * current timing key (same position among its keys); any other timing keys are removed.
 */
export function setTiming(
  text: string,
  path: PathArray,
  m: RawManeuver,
  to: TimingKey,
  value: number | string,
): string {
  const cur = timingOf(m);
  let out =
    cur.key === null
      ? setAtPath(text, [...path, to], value, { keyIndex: 'label' in m ? 2 : 1 })
      : replaceKey(text, path, cur.key, to, value);
  for (const key of TIMING_KEYS) {
    if (key !== to && key !== cur.key && key in m) out = setAtPath(out, [...path, key], undefined);
  }
  return out;
}

/**
 * Reads a number typed in an input: decimal or exponent notation, finite; null for anything else
 * (an empty field, "-", "1e", "abc").
 *
 * @param s the input's text
 * @param integer accept whole numbers only
 */
export function parseNumberInput(s: string, integer = false): number | null {
  const t = s.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
  const v = Number(t);
  if (!Number.isFinite(v)) return null;
  if (integer && !Number.isInteger(v)) return null;
  return v;
}
