/**
 * What-if in one gesture, over the scene (bottom left): push the spacecraft in focus at the start
 * (0.1 m/s added to its initial velocity along R, I or C), start a new scenario, or open the
 * sliders of its initial state and burns. Each is an edit of the plan (undo, autosave and share
 * links as for any edit); the run shown before stays as a faint "previous run" to compare with,
 * and the camera frames the result.
 */

import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { initialRic, pushInitial } from '../../editing/whatif.ts';
import { appStore, useAppStore } from '../../state/useAppStore.ts';
import { ghostStore } from '../../state/useGhosts.ts';
import { newScenario } from './newScenario.ts';
import { WhatIfSliders } from './WhatIfSliders.tsx';
import './whatif.css';

/** The push of a quick action, m/s. */
export const PUSH_MPS = 0.1;

const PUSHES: { axis: 0 | 1 | 2; name: string; sign: 1 | -1 }[] = [
  { axis: 0, name: 'R', sign: 1 },
  { axis: 0, name: 'R', sign: -1 },
  { axis: 1, name: 'I', sign: 1 },
  { axis: 1, name: 'I', sign: -1 },
  { axis: 2, name: 'C', sign: 1 },
  { axis: 2, name: 'C', sign: -1 },
];

/** The what-if controls. */
export function WhatIfBar() {
  const { crafts, focus, text } = useAppStore(
    useShallow((s) => ({ crafts: s.mission?.crafts, focus: s.focusCraftId, text: s.text })),
  );
  const [open, setOpen] = useState(false);
  if (!crafts || crafts.length === 0) return null;
  const craftIndex = Math.max(
    0,
    crafts.findIndex((c) => c.id === focus),
  );
  const id = crafts[craftIndex]!.id;
  const canPush = initialRic(text, craftIndex) !== null;
  const push = (axis: 0 | 1 | 2, dvMps: number) => {
    ghostStore.getState().beginWhatIf();
    appStore.getState().edit((t) => pushInitial(t, craftIndex, axis, dvMps));
  };
  return (
    <div className="whatif panel-glass" data-testid="whatif">
      {open && <WhatIfSliders craftIndex={craftIndex} />}
      <div className="whatif-row">
        <span className="whatif-title" title="Change the plan in one gesture and compare">
          What if
        </span>
        <button
          type="button"
          className="button small"
          data-testid="whatif-new"
          title="A new scenario: a target on a GEO slot and one spacecraft at rest 1 km behind it (Ctrl+Z brings the plan back)"
          onClick={newScenario}
        >
          New scenario
        </button>
        <span className="whatif-push" role="group" aria-label={`Push ${id} at the start`}>
          <span className="hud-dim">push {id}</span>
          {PUSHES.map((p) => {
            const dv = p.sign * PUSH_MPS;
            const label = `${p.name} ${p.sign > 0 ? '+' : '−'}${PUSH_MPS} m/s`;
            return (
              <button
                key={label}
                type="button"
                className="button small"
                disabled={!canPush}
                data-testid={`whatif-push-${p.name}${p.sign > 0 ? '+' : '-'}`}
                title={`Add ${dv} m/s along ${p.name} to ${id}'s initial velocity (a push at the start)`}
                onClick={() => push(p.axis, dv)}
              >
                {label}
              </button>
            );
          })}
        </span>
        <button
          type="button"
          className={`button small${open ? ' active' : ''}`}
          aria-expanded={open}
          data-testid="whatif-sliders-toggle"
          title="Sliders on the initial state and the burns' delta-v"
          onClick={() => setOpen((o) => !o)}
        >
          Sliders
        </button>
      </div>
    </div>
  );
}
