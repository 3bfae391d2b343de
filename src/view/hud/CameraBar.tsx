/**
 * Camera mode buttons over the scene: orbit the target, follow a spacecraft, or look from a
 * spacecraft at the target; with several spacecraft, which one.
 */

import { useShallow } from 'zustand/react/shallow';
import type { CameraMode } from '../../state/store.ts';
import { useAppStore } from '../../state/useAppStore.ts';

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
