/**
 * How a maneuver starts: `tS` (seconds since the epoch), `after` (seconds after the previous
 * maneuver ends) or `when` (a trigger condition). Switching keeps the schedule of the last run
 * where it can (`tS` becomes the time the maneuver actually started, `when` the condition
 * `tS >= start`), and the new key takes the old one's place among the maneuver's keys.
 */

import type { PathArray } from '../../editing/jsonText.ts';
import {
  TIMING_KEYS,
  timingOf,
  type RawManeuver,
  type TimingKey,
} from '../../editing/maneuverJson.ts';
import { setTiming, timingValueFor, type Schedule } from '../../editing/maneuvers.ts';
import { appStore } from '../../state/useAppStore.ts';

const TITLES: Record<TimingKey, string> = {
  tS: 'Start at a time: seconds since the epoch',
  after: 'Start a delay after the previous maneuver ends, seconds',
  when: 'Start when a condition first holds (after the previous maneuver ends)',
};

/** Props of `TimingSwitch`. */
export interface TimingSwitchProps {
  /** Path of the maneuver. */
  path: PathArray;
  maneuver: RawManeuver;
  /** When it started in the last run. */
  schedule: Schedule;
}

/** The tS / after / when switch. */
export function TimingSwitch({ path, maneuver, schedule }: TimingSwitchProps) {
  const { key } = timingOf(maneuver);
  const active = key ?? 'tS';
  const switchTo = (to: TimingKey) => {
    if (to === key) return;
    const v = timingValueFor(maneuver, to, schedule);
    appStore.getState().edit((t) => setTiming(t, path, maneuver, to, v), null);
  };
  return (
    <div className="timing-switch segmented small" role="radiogroup" aria-label="Start by">
      {TIMING_KEYS.map((k) => (
        <button
          key={k}
          type="button"
          role="radio"
          aria-checked={k === active}
          className={k === active ? 'active' : ''}
          title={TITLES[k]}
          data-testid={`timing-${k}`}
          onClick={() => switchTo(k)}
        >
          {k}
        </button>
      ))}
    </div>
  );
}
