/**
 * Words for the report that the CLI summary and the app's score card both print, so they say the
 * same thing: burns numbered from 1 (the JSON keeps 0-based indexes), margins with their unit,
 * why a maneuver was not flown, and which burn's failure makes passive safety fail.
 */

import type { ConstraintOutcome, NotFlownReason } from './evaluate.ts';
import type { SpacecraftReport } from './report.ts';

/**
 * A burn as a person counts it: `burn 1` for index 0.
 *
 * @param burnIndex 0-based index into the report's `burns`
 */
export function burnName(burnIndex: number): string {
  return `burn ${burnIndex + 1}`;
}

/**
 * A constraint margin with its unit: `307.4 m`, `-2.35 deg`, `0.0150 m/s`; `n/a` when not finite.
 *
 * @param value margin in `unit`
 * @param unit the constraint's margin unit
 */
export function formatMargin(value: number, unit: ConstraintOutcome['unit']): string {
  if (!Number.isFinite(value)) return 'n/a';
  const digits = unit === 'm/s' ? 4 : unit === 'deg' ? 2 : 1;
  return `${value.toFixed(digits)} ${unit}`;
}

/**
 * Why a maneuver never started, in words.
 *
 * @param reason the `not-flown` violation's reason
 * @param index the maneuver's 0-based index in its spacecraft's list
 * @param trigger its `when` condition
 */
export function notFlownText(
  reason: NotFlownReason | undefined,
  index: number,
  trigger: string | undefined,
): string {
  switch (reason) {
    case 'trigger-never-true':
      return `its trigger "${trigger ?? ''}" never held`;
    case 'starts-after-end':
      return 'due after the end of the run';
    case 'previous-not-flown':
      return `maneuvers[${index - 1}] before it never started`;
    case 'previous-not-finished':
      return `maneuvers[${index - 1}] before it was still running at the end`;
    default:
      return 'never started';
  }
}

/**
 * The cause of the worst passive-safety drift: which burn fails (numbered from 1, with its time),
 * the closest range of the free drift and when, and when the drift starts.
 *
 * @param c the spacecraft's report
 * @param time formats a sim time, s since the epoch (`t+h:mm:ss.ss`, `T+hh:mm:ss`)
 * @param distance formats a distance, m
 */
export function passiveSafetyCause(
  c: SpacecraftReport,
  time: (tS: number) => string,
  distance: (m: number) => string,
): string {
  const ps = c.passiveSafety;
  const burn = ps.worstBurnIndex === null ? null : c.burns[ps.worstBurnIndex];
  const who =
    ps.worstBurnIndex === null
      ? 'after the last burn (no burn left to fail)'
      : `if ${burnName(ps.worstBurnIndex)}${burn ? ` (${time(burn.tS)})` : ''} fails`;
  return `${who}, the free drift comes to ${distance(ps.worstRangeM)} at ${time(ps.worstAtS)} (drift from ${time(ps.worstStartS)})`;
}
