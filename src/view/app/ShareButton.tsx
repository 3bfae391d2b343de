/**
 * "Copy share link": puts the plan into the URL (`#scenario=...`) and onto the clipboard, and says
 * so; where the clipboard is refused, shows the link selected, to copy by hand.
 */

import { useEffect, useRef, useState } from 'react';
import { copyShareLink } from './planFile.ts';
import { Icon } from './Icon.tsx';

/** The share button and its note. */
export function ShareButton() {
  const [note, setNote] = useState<{ url: string; copied: boolean } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!note) return;
    if (!note.copied) input.current?.select();
    const t = setTimeout(() => setNote(null), note.copied ? 2500 : 15000);
    return () => clearTimeout(t);
  }, [note]);
  return (
    <div className="share">
      <button
        type="button"
        className="button with-icon"
        title="Copy share link: the whole plan in the link (nothing is uploaded)"
        aria-label="Copy share link"
        data-testid="share-link"
        onClick={() => void copyShareLink().then(setNote)}
      >
        <Icon d="M6.6 9.4a2.9 2.9 0 004.1 0l2.4-2.4a2.9 2.9 0 00-4.1-4.1L7.9 4l1.1 1.1 1.1-1.1a1.4 1.4 0 012 2L9.6 8.3a1.4 1.4 0 01-2 0zM9.4 6.6a2.9 2.9 0 00-4.1 0L2.9 9a2.9 2.9 0 004.1 4.1L8.1 12 7 10.9l-1.1 1.1a1.4 1.4 0 01-2-2l2.5-2.3a1.4 1.4 0 012 0z" />
        Share
      </button>
      {note && (
        <div className="share-note panel-glass" role="status" data-testid="share-note">
          {note.copied ? (
            <span>Link copied: it holds the whole plan.</span>
          ) : (
            <>
              <span>Copy this link (the clipboard is not available):</span>
              <input ref={input} readOnly value={note.url} aria-label="Share link" />
            </>
          )}
        </div>
      )}
    </div>
  );
}
