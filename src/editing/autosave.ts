/**
 * No lost work: the scenario text being edited is saved on every change, and restored on the
 * next visit with a note saying so.
 *
 * Storage is injected (the browser's localStorage, or a Map in tests); a full or unavailable
 * storage (private browsing, quota) is reported instead of thrown, and the work continues.
 */

/** Storage key of the autosaved draft; the version lets a later format migrate it. */
export const AUTOSAVE_KEY = 'rpo-sim:draft:v1';

/** The part of the Web Storage API the autosave needs. */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A saved draft. */
export interface Draft {
  text: string;
  /** Where the draft came from (example name, file name), for the restore note. */
  source: string;
  /** When it was saved, ms since 1970 (UTC); NaN when the stored time was unreadable. */
  savedAtMs: number;
}

/** Saves a draft; returns an error message if the storage refused it. */
export function saveDraft(storage: DraftStorage, draft: Draft): string | null {
  try {
    storage.setItem(AUTOSAVE_KEY, JSON.stringify(draft));
    return null;
  } catch (err) {
    return `could not autosave (${err instanceof Error ? err.message : String(err)}): download the scenario to keep it`;
  }
}

/** The saved draft, or null when there is none or it is unreadable. */
export function loadDraft(storage: DraftStorage): Draft | null {
  let raw: string | null;
  try {
    raw = storage.getItem(AUTOSAVE_KEY);
  } catch {
    return null;
  }
  if (raw === null) return null;
  try {
    const d = JSON.parse(raw) as Partial<Draft> | null;
    if (typeof d?.text !== 'string') return null;
    // the text is what matters: a damaged source or time does not lose it
    return {
      text: d.text,
      source: typeof d.source === 'string' && d.source !== '' ? d.source : 'draft.json',
      savedAtMs:
        typeof d.savedAtMs === 'number' && Number.isFinite(new Date(d.savedAtMs).getTime())
          ? d.savedAtMs
          : Number.NaN,
    };
  } catch {
    return null;
  }
}

/** Forgets the draft (after the user chose to discard it). */
export function clearDraft(storage: DraftStorage): void {
  try {
    storage.removeItem(AUTOSAVE_KEY);
  } catch {
    // nothing to clear when storage is unavailable
  }
}
