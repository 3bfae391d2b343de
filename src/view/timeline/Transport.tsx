/**
 * Playback controls: previous / next event, play / pause, speed (1x to 10000x), the timeline, and
 * the mission time readout.
 */

import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { SPEEDS } from '../../state/store.ts';
import { useAppStore } from '../../state/useAppStore.ts';
import { formatMet } from '../model/format.ts';
import { useClockListener } from '../useClockListener.ts';
import { Timeline } from './Timeline.tsx';
import { Icon } from '../app/Icon.tsx';
import { blurAfterClick } from '../app/blurAfterClick.ts';

/** The transport bar. */
export function Transport() {
  const { clock, playing, speed, togglePlay, setSpeed, stepEvent, mission } = useAppStore(
    useShallow((s) => ({
      clock: s.clock,
      playing: s.playing,
      speed: s.speed,
      togglePlay: s.togglePlay,
      setSpeed: s.setSpeed,
      stepEvent: s.stepEvent,
      mission: s.mission,
    })),
  );
  const time = useRef<HTMLSpanElement>(null);
  useClockListener(
    clock,
    (c) => {
      const t = formatMet(c.tS);
      if (time.current && time.current.textContent !== t) time.current.textContent = t;
    },
    [mission],
  );
  return (
    <div className="transport" data-testid="transport">
      <div className="transport-buttons">
        <button
          type="button"
          className="icon-button"
          title="Previous event ( [ )"
          aria-label="Previous event"
          data-testid="prev-event"
          onClick={(e) => {
            blurAfterClick(e);
            stepEvent(-1);
          }}
        >
          <Icon d="M3 2h2v12H3zM14 2v12L6 8z" />
        </button>
        <button
          type="button"
          className="icon-button play"
          title={playing ? 'Pause (Space)' : 'Play (Space)'}
          aria-label={playing ? 'Pause' : 'Play'}
          data-testid="play-button"
          data-playing={playing}
          onClick={(e) => {
            blurAfterClick(e);
            togglePlay();
          }}
        >
          {playing ? <Icon d="M3 2h3.5v12H3zM9.5 2H13v12H9.5z" /> : <Icon d="M4 2v12l10-6z" />}
        </button>
        <button
          type="button"
          className="icon-button"
          title="Next event ( ] )"
          aria-label="Next event"
          data-testid="next-event"
          onClick={(e) => {
            blurAfterClick(e);
            stepEvent(1);
          }}
        >
          <Icon d="M11 2h2v12h-2zM2 2v12l8-6z" />
        </button>
        <select
          className="select speed"
          value={speed}
          title="Playback speed (- / +)"
          aria-label="Playback speed"
          data-testid="speed-select"
          onChange={(e) => {
            setSpeed(Number(e.target.value));
            e.target.blur();
          }}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </div>
      <Timeline />
      <div className="transport-time">
        <span ref={time} data-testid="transport-time">
          {formatMet(0)}
        </span>
        <span className="hud-dim"> / {mission ? formatMet(mission.durationS) : '—'}</span>
      </div>
    </div>
  );
}
