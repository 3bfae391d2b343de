/**
 * The plan leaving the page: downloaded as a `.json` file (the text as it is, which
 * `rpo-sim run` reads unchanged), or put in a share link (`#scenario=...`, deflated into the
 * URL fragment: nothing goes to a server) and onto the clipboard.
 *
 * While the page shows a shared plan unchanged, the URL keeps its link; the first edit takes the
 * link away (it no longer says what is on screen, and a reload then restores the autosaved edit).
 */

import { appStore } from '../../state/useAppStore.ts';

/** Name under which a scenario opened from a share link is shown and downloaded. */
export const SHARED_SOURCE = 'shared-scenario.json';

/**
 * A file name for a download: the source's name without folders or unsafe characters, ending in
 * `.json`.
 *
 * @param source file or example name (e.g. `skynet5a-inspection.json`)
 */
export function downloadName(source: string): string {
  const base = source.split(/[\\/]/).pop() ?? '';
  const safe = base.replace(/[^\w.\- ]+/g, '_').trim();
  const stem = safe.replace(/\.json$/i, '') || 'scenario';
  return `${stem}.json`;
}

/** Saves the plan's text as a JSON file (the browser's download). */
export function downloadPlan(): void {
  const { text, docSource } = appStore.getState();
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = downloadName(docSource);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The text the URL's share link holds (null: the URL has none of ours). */
let sharedText: string | null = null;

/**
 * The share link of a plan text. The encoder (fflate) is loaded on first use, out of the page's
 * first load.
 */
export async function shareUrl(text: string): Promise<string> {
  const { encodeShareFragment } = await import('../../editing/share.ts');
  const url = new URL(window.location.href);
  url.search = '';
  url.hash = encodeShareFragment(text);
  return url.toString();
}

/**
 * Puts the plan's share link in the URL and, if the browser lets the page, on the clipboard.
 *
 * @returns the link, and whether it was copied
 */
export async function copyShareLink(): Promise<{ url: string; copied: boolean }> {
  const text = appStore.getState().text;
  const url = await shareUrl(text);
  window.history.replaceState(null, '', url);
  sharedText = text;
  let copied = false;
  try {
    await navigator.clipboard.writeText(url);
    copied = true;
  } catch {
    // No clipboard permission (or no secure context): the link is shown to copy by hand.
  }
  return { url, copied };
}

/** Records that the URL holds a share link of `text` (a page opened from one). */
export function markShared(text: string): void {
  sharedText = text;
}

/** Takes the share link out of the URL once the plan differs from it (call on every change). */
export function dropStaleShareLink(text: string): void {
  if (sharedText === null || text === sharedText) return;
  sharedText = null;
  const url = new URL(window.location.href);
  if (new URLSearchParams(url.hash.slice(1)).has('scenario')) {
    url.hash = '';
    window.history.replaceState(null, '', url);
  }
}
