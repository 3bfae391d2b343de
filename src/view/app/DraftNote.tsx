/**
 * The note about an autosaved draft found when the page opened: "restored" (the draft is open;
 * discard it to go back to where it came from) or "available" (a share link or another example
 * was asked for; open the draft instead). Dismissible.
 */

import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/useAppStore.ts';

/** When a draft was saved, local time: `14:02` today, else `28 Nov 14:02`; null if unknown. */
function savedAt(ms: number): string | null {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return null;
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  if (d.toDateString() === new Date().toDateString()) return hm;
  return `${d.getDate()} ${d.toLocaleString('en', { month: 'short' })} ${hm}`;
}

/** The draft note (nothing when there is none). */
export function DraftNote() {
  const { note, setNote, discard, open } = useAppStore(
    useShallow((s) => ({
      note: s.draftNote,
      setNote: s.setDraftNote,
      discard: s.discardDraft,
      open: s.openDraft,
    })),
  );
  if (!note) return null;
  const dismiss = () => setNote(null);
  const when = savedAt(note.draft.savedAtMs);
  return (
    <div className="draft-note" role="status" data-testid="draft-note" data-kind={note.kind}>
      <svg viewBox="0 0 16 16" aria-hidden="true" className="draft-icon">
        <path d="M3 1.5h7l3 3v10H3zM10 1.5v3h3M5.5 8h5M5.5 10.5h5" />
      </svg>
      <span className="draft-text">
        {note.kind === 'restored' ? 'Restored your unsaved edits' : 'You have unsaved edits'} of{' '}
        <code>{note.draft.source}</code>{' '}
        <span className="hud-dim">{when === null ? '(autosaved)' : `(autosaved ${when})`}</span>
        {note.hasProblems && (
          <span data-testid="draft-problems">: it has problems, listed in the editor</span>
        )}
      </span>
      {note.kind === 'available' && (
        <button type="button" className="button small" onClick={() => void open()}>
          Open draft
        </button>
      )}
      <button
        type="button"
        className="button small"
        data-testid="discard-draft"
        title={
          note.kind === 'restored'
            ? 'Forget the draft and open the scenario it came from'
            : 'Forget the draft'
        }
        onClick={() => void discard()}
      >
        Discard draft
      </button>
      <button
        type="button"
        className="button icon small"
        aria-label="Dismiss"
        data-testid="dismiss-draft-note"
        onClick={dismiss}
      >
        ×
      </button>
    </div>
  );
}
