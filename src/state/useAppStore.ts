/**
 * React binding of the app store: one store per page, read with narrow selectors.
 *
 * `useAppStore((s) => s.playing)` re-renders only when `playing` changes; for several fields use
 * `useAppStore(useShallow((s) => ({ a: s.a, b: s.b })))`. Never select the clock time: subscribe
 * to `clock` and mutate the DOM instead (see src/view/useClockListener.ts).
 */

import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { DraftStorage } from '../editing/autosave.ts';
import { BUNDLED_EXAMPLES } from './bundledExamples.ts';
import { createAppStore, type AppState } from './store.ts';

/** The browser's localStorage, or null where it is not available (private modes, node). */
export function pageStorage(): DraftStorage | null {
  try {
    return typeof window !== 'undefined' && window.localStorage ? window.localStorage : null;
  } catch {
    return null;
  }
}

/** The page's store (autosaving to localStorage). */
export const appStore: StoreApi<AppState> = createAppStore({
  examples: BUNDLED_EXAMPLES,
  storage: pageStorage(),
});

/**
 * Selects from the page's store.
 *
 * @param selector picks the slice this component needs
 */
export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}
