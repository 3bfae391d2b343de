/**
 * Page-wide keyboard shortcuts (listed in the header's "?" panel). Ignored while typing in a
 * field; Space is taken from focused buttons so it always means play / pause.
 *
 * Undo and redo (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y; Cmd on a Mac) are the plan's, everywhere: also in
 * the form's inputs and the JSON view, whose own undo would otherwise step through its text apart
 * from the plan's one history. They are taken in the capture phase, before any input sees them.
 */

import { useEffect } from 'react';
import { appStore } from '../../state/useAppStore.ts';
import { EMBED } from './embed.ts';

const isField = (t: EventTarget | null): boolean => {
  const el = t as HTMLElement | null;
  const tag = el?.tagName;
  return (
    tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el?.isContentEditable === true
  );
};

/** Installs the shortcuts on `window` while the calling component is mounted. */
export function useKeyboardShortcuts(): void {
  useEffect(() => {
    const onUndoKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const k = e.key.toLowerCase();
      const redo = (k === 'z' && e.shiftKey) || (k === 'y' && !e.shiftKey);
      const undo = k === 'z' && !e.shiftKey;
      if (!undo && !redo) return;
      e.preventDefault();
      e.stopPropagation();
      const s = appStore.getState();
      if (redo) s.redo();
      else s.undo();
    };
    window.addEventListener('keydown', onUndoKey, { capture: true });
    return () => window.removeEventListener('keydown', onUndoKey, { capture: true });
  }, []);
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isField(e.target)) return;
      const s = appStore.getState();
      const clock = s.clock;
      const span = clock.endS - clock.startS;
      switch (e.key) {
        case ' ':
          if (!e.repeat) s.togglePlay();
          break;
        case '[':
          s.stepEvent(-1);
          break;
        case ']':
          s.stepEvent(1);
          break;
        case '+':
        case '=':
          s.stepSpeed(1);
          break;
        case '-':
        case '_':
          s.stepSpeed(-1);
          break;
        case 'Home':
          s.seek(clock.startS);
          break;
        case 'End':
          s.seek(clock.endS);
          break;
        case 'ArrowLeft':
          s.seek(clock.tS - 0.01 * span);
          break;
        case 'ArrowRight':
          s.seek(clock.tS + 0.01 * span);
          break;
        case 'c':
        case 'C':
          s.setCameraMode('orbit');
          break;
        case 'f':
        case 'F':
          s.setCameraMode('follow');
          break;
        case 'v':
        case 'V':
          s.setCameraMode('inspector');
          break;
        case 'e':
        case 'E':
          if (EMBED) return;
          s.setEditorOpen(!s.editorOpen);
          break;
        case 'Escape':
          s.dismissError();
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    // A focused button would "click" on Space's keyup as well: keep Space for play / pause.
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === ' ' && (e.target as HTMLElement | null)?.tagName === 'BUTTON')
        e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, []);
}
