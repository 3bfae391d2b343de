/**
 * Asks the JSON view to show and select a range of the text (a problem picked in the list). The
 * JSON view is a lazily loaded chunk: a request made before it is there waits for it.
 */

type Reveal = (from: number, to: number) => void;

let handler: Reveal | null = null;
let pending: { from: number; to: number } | null = null;

/** Selects and scrolls to [from, to) in the JSON view (now, or when it opens). */
export function revealInJson(from: number, to: number): void {
  if (handler) handler(from, to);
  else pending = { from, to };
}

/**
 * Registers the JSON view's reveal function; a request waiting for it is served at once.
 *
 * @returns unregister
 */
export function onRevealInJson(fn: Reveal): () => void {
  handler = fn;
  if (pending) {
    fn(pending.from, pending.to);
    pending = null;
  }
  return () => {
    if (handler === fn) handler = null;
  };
}
