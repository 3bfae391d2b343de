/**
 * The app store (zustand, vanilla: no React here; ./useAppStore.ts binds it to React).
 *
 * Slow state only: the loaded mission, load errors, whether playback runs and how fast, the
 * camera mode and the spacecraft in focus. Each changes on a click or a key, never per frame. The
 * current sim time is fast state and lives in the `SimClock` held here (a stable object, never
 * replaced): the frame loop advances it and the HUD, plots and timeline follow it by subscribing.
 *
 * Layering: physics (src/sim, src/scenario) -> view model (src/view/model) -> this store ->
 * React components (src/view). The physics is imported lazily (./load.ts, with zod, mathjs and
 * astronomy-engine): it is not part of the first load, and the page draws while it arrives.
 */

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ScenarioIssue } from '../scenario/validate.ts';
import type { ExampleScenario } from '../view/model/examples.ts';
import { adjacentStop, eventStops, type Mission } from '../view/model/mission.ts';
import { SimClock } from './clock.ts';

/** Playback speeds offered, sim seconds per wall second. */
export const SPEEDS = [1, 10, 60, 100, 300, 1000, 3000, 10000] as const;
/** Speed at start: 48 h in under 3 min. */
export const DEFAULT_SPEED = 1000;

/** Camera modes: around the target, following a spacecraft, or from a spacecraft at the target. */
export type CameraMode = 'orbit' | 'follow' | 'inspector';

/** Problems found in a scenario that was not loaded. */
export interface LoadError {
  /** File or example name. */
  sourceName: string;
  issues: ScenarioIssue[];
}

/** How a scenario is loaded. */
export interface LoadOptions {
  /** Example name when it is a bundled example (kept for the menu and the URL). */
  exampleName?: string | null;
  /** Start playing after loading (default: keep playing if it was). */
  play?: boolean;
}

/** State and actions of the app. */
export interface AppState {
  /** The playback clock (fast state; the same object for the life of the store). */
  readonly clock: SimClock;
  /** Bundled examples, default first. */
  readonly examples: readonly ExampleScenario[];
  /** The mission shown, or null before the first successful load. */
  mission: Mission | null;
  /** Incremented on every successful load (a key that remounts the scene). */
  missionSerial: number;
  /** Example name of the mission shown (null: opened from a file). */
  exampleName: string | null;
  /** Problems of the last scenario that failed to load (the mission shown is unchanged). */
  loadError: LoadError | null;
  /** Mirrors `clock.playing`. */
  playing: boolean;
  /** Mirrors `clock.multiplier`, sim s per wall s. */
  speed: number;
  cameraMode: CameraMode;
  /** Spacecraft followed or looked from (camera modes `follow`, `inspector`). */
  focusCraftId: string | null;

  /** Whether a scenario is being validated and run. */
  loading: boolean;

  /**
   * Loads scenario text; on failure keeps the current mission and sets `loadError`. When loads
   * overlap, the last one started wins and the others resolve false.
   * @returns true when loaded
   */
  loadText(text: string, sourceName: string, options?: LoadOptions): Promise<boolean>;
  /** Loads a bundled example by name; an unknown name is a load error. */
  loadExample(name: string, options?: LoadOptions): Promise<boolean>;
  dismissError(): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  /** Sets the speed, sim s per wall s. */
  setSpeed(multiplier: number): void;
  /** One step along `SPEEDS`. */
  stepSpeed(dir: 1 | -1): void;
  /** Moves the clock to `tS`, s since the epoch. */
  seek(tS: number): void;
  /** Jumps to the next (1) or previous (-1) event. */
  stepEvent(dir: 1 | -1): void;
  setCameraMode(mode: CameraMode): void;
  setFocusCraft(id: string): void;
}

/** Options of `createAppStore`. */
export interface AppStoreOptions {
  examples?: readonly ExampleScenario[];
  clock?: SimClock;
  speed?: number;
}

/** Creates the store (one per app; tests make their own). */
export function createAppStore(options: AppStoreOptions = {}): StoreApi<AppState> {
  const clock = options.clock ?? new SimClock();
  clock.setMultiplier(options.speed ?? DEFAULT_SPEED);
  let stops: number[] = [];
  let loadTicket = 0;

  const store = createStore<AppState>()((set, get) => ({
    clock,
    examples: options.examples ?? [],
    mission: null,
    missionSerial: 0,
    exampleName: null,
    loadError: null,
    playing: clock.playing,
    speed: clock.multiplier,
    cameraMode: 'orbit',
    focusCraftId: null,
    loading: false,

    async loadText(text, sourceName, opts = {}) {
      const ticket = ++loadTicket;
      set({ loading: true });
      const { prepareScenario } = await import('./load.ts');
      // Let the "loading" state paint before the run blocks the main thread for ~0.1 s.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (ticket !== loadTicket) return false;
      const prepared = prepareScenario(text, sourceName);
      if (ticket !== loadTicket) return false;
      if (!prepared.ok) {
        set({ loading: false, loadError: { sourceName, issues: prepared.issues } });
        return false;
      }
      const mission = prepared.mission;
      const wasPlaying = clock.playing;
      stops = eventStops(mission);
      clock.reset(0, mission.durationS);
      const prev = get().focusCraftId;
      set({
        mission,
        loading: false,
        missionSerial: get().missionSerial + 1,
        exampleName: opts.exampleName ?? null,
        loadError: null,
        focusCraftId: mission.crafts.some((c) => c.id === prev)
          ? prev
          : (mission.crafts[0]?.id ?? null),
      });
      if (opts.play ?? wasPlaying) clock.play();
      return true;
    },

    async loadExample(name, opts = {}) {
      const example = get().examples.find((e) => e.name === name);
      if (!example) {
        const known = get()
          .examples.map((e) => e.name)
          .join(', ');
        set({
          loadError: {
            sourceName: name,
            issues: [
              { path: '', message: `no example named "${name}"; the examples are: ${known}` },
            ],
          },
        });
        return false;
      }
      return await get().loadText(example.text, `${example.name}.json`, {
        ...opts,
        exampleName: name,
      });
    },

    dismissError: () => set({ loadError: null }),
    play: () => clock.play(),
    pause: () => clock.pause(),
    togglePlay: () => (clock.playing ? clock.pause() : clock.play()),
    setSpeed: (multiplier) => clock.setMultiplier(multiplier),
    stepSpeed(dir) {
      const i = SPEEDS.findIndex((s) => s >= clock.multiplier);
      const cur = i < 0 ? SPEEDS.length - 1 : i;
      const next = SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, cur + dir))]!;
      clock.setMultiplier(next);
    },
    seek: (tS) => clock.seek(tS),
    stepEvent(dir) {
      const t = adjacentStop(stops, clock.tS, dir);
      if (t !== null) clock.seek(t);
      else if (dir < 0) clock.seek(clock.startS);
      else clock.seek(clock.endS);
    },
    setCameraMode: (mode) => set({ cameraMode: mode }),
    setFocusCraft: (id) => set({ focusCraftId: id }),
  }));

  // The clock stops by itself at the end: keep the store's mirror in step.
  clock.subscribe((c, change) => {
    if (change !== 'state') return;
    const s = store.getState();
    if (s.playing !== c.playing || s.speed !== c.multiplier) {
      store.setState({ playing: c.playing, speed: c.multiplier });
    }
  });
  return store;
}
