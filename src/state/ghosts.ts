/**
 * The ghosts drawn beside the run (zustand, vanilla; ./useGhosts.ts binds it to React):
 *
 * - the ghost of the truth: while switched on, every trajectory shown is also flown in the other
 *   dynamics model by the ghost worker (src/sim/ghost.ts); its trail, and its difference from the
 *   run as a live number and a plot, follow each edit;
 * - the previous run: a what-if gesture (a slider, a preset) keeps the run shown before it as a
 *   faint trail to compare with, until the next scenario is loaded or it is cleared; and asks the
 *   camera to frame the result (src/view/scene/WhatIfFraming.tsx).
 */

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Scenario } from '../scenario/schema.ts';
import type { CraftView } from '../view/model/mission.ts';
import {
  PREVIOUS_RUN_COLOR,
  snapshotCrafts,
  truthGhostView,
  type TruthGhost,
} from '../view/model/ghost.ts';
import type { AppState } from './store.ts';

/** Where the ghost of the truth stands. */
export type TruthStatus = 'off' | 'running' | 'shown' | 'none';

/** State and actions of the ghosts. */
export interface GhostState {
  /** Whether the ghost of the truth is switched on. */
  truthOn: boolean;
  truthStatus: TruthStatus;
  /** The ghost of the run shown (null: off, none, or not computed yet). */
  truth: TruthGhost | null;
  /** Why there is no ghost (`truthStatus` 'none'), one sentence. */
  truthMessage: string | null;
  /** The previous run's spacecraft (faint copies), or null. */
  previous: CraftView[] | null;
  /** Whether the camera should frame the next exact trajectory (after a what-if). */
  frameWanted: boolean;
  setTruthOn(on: boolean): void;
  /** Keeps the run shown now as the previous run (call before a what-if edit). */
  keepPrevious(): void;
  clearPrevious(): void;
  /**
   * Starts a what-if gesture: the run shown now becomes the previous run (unless `keep` is
   * false: e.g. a new scenario has nothing to compare with) and the camera frames the result.
   */
  beginWhatIf(keep?: boolean): void;
}

/**
 * Creates the ghosts of an app store.
 * @param app the app store (its mission, and its simulator for the ghost worker)
 */
export function createGhostStore(app: StoreApi<AppState>): StoreApi<GhostState> {
  /** The scenario whose ghost was asked for last. */
  let asked: Scenario | null = null;
  /** Asks for the ghost of the run shown (the ghost shown stays until it arrives). */
  const request = () => {
    const mission = app.getState().mission;
    if (!store.getState().truthOn || !mission || mission.scenario === asked) return;
    const scenario = mission.scenario;
    asked = scenario;
    store.setState({ truthStatus: 'running' });
    void app
      .getState()
      .simulator()
      .ghost(JSON.stringify(scenario))
      .result.then((res) => {
        // Only the ghost of the run shown now (a newer request may be on its way).
        if (!res || asked !== scenario || !store.getState().truthOn) return;
        if (res.ok && res.kind === 'ghost') {
          store.setState({ truth: truthGhostView(res), truthStatus: 'shown', truthMessage: null });
        } else if (!res.ok) {
          store.setState({
            truth: null,
            truthStatus: 'none',
            truthMessage: res.issues[0]?.message ?? 'no ghost',
          });
        }
      });
  };
  const store = createStore<GhostState>()((set) => ({
    truthOn: false,
    truthStatus: 'off',
    truth: null,
    truthMessage: null,
    previous: null,
    frameWanted: false,
    setTruthOn(on) {
      asked = null;
      set({ truthOn: on, truth: null, truthMessage: null, truthStatus: on ? 'running' : 'off' });
      if (on) request();
    },
    keepPrevious() {
      const m = app.getState().mission;
      if (m) set({ previous: snapshotCrafts(m.crafts, PREVIOUS_RUN_COLOR) });
    },
    clearPrevious: () => set({ previous: null }),
    beginWhatIf(keep = true) {
      if (keep) store.getState().keepPrevious();
      else set({ previous: null });
      set({ frameWanted: true });
    },
  }));
  app.subscribe((s, p) => {
    // Another scenario: nothing of the last one's stays.
    if (s.missionSerial !== p.missionSerial) store.setState({ previous: null, truth: null });
    // A new trajectory (a score arriving keeps the spacecraft): its ghost.
    if (s.mission?.crafts !== p.mission?.crafts) request();
  });
  return store;
}
