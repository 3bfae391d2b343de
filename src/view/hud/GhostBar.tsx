/**
 * The ghosts' controls over the scene (top right, under the camera buttons): the switch of the
 * ghost of the truth (the plan flown in the other dynamics model) with its difference from the run
 * at the clock's time for the spacecraft in focus (m, RIC), and the previous run of a what-if with
 * a button to clear it.
 */

import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ghostDifferenceAt } from '../../sim/ghostDifference.ts';
import { useAppStore } from '../../state/useAppStore.ts';
import { useGhosts } from '../../state/useGhosts.ts';
import { differenceText, PREVIOUS_RUN_COLOR } from '../model/ghost.ts';
import { useClockListener } from '../useClockListener.ts';

const scratch = new Float64Array(3);

/** The ghost controls and the live difference. */
export function GhostBar() {
  const { clock, crafts, focus, dynamics } = useAppStore(
    useShallow((s) => ({
      clock: s.clock,
      crafts: s.mission?.crafts,
      focus: s.focusCraftId,
      dynamics: s.mission?.scenario.dynamics,
    })),
  );
  const g = useGhosts(
    useShallow((s) => ({
      on: s.truthOn,
      status: s.truthStatus,
      truth: s.truth,
      message: s.truthMessage,
      previous: s.previous,
      setOn: s.setTruthOn,
      clearPrevious: s.clearPrevious,
    })),
  );
  const readout = useRef<HTMLSpanElement>(null);
  const index = Math.max(0, crafts?.findIndex((c) => c.id === focus) ?? 0);
  const diff = g.truth?.differences[index] ?? null;
  useClockListener(
    clock,
    (c) => {
      const el = readout.current;
      if (!el || !diff) return;
      const text = differenceText(ghostDifferenceAt(diff, c.tS, scratch));
      if (el.textContent !== text) el.textContent = text;
    },
    [diff],
  );
  if (!crafts) return null;
  return (
    <div className="ghost-bar panel-glass" data-testid="ghost-bar">
      <label className="ghost-toggle" title="Fly the same plan in the other dynamics model">
        <input
          type="checkbox"
          checked={g.on}
          data-testid="ghost-truth-toggle"
          onChange={(e) => {
            g.setOn(e.target.checked);
            e.target.blur();
          }}
        />
        Ghost: other model
      </label>
      {g.on && (
        <div className="ghost-truth" data-testid="ghost-truth" data-status={g.status}>
          {g.truth ? (
            <>
              <div className="hud-dim">
                <span className="swatch" style={{ background: g.truth.crafts[index]?.color }} />
                {g.truth.title} ghost − {dynamics} run, {crafts[index]?.id}
                {g.status === 'running' ? ' (updating…)' : ''}
              </div>
              <span ref={readout} className="ghost-readout" data-testid="ghost-difference">
                —
              </span>
            </>
          ) : (
            <div className="hud-dim" data-testid="ghost-message">
              {g.status === 'none' ? g.message : 'flying the other model…'}
            </div>
          )}
        </div>
      )}
      {g.previous && (
        <div className="ghost-previous" data-testid="ghost-previous">
          <span className="swatch" style={{ background: PREVIOUS_RUN_COLOR }} />
          previous run{' '}
          <button
            type="button"
            className="button small"
            title="Stop showing the previous run"
            data-testid="ghost-previous-clear"
            onClick={g.clearPrevious}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
