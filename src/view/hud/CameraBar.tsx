/**
 * Camera mode buttons over the scene: orbit the target, follow a spacecraft, or look from a
 * spacecraft at the target; with several spacecraft, which one; and framing: every object over
 * the run ("Frame all"), or the target and the chosen spacecraft now ("Frame pair").
 */

import { useShallow } from 'zustand/react/shallow';
import type { CameraMode } from '../../state/store.ts';
import { appStore, useAppStore } from '../../state/useAppStore.ts';
import { missionBoxKm, pairBoxKm } from '../model/framing.ts';
import { sceneInteraction } from '../scene/sceneInteraction.ts';

/** Frames every object over the run, or the target and the chosen spacecraft at the clock. */
function frame(what: 'all' | 'pair'): void {
  const st = appStore.getState();
  const m = st.mission;
  if (!m) return;
  if (st.cameraMode !== 'orbit') st.setCameraMode('orbit');
  sceneInteraction.frameBox?.(
    what === 'all' ? missionBoxKm(m) : pairBoxKm(m, st.focusCraftId, st.clock.tS),
  );
}

const MODES: { mode: CameraMode; label: string; title: string }[] = [
  { mode: 'orbit', label: 'Target', title: 'Orbit around the target (C)' },
  { mode: 'follow', label: 'Follow', title: 'Follow the spacecraft (F)' },
  {
    mode: 'inspector',
    label: 'Inspector view',
    title: 'Look from the spacecraft at the target (V); wheel zooms',
  },
];

/** Camera mode controls. */
export function CameraBar() {
  const { mode, setMode, crafts, focus, setFocus } = useAppStore(
    useShallow((s) => ({
      mode: s.cameraMode,
      setMode: s.setCameraMode,
      crafts: s.mission?.crafts,
      focus: s.focusCraftId,
      setFocus: s.setFocusCraft,
    })),
  );
  return (
    <div className="camera-bar" data-testid="camera-bar">
      <div className="segmented" role="group" aria-label="Camera">
        {MODES.map((m) => (
          <button
            key={m.mode}
            type="button"
            className={m.mode === mode ? 'active' : ''}
            aria-pressed={m.mode === mode}
            title={m.title}
            data-testid={`camera-${m.mode}`}
            onClick={() => setMode(m.mode)}
          >
            {m.label}
          </button>
        ))}
      </div>
      <div className="segmented" role="group" aria-label="Framing">
        <button
          type="button"
          title="Frame every object over the whole run"
          data-testid="frame-all"
          onClick={() => frame('all')}
        >
          Frame all
        </button>
        <button
          type="button"
          title="Frame the target and the chosen spacecraft as they are now"
          data-testid="frame-pair"
          onClick={() => frame('pair')}
        >
          Frame pair
        </button>
      </div>
      {crafts && crafts.length > 1 && (
        <select
          className="select"
          value={focus ?? ''}
          onChange={(e) => setFocus(e.target.value)}
          aria-label="Spacecraft to follow"
          data-testid="camera-craft"
        >
          {crafts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.id}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
