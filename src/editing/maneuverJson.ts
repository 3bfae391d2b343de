/**
 * A maneuver as the scenario text holds it, before validation: its object, its timing key and its
 * JSON path. Apart from ./maneuvers.ts (the form's model, which reads the maneuver registry), so
 * that the timeline's drag handles do not load the maneuver modules.
 */

import type { PathArray } from './jsonText.ts';

/** The three ways a maneuver can start (exactly one per maneuver). */
export const TIMING_KEYS = ['tS', 'after', 'when'] as const;
/** A timing key. */
export type TimingKey = (typeof TIMING_KEYS)[number];

/** A maneuver object as parsed from the text (anything may be missing or wrong). */
export type RawManeuver = Record<string, unknown>;

/** The maneuver as an object, or an empty one when the text holds something else there. */
export function asManeuver(v: unknown): RawManeuver {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as RawManeuver) : {};
}

/** Which timing key a maneuver uses (the first present), and its value. */
export function timingOf(m: RawManeuver): { key: TimingKey | null; value: unknown } {
  for (const key of TIMING_KEYS) if (key in m) return { key, value: m[key] };
  return { key: null, value: undefined };
}

/** Path of maneuver `index` of spacecraft `craft`. */
export function maneuverPath(craft: number, index: number): PathArray {
  return ['spacecraft', craft, 'maneuvers', index];
}
