/**
 * The value of a maneuver's timing: seconds for `tS` and `after` (with the time as hh:mm:ss),
 * the condition for `when` (with when it fired in the last run).
 */

import type { PathArray } from '../../editing/jsonText.ts';
import { timingOf, type RawManeuver } from '../../editing/maneuverJson.ts';
import type { Schedule } from '../../editing/maneuvers.ts';
import { formatHms } from '../model/format.ts';
import { ConditionField } from './ConditionField.tsx';
import { NumberField } from './NumberField.tsx';

/** Props of `TimingValue`. */
export interface TimingValueProps {
  /** Path of the maneuver. */
  path: PathArray;
  maneuver: RawManeuver;
  schedule: Schedule;
  /** Problems at the timing key ('' when none). */
  issue: string;
}

/** The timing's input. */
export function TimingValue({ path, maneuver, schedule, issue }: TimingValueProps) {
  const { key, value } = timingOf(maneuver);
  const active = key ?? 'tS';
  if (active === 'when') {
    return (
      <ConditionField
        path={[...path, 'when']}
        value={value}
        issue={issue}
        started={schedule.startS !== null ? `fired T+${formatHms(schedule.startS)}` : 'never fired'}
      />
    );
  }
  const seconds = typeof value === 'number' && Number.isFinite(value) ? value : null;
  return (
    <NumberField
      className="timing-value"
      path={[...path, active]}
      value={value}
      label={active}
      unit="s"
      issue={issue}
      hint={
        seconds === null
          ? undefined
          : active === 'tS'
            ? `T+${formatHms(seconds)}`
            : formatHms(seconds)
      }
    />
  );
}
