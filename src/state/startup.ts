/**
 * What the page opens: a shared link (`#scenario=...`), the autosaved draft, or the example named
 * in the URL (`?scenario=NAME`, default the SKYNET-5A inspection).
 *
 * - A share link is what was asked for: it opens; a draft of something else is offered in a note.
 * - A damaged share link shows its error, and the page opens as if there were none.
 * - Otherwise the draft is restored (with a note that says so) unless the URL names another
 *   example, which then opens with the draft offered.
 * - A draft identical to its bundled example is no draft (nothing was changed).
 */

import type { Draft } from '../editing/autosave.ts';
import type { ShareDecode } from '../editing/share.ts';
import { DEFAULT_EXAMPLE, type ExampleScenario } from '../view/model/examples.ts';

/** The page's first scenario. */
export type StartupPlan = {
  /** What to open. */
  open:
    | { kind: 'share'; text: string }
    | { kind: 'draft'; draft: Draft }
    | { kind: 'example'; name: string };
  /** A problem with the share link, shown over whatever opens instead. */
  shareError: string | null;
  /** A draft to offer (not opened). */
  offerDraft: Draft | null;
};

/**
 * Decides what the page opens.
 *
 * @param share what the URL fragment holds (`decodeShareFragment(location.hash)`)
 * @param search `location.search`
 * @param draft the autosaved draft, or null
 * @param examples the bundled examples
 */
export function planStartup(
  share: ShareDecode,
  search: string,
  draft: Draft | null,
  examples: readonly ExampleScenario[],
): StartupPlan {
  const requested = new URLSearchParams(search).get('scenario');
  const untouched =
    draft !== null &&
    examples.some((e) => `${e.name}.json` === draft.source && e.text === draft.text);
  const usable = draft !== null && !untouched && draft.text.trim() !== '' ? draft : null;
  if (share.kind === 'text') {
    return {
      open: { kind: 'share', text: share.text },
      shareError: null,
      offerDraft: usable !== null && usable.text !== share.text ? usable : null,
    };
  }
  const shareError = share.kind === 'error' ? share.message : null;
  const example = requested ?? DEFAULT_EXAMPLE;
  if (usable !== null && (requested === null || usable.source === `${requested}.json`)) {
    return { open: { kind: 'draft', draft: usable }, shareError, offerDraft: null };
  }
  return { open: { kind: 'example', name: example }, shareError, offerDraft: usable };
}
