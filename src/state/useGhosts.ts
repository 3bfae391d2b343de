/**
 * React binding of the page's ghosts (./ghosts.ts), over the page's app store.
 */

import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { createGhostStore, type GhostState } from './ghosts.ts';
import { appStore } from './useAppStore.ts';

/** The page's ghosts. */
export const ghostStore: StoreApi<GhostState> = createGhostStore(appStore);

/**
 * Selects from the page's ghosts.
 * @param selector picks the slice this component needs
 */
export function useGhosts<T>(selector: (s: GhostState) => T): T {
  return useStore(ghostStore, selector);
}
